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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final SessionSlots sessions;
    private final long startedAtMs = System.currentTimeMillis();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<EventLoop, FrameTicker> tickers = new ConcurrentHashMap<>();
    private final Channel rtspChannel;
    private final Channel mjpegChannel;
    private final Channel blackholeChannel;
    private final int refusedPort;
    private volatile boolean closed;

    CameraSimulator(CameraSimulatorBuilder b) throws InterruptedException {
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
        this.sessions = new SessionSlots(b.maxSessions);
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

    public static CameraSimulatorBuilder builder() {
        return new CameraSimulatorBuilder();
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
        return sessions.acquire(camera);
    }

    void releaseSession(String camera) {
        sessions.release(camera);
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
}
