package dev.streampulse.sim;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/** Settings; defaults: 127.0.0.1, RTSP 8554, MJPEG 8081, admin/secret, switch after 30 s. */
public final class CameraSimulatorBuilder {

    private static final Logger LOG = Logger.getLogger(CameraSimulator.class.getName());

    String bind = "127.0.0.1";
    int rtspPort = 8554;
    int mjpegPort = 8081;
    String user = "admin";
    String password = "secret";
    Duration switchAfter = Duration.ofSeconds(30);
    Duration openDelay = Duration.ofMillis(1000);
    Duration slowInterval = Duration.ofSeconds(5);
    int endsAfterFrames = 3;
    int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    boolean warmUp = true;
    Duration replyDelayMin = Duration.ofMillis(20);
    Duration replyDelayMax = Duration.ofMillis(60);
    boolean gopCache;
    int gopFrames = 2 * ClipLibrary.FPS;
    Scene scene = Scene.LIVE;
    int width = 640;
    int height = 360;
    int maxSessions;

    CameraSimulatorBuilder() {
    }

    /**
     * The fast simulator for tests where realism is not under test: GOP cache (a first frame
     * at once), no reply latency, 1 s GOP, the test card. Options set after this still apply.
     */
    public CameraSimulatorBuilder instant() {
        return gopCache(true).replyDelay(Duration.ZERO, Duration.ZERO).gopSeconds(1).scene(Scene.PATTERN);
    }

    /** Every RTSP reply and HTTP response head is sent after a delay uniform in [min, max]; default 20-60 ms. */
    public CameraSimulatorBuilder replyDelay(Duration min, Duration max) {
        this.replyDelayMin = min;
        this.replyDelayMax = max;
        return this;
    }

    /** true: a new RTSP session gets the current GOP from its keyframe at once; false (default): it waits for the next keyframe. */
    public CameraSimulatorBuilder gopCache(boolean on) {
        this.gopCache = on;
        return this;
    }

    /** Keyframe interval; default 2 s (at 10 fps: 20 frames). */
    public CameraSimulatorBuilder gopSeconds(double seconds) {
        this.gopFrames = Math.max(1, (int) Math.round(seconds * ClipLibrary.FPS));
        return this;
    }

    /** The healthy cameras' picture; default {@link Scene#LIVE}. */
    public CameraSimulatorBuilder scene(Scene scene) {
        this.scene = scene;
        return this;
    }

    /** The healthy cameras' size; default 640x360 (faults stay 640x360). */
    public CameraSimulatorBuilder resolution(int width, int height) {
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("resolution must be even and at least 16x16: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Sessions one camera (one path) serves at once, like a Tapo's 2; 0 (default) = unlimited. */
    public CameraSimulatorBuilder maxSessions(int n) {
        this.maxSessions = n;
        return this;
    }

    public CameraSimulatorBuilder bind(String host) {
        this.bind = host;
        return this;
    }

    /** 0 picks a free port; -1 disables RTSP. */
    public CameraSimulatorBuilder rtspPort(int port) {
        this.rtspPort = port;
        return this;
    }

    /** 0 picks a free port; -1 disables MJPEG. */
    public CameraSimulatorBuilder mjpegPort(int port) {
        this.mjpegPort = port;
        return this;
    }

    public CameraSimulatorBuilder credentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /** switch-codec/switch-resolution sessions started this long after start get the other profile. */
    public CameraSimulatorBuilder switchAfter(Duration d) {
        this.switchAfter = d;
        return this;
    }

    /** How late {@code /delayed} answers each RTSP request / its HTTP response headers. */
    public CameraSimulatorBuilder openDelay(Duration d) {
        this.openDelay = d;
        return this;
    }

    /** Time between frames on {@code /slow}. */
    public CameraSimulatorBuilder slowInterval(Duration d) {
        this.slowInterval = d;
        return this;
    }

    /** MJPEG {@code /ends} closes after this many frames. */
    public CameraSimulatorBuilder endsAfterFrames(int n) {
        this.endsAfterFrames = n;
        return this;
    }

    public CameraSimulatorBuilder ioThreads(int n) {
        this.ioThreads = n;
        return this;
    }

    /** Encode the healthy clip (H.264 and JPEG) before start() returns; on by default. */
    public CameraSimulatorBuilder warmUp(boolean warmUp) {
        this.warmUp = warmUp;
        return this;
    }

    public CameraSimulator start() {
        long t0 = System.nanoTime();
        if (warmUp) {
            try {
                ClipLibrary.Spec healthy = new ClipLibrary.Spec(scene.kind(), width, height, ClipLibrary.LOOP_FRAMES,
                        Clip.Codec.H264, gopFrames);
                var video = ClipLibrary.video(healthy);
                var jpeg = ClipLibrary.jpeg(healthy);
                video.get();
                jpeg.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not encode the test clip", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            CameraSimulator sim = new CameraSimulator(this);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LOG.info(() -> "camera simulator up in " + ms + " ms: rtsp " + sim.rtspPort() + ", mjpeg " + sim.mjpegPort());
            return sim;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
