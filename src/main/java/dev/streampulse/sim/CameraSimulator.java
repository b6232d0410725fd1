package dev.streampulse.sim;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A farm of simulated cameras on one RTSP port and one MJPEG port. Any {@code /camK} is a healthy
 * camera; fault paths are described in README-sim.md.
 *
 * <pre>
 * try (CameraSimulator sim = CameraSimulator.builder().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start()) {
 *     String url = sim.rtspUrl("cam1");   // rtsp://127.0.0.1:PORT/cam1
 * }
 * </pre>
 */
public final class CameraSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CameraSimulator.class.getName());

    private final String host;
    private final DigestAuth auth;
    private final String user;
    private final String password;
    private final long switchAfterMs;
    private final long openDelayMs;
    private final long slowIntervalMs;
    private final int endsAfterFrames;
    private final long replyDelayMinMs;
    private final long replyDelayMaxMs;
    private final boolean gopCache;
    private final int gopFrames;
    private final Scene scene;
    private final int width;
    private final int height;
    private final int maxSessions;
    private final Map<String, Integer> sessions = new ConcurrentHashMap<>();
    private final long startedAtMs = System.currentTimeMillis();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<EventLoop, FrameTicker> tickers = new ConcurrentHashMap<>();
    private final Channel rtspChannel;
    private final Channel mjpegChannel;
    private final Channel blackholeChannel;
    private final int refusedPort;
    private volatile boolean closed;

    private CameraSimulator(Builder b) throws InterruptedException {
        this.host = b.bind;
        this.user = b.user;
        this.password = b.password;
        this.auth = new DigestAuth(b.user, b.password);
        this.switchAfterMs = b.switchAfter.toMillis();
        this.openDelayMs = b.openDelay.toMillis();
        this.slowIntervalMs = b.slowInterval.toMillis();
        this.endsAfterFrames = b.endsAfterFrames;
        this.replyDelayMinMs = b.replyDelayMin.toMillis();
        this.replyDelayMaxMs = Math.max(replyDelayMinMs, b.replyDelayMax.toMillis());
        this.gopCache = b.gopCache;
        this.gopFrames = b.gopFrames;
        this.scene = b.scene;
        this.width = b.width;
        this.height = b.height;
        this.maxSessions = b.maxSessions;
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("sim-accept", true));
        this.workers = new NioEventLoopGroup(b.ioThreads, new DefaultThreadFactory("sim-io", true));
        Channel rtsp = null;
        Channel mjpeg = null;
        try {
            rtsp = b.rtspPort < 0 ? null : RtspServer.bind(this, boss, workers, host, b.rtspPort);
            mjpeg = b.mjpegPort < 0 ? null : MjpegServer.bind(this, boss, workers, host, b.mjpegPort);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        this.rtspChannel = rtsp;
        this.mjpegChannel = mjpeg;
        this.blackholeChannel = BlackholeServer.bind(boss, workers, host);
        this.refusedPort = findRefusedPort(host);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Port of the RTSP server (resolved when built with port 0), or -1 if disabled. */
    /** The healthy cameras' picture size ({@code --resolution}); fault paths stay 640x360. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int rtspPort() {
        return rtspChannel == null ? -1 : ((InetSocketAddress) rtspChannel.localAddress()).getPort();
    }

    /** Port of the MJPEG (HTTP) server, or -1 if disabled. */
    public int mjpegPort() {
        return mjpegChannel == null ? -1 : ((InetSocketAddress) mjpegChannel.localAddress()).getPort();
    }

    public String host() {
        return host;
    }

    /** {@code rtsp://HOST:PORT/path}; path is e.g. {@code cam1}, {@code frozen}, {@code digest/cam3}. */
    public String rtspUrl(String path) {
        return "rtsp://" + host + ":" + rtspPort() + "/" + strip(path);
    }

    /** {@code rtsp://user:password@HOST:PORT/path}. */
    public String rtspUrl(String path, String user, String password) {
        return "rtsp://" + user + ":" + password + "@" + host + ":" + rtspPort() + "/" + strip(path);
    }

    /** {@code http://HOST:PORT/path}, the MJPEG stream (append {@code /snapshot.jpg} for one JPEG). */
    public String mjpegUrl(String path) {
        return "http://" + host + ":" + mjpegPort() + "/" + strip(path);
    }

    public String mjpegUrl(String path, String user, String password) {
        return "http://" + user + ":" + password + "@" + host + ":" + mjpegPort() + "/" + strip(path);
    }

    /**
     * A port on the bind address that was free at start (bound, then closed), so connecting is
     * refused. Another process could take it meanwhile; on a test machine that is unlikely.
     */
    public int refusedPort() {
        return refusedPort;
    }

    /** {@code rtsp://HOST:REFUSED_PORT/refused}. */
    public String refusedUrl() {
        return "rtsp://" + host + ":" + refusedPort + "/refused";
    }

    /** {@code http://HOST:REFUSED_PORT/refused}. */
    public String refusedHttpUrl() {
        return "http://" + host + ":" + refusedPort + "/refused";
    }

    /**
     * A port that accepts TCP connections and never sends a byte, whatever the protocol (the
     * {@code /blackhole} paths do the same after reading a request).
     */
    public int blackholePort() {
        return ((InetSocketAddress) blackholeChannel.localAddress()).getPort();
    }

    /** {@code rtsp://HOST:BLACKHOLE_PORT/blackhole}. */
    public String blackholeUrl() {
        return "rtsp://" + host + ":" + blackholePort() + "/blackhole";
    }

    /** Credentials that the {@code basic/} and {@code digest/} paths accept. */
    public String username() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Streams currently paced by the tickers (RTSP playing + MJPEG streaming). */
    public int activeStreams() {
        return tickers.values().stream().mapToInt(FrameTicker::size).sum();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rtspChannel != null) {
            rtspChannel.close().syncUninterruptibly();
        }
        if (mjpegChannel != null) {
            mjpegChannel.close().syncUninterruptibly();
        }
        blackholeChannel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    DigestAuth auth() {
        return auth;
    }

    /** The picture of a healthy camera (a {@code /camK} path unless the path names a scene). */
    public enum Scene {
        /** A corridor with someone walking through, sensor noise, OSD clock: the picture changes with the wall clock. */
        LIVE("live"),
        /** The same corridor with nothing moving: only sensor noise and the OSD clock change. */
        STILL("still"),
        /** The still corridor with an analogue wall clock whose second hand ticks. */
        WALL_CLOCK("wall-clock"),
        /** The instant simulator's test card: colour bars, frame counter, bouncing ball, no noise. */
        PATTERN("pattern");

        private final String path;

        Scene(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        public static Scene byPath(String s) {
            for (Scene sc : values()) {
                if (sc.path.equalsIgnoreCase(s)) {
                    return sc;
                }
            }
            return null;
        }

        TestPatternPainter.Kind kind() {
            return switch (this) {
                case LIVE -> TestPatternPainter.Kind.SCENE;
                case STILL -> TestPatternPainter.Kind.STILL;
                case WALL_CLOCK -> TestPatternPainter.Kind.WALL_CLOCK;
                case PATTERN -> TestPatternPainter.Kind.PATTERN;
            };
        }
    }

    /** One reply's latency: uniform in [min, max] ms, as a camera's CPU answers each request. */
    long replyDelayMs() {
        return replyDelayMaxMs <= 0 ? 0 : ThreadLocalRandom.current().nextLong(replyDelayMinMs, replyDelayMaxMs + 1);
    }

    /** Whether a new RTSP session gets the current GOP at once (a GOP cache) or waits for the next keyframe. */
    boolean gopCache() {
        return gopCache;
    }

    /**
     * Takes one of the camera's session slots; false when {@code maxSessions} are open already (the
     * caller answers 453 / 503). Every true must be matched by {@link #releaseSession}.
     */
    boolean acquireSession(String camera) {
        if (maxSessions <= 0) {
            return true;
        }
        boolean[] ok = {false};
        sessions.compute(camera, (k, n) -> {
            int open = n == null ? 0 : n;
            ok[0] = open < maxSessions;
            return ok[0] ? open + 1 : open;
        });
        return ok[0];
    }

    void releaseSession(String camera) {
        if (maxSessions > 0) {
            sessions.computeIfPresent(camera, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Which clip a path plays: faults at 640x360 H.264, healthy cameras in the simulator's scene and size. */
    ClipLibrary.Spec clipFor(CameraPath cam, boolean mjpeg) {
        ClipLibrary.Spec healthy = new ClipLibrary.Spec((cam.scene() != null ? cam.scene() : scene).kind(),
                width, height, ClipLibrary.LOOP_FRAMES, Clip.Codec.H264, gopFrames);
        if (cam.fault() == null) {
            return healthy;
        }
        return switch (cam.fault()) {
            case FROZEN -> ClipLibrary.Id.FROZEN.withGop(gopFrames);
            case FROZEN_CLOCK -> ClipLibrary.Id.FROZEN_CLOCK.withGop(gopFrames);
            case FROZEN_NOISY -> new ClipLibrary.Spec(TestPatternPainter.Kind.FROZEN_NOISY, 640, 360, 4 * gopFrames,
                    Clip.Codec.H264, gopFrames);
            case BLACK -> ClipLibrary.Id.BLACK.withGop(gopFrames);
            case UNIFORM -> ClipLibrary.Id.UNIFORM.withGop(gopFrames);
            case SWITCH_RESOLUTION -> switched() ? ClipLibrary.Id.SMALL.withGop(gopFrames) : healthy;
            // MJPEG has one codec; switch-codec serves the normal clip over HTTP
            case SWITCH_CODEC -> switched() && !mjpeg ? ClipLibrary.Id.MPEG4.withGop(gopFrames) : healthy;
            default -> healthy;
        };
    }

    long openDelayMs() {
        return openDelayMs;
    }

    long slowIntervalMs() {
        return slowIntervalMs;
    }

    int endsAfterFrames() {
        return endsAfterFrames;
    }

    /** Whether switch-codec/switch-resolution sessions starting now get the other profile. */
    boolean switched() {
        return System.currentTimeMillis() - startedAtMs >= switchAfterMs;
    }

    FrameTicker ticker(EventLoop loop) {
        return tickers.computeIfAbsent(loop, FrameTicker::new);
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static int findRefusedPort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings; defaults: 127.0.0.1, RTSP 8554, MJPEG 8081, admin/secret, switch after 30 s. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int rtspPort = 8554;
        private int mjpegPort = 8081;
        private String user = "admin";
        private String password = "secret";
        private Duration switchAfter = Duration.ofSeconds(30);
        private Duration openDelay = Duration.ofMillis(1000);
        private Duration slowInterval = Duration.ofSeconds(5);
        private int endsAfterFrames = 3;
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private boolean warmUp = true;
        private Duration replyDelayMin = Duration.ofMillis(20);
        private Duration replyDelayMax = Duration.ofMillis(60);
        private boolean gopCache;
        private int gopFrames = 2 * ClipLibrary.FPS;
        private Scene scene = Scene.LIVE;
        private int width = 640;
        private int height = 360;
        private int maxSessions;

        private Builder() {
        }

        /**
         * The fast simulator for tests where realism is not under test: GOP cache (a first frame
         * at once), no reply latency, 1 s GOP, the test card. Options set after this still apply.
         */
        public Builder instant() {
            return gopCache(true).replyDelay(Duration.ZERO, Duration.ZERO).gopSeconds(1).scene(Scene.PATTERN);
        }

        /** Every RTSP reply and HTTP response head is sent after a delay uniform in [min, max]; default 20-60 ms. */
        public Builder replyDelay(Duration min, Duration max) {
            this.replyDelayMin = min;
            this.replyDelayMax = max;
            return this;
        }

        /** true: a new RTSP session gets the current GOP from its keyframe at once; false (default): it waits for the next keyframe. */
        public Builder gopCache(boolean on) {
            this.gopCache = on;
            return this;
        }

        /** Keyframe interval; default 2 s (at 10 fps: 20 frames). */
        public Builder gopSeconds(double seconds) {
            this.gopFrames = Math.max(1, (int) Math.round(seconds * ClipLibrary.FPS));
            return this;
        }

        /** The healthy cameras' picture; default {@link Scene#LIVE}. */
        public Builder scene(Scene scene) {
            this.scene = scene;
            return this;
        }

        /** The healthy cameras' size; default 640x360 (faults stay 640x360). */
        public Builder resolution(int width, int height) {
            if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("resolution must be even and at least 16x16: " + width + "x" + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /** Sessions one camera (one path) serves at once, like a Tapo's 2; 0 (default) = unlimited. */
        public Builder maxSessions(int n) {
            this.maxSessions = n;
            return this;
        }

        public Builder bind(String host) {
            this.bind = host;
            return this;
        }

        /** 0 picks a free port; -1 disables RTSP. */
        public Builder rtspPort(int port) {
            this.rtspPort = port;
            return this;
        }

        /** 0 picks a free port; -1 disables MJPEG. */
        public Builder mjpegPort(int port) {
            this.mjpegPort = port;
            return this;
        }

        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** switch-codec/switch-resolution sessions started this long after start get the other profile. */
        public Builder switchAfter(Duration d) {
            this.switchAfter = d;
            return this;
        }

        /** How late {@code /delayed} answers each RTSP request / its HTTP response headers. */
        public Builder openDelay(Duration d) {
            this.openDelay = d;
            return this;
        }

        /** Time between frames on {@code /slow}. */
        public Builder slowInterval(Duration d) {
            this.slowInterval = d;
            return this;
        }

        /** MJPEG {@code /ends} closes after this many frames. */
        public Builder endsAfterFrames(int n) {
            this.endsAfterFrames = n;
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /** Encode the healthy clip (H.264 and JPEG) before start() returns; on by default. */
        public Builder warmUp(boolean warmUp) {
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
}
