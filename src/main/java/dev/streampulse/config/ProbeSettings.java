package dev.streampulse.config;

/**
 * How hard the monitor may probe.
 *
 * @param concurrency  probe threads (each open session holds one while it waits for a frame)
 * @param perHostLimit sessions open at once to one camera host; consumer cameras such as Tapo
 *                     accept only a couple of RTSP clients. 0 means unlimited.
 */
public record ProbeSettings(int concurrency, int perHostLimit) {
    public static final ProbeSettings DEFAULT = new ProbeSettings(32, 2);
}
