package dev.streampulse.config;

import java.util.Map;

/**
 * How hard the monitor may probe.
 *
 * @param concurrency  the ceiling of probes at once ({@code probe.max_concurrency}, old name {@code concurrency}):
 *                     the probe pools follow what the fleet needs, never past this
 * @param perHostLimit sessions open at once to one camera ({@code host:port}; on a declared host, one stream
 *                     path); consumer cameras such as Tapo accept only a couple of RTSP clients. 0 means unlimited.
 * @param hosts        NVRs and restreamers ({@code host} or {@code host:port}, lower case) → sessions open at once
 *                     to the whole host ({@code hosts: {192.168.1.5: {max_sessions: 16}}})
 */
public record ProbeSettings(int concurrency, int perHostLimit, Map<String, Integer> hosts) {
    public static final int DEFAULT_MAX_CONCURRENCY = 256;
    public static final ProbeSettings DEFAULT = new ProbeSettings(DEFAULT_MAX_CONCURRENCY, 2, Map.of());

    public ProbeSettings {
        hosts = Map.copyOf(hosts);
    }

    public ProbeSettings(int concurrency, int perHostLimit) {
        this(concurrency, perHostLimit, Map.of());
    }
}
