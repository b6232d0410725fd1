package dev.streampulse.probe;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Caps the sessions open at once to one camera, and to one declared NVR/restreamer host.
 * Consumer cameras (Tapo and the like) accept only a couple of RTSP clients, and a monitor must never
 * be the one that locks the owner out. A camera is a {@code host:port}; on a host declared in
 * {@code hosts:} (an NVR, go2rtc, MediaMTX, Frigate's restream serving dozens of streams on one port)
 * each stream path is a camera of its own, and the host as a whole has its {@code max_sessions}.
 *
 * <p>Scheduled probes ask without waiting ({@link #tryAcquire}): a probe whose camera is busy waits in
 * the scheduler, not on a probe thread. On-demand grabs (live preview, "test URL") may wait
 * ({@link #acquire}) on the web request's own thread.
 */
public final class HostLimiter {
    private final int perCamera;
    private final Map<String, Integer> hostCaps;
    /**
     * A camera frees a session a moment after we close it (it must see the TEARDOWN or the closed
     * socket): a session counts as open for this long after its probe ends, so the next probe of a
     * camera at its cap is not refused (453 / 503, BUSY) by a slot the camera has not freed yet.
     */
    static final long LINGER_MS = 100;
    private final Map<String, Integer> open = new HashMap<>();
    /** When recent sessions of capped cameras closed (nanoTime), within LINGER_MS. */
    private final Map<String, java.util.ArrayDeque<Long>> closed = new HashMap<>();
    /** Blocking waiters per camera, first come first served (a releasing thread does not barge back in). */
    private final Map<String, java.util.ArrayDeque<Object>> waiters = new HashMap<>();

    /**
     * @param perCamera sessions at once to one camera; 0 = unlimited
     * @param hostCaps  declared hosts ({@code host} or {@code host:port}, lower case) → sessions at once to the whole host
     */
    public HostLimiter(int perCamera, Map<String, Integer> hostCaps) {
        this.perCamera = perCamera;
        this.hostCaps = Map.copyOf(hostCaps);
    }

    public HostLimiter(int perCamera) {
        this(perCamera, Map.of());
    }

    public int perCamera() {
        return perCamera;
    }

    public Map<String, Integer> hostCaps() {
        return hostCaps;
    }

    /** The counters one session of {@code url} takes: its camera and, on a declared host, the host. */
    public Keys keys(String url) {
        URI u = URI.create(url);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : defaultPort(u.getScheme());
        String hostPort = host + ":" + port;
        String declared = hostCaps.containsKey(hostPort) ? hostPort : hostCaps.containsKey(host) ? host : null;
        if (declared == null) return new Keys(hostPort, null, perCamera);
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return new Keys(hostPort + path, declared, perCamera);
    }

    /** A permit without waiting, or null when the camera or its host has no free session now. */
    public synchronized Permit tryAcquire(String url) {
        Keys k = keys(url);
        if (waiters.containsKey(k.camera()) || !free(k)) return null;
        take(k);
        return new Permit(this, k);
    }

    /** A permit, waiting at most {@code waitMillis} for one; null when none came free in time. */
    public synchronized Permit acquire(String url, long waitMillis) throws InterruptedException {
        Keys k = keys(url);
        long deadline = System.currentTimeMillis() + Math.max(0, waitMillis);
        Object me = new Object();
        java.util.ArrayDeque<Object> queue = waiters.computeIfAbsent(k.camera(), c -> new java.util.ArrayDeque<>());
        queue.addLast(me);
        try {
            while (queue.peekFirst() != me || !free(k)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return null;
                wait(Math.min(left, LINGER_MS)); // a lingering session frees without a notify
            }
            take(k);
            return new Permit(this, k);
        } finally {
            queue.remove(me);
            if (queue.isEmpty()) waiters.remove(k.camera());
            notifyAll(); // the next in line may go
        }
    }

    /** Sessions open now to a declared host (or camera key). */
    public synchronized int open(String key) {
        return open.getOrDefault(key, 0);
    }

    private boolean free(Keys k) {
        if (k.perCamera() > 0 && open.getOrDefault(k.camera(), 0) + lingering(k.camera()) >= k.perCamera()) return false;
        return k.host() == null || open.getOrDefault(k.host(), 0) < hostCaps.get(k.host());
    }

    private void take(Keys k) {
        open.merge(k.camera(), 1, Integer::sum);
        if (k.host() != null) open.merge(k.host(), 1, Integer::sum);
    }

    private int lingering(String camera) {
        java.util.ArrayDeque<Long> q = closed.get(camera);
        if (q == null) return 0;
        long since = System.nanoTime() - java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
        while (!q.isEmpty() && q.peekFirst() - since < 0) q.pollFirst();
        if (q.isEmpty()) closed.remove(camera);
        return q.size();
    }

    private synchronized void release(Keys k) {
        if (k.perCamera() > 0) closed.computeIfAbsent(k.camera(), c -> new java.util.ArrayDeque<>()).addLast(System.nanoTime());
        open.computeIfPresent(k.camera(), (key, n) -> n <= 1 ? null : n - 1);
        if (k.host() != null) open.computeIfPresent(k.host(), (key, n) -> n <= 1 ? null : n - 1);
        notifyAll();
    }

    private static int defaultPort(String scheme) {
        if (scheme == null) return -1;
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "rtsp" -> 554;
            case "rtsps" -> 322;
            case "https" -> 443;
            default -> 80;
        };
    }

    /** What a session counts against: its camera, and its declared host (null if none). */
    public record Keys(String camera, String host, int perCamera) {
        /** Where a probe waits, in words (logs and HOST_WAIT beats). */
        public String describe(HostLimiter l) {
            return host != null ? "host " + host + " (max_sessions " + l.hostCaps.get(host) + ", per camera " + perCamera + ")"
                    : "camera " + camera + " (per_host_limit " + perCamera + ")";
        }
    }

    /** One open session; closing it twice frees it once. */
    public static final class Permit implements AutoCloseable {
        private final HostLimiter limiter;
        private final Keys keys;
        private boolean closed;

        private Permit(HostLimiter limiter, Keys keys) {
            this.limiter = limiter;
            this.keys = keys;
        }

        public Keys keys() {
            return keys;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) return;
                closed = true;
            }
            limiter.release(keys);
        }
    }
}
