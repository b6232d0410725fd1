package dev.streampulse.probe;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the sessions open at once to one camera host: consumer cameras (Tapo and the like) accept
 * only a couple of RTSP clients, and a monitor must never be the one that locks the owner out.
 */
final class HostLimiter {
    private final int limit;
    private final ConcurrentHashMap<String, Semaphore> hosts = new ConcurrentHashMap<>();

    HostLimiter(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** A permit to close after the probe, or null when none came free before the deadline. */
    AutoCloseable acquire(String host, long waitMillis) throws InterruptedException {
        if (limit <= 0) return () -> {};
        Semaphore s = hosts.computeIfAbsent(host.toLowerCase(java.util.Locale.ROOT), h -> new Semaphore(limit, true));
        if (!s.tryAcquire(Math.max(0, waitMillis), TimeUnit.MILLISECONDS)) return null;
        return s::release;
    }
}
