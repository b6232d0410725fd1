package dev.streampulse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
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

    /** {@code probe:}; {@code concurrency} is the old name of {@code max_concurrency}. */
    public enum Key implements ConfigKey { MAX_CONCURRENCY, CONCURRENCY, PER_HOST_LIMIT }

    /** One entry of {@code hosts:}. */
    public enum HostKey implements ConfigKey { MAX_SESSIONS }

    public ProbeSettings {
        hosts = Map.copyOf(hosts);
    }

    public ProbeSettings(int concurrency, int perHostLimit) {
        this(concurrency, perHostLimit, Map.of());
    }

    /** {@code probe:} and {@code hosts:}. */
    static ProbeSettings read(ConfigSection top) {
        Map<String, Integer> hosts = hosts(top);
        ConfigSection m = top.section(AppConfig.Key.PROBE, EnumSet.allOf(Key.class), "probe: must be a mapping (max_concurrency, per_host_limit)");
        if (m == null) return new ProbeSettings(DEFAULT.concurrency(), DEFAULT.perHostLimit(), hosts);
        if (m.has(Key.MAX_CONCURRENCY) && m.has(Key.CONCURRENCY)) m.problem("set max_concurrency or its old name concurrency, not both");
        // concurrency is the old name: it fixed the number of probe threads; now the pools follow demand up to it
        Key key = m.has(Key.CONCURRENCY) ? Key.CONCURRENCY : Key.MAX_CONCURRENCY;
        int ceiling = m.positiveInt(key, DEFAULT.concurrency(), 4096);
        if (m.get(key) != null && ceiling == 1) m.problem(key, m.field(key) + " must be at least 2 (one fast and one slow lane)");
        int perHost = m.nonNegativeInt(Key.PER_HOST_LIMIT, DEFAULT.perHostLimit());
        return new ProbeSettings(ceiling, perHost, hosts);
    }

    /** {@code hosts: {192.168.1.5: {max_sessions: 16}}}: NVRs and restreamers with their own session cap. */
    private static Map<String, Integer> hosts(ConfigSection top) {
        Object value = top.get(AppConfig.Key.HOSTS);
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> m)) {
            top.problem(AppConfig.Key.HOSTS, "hosts: must be a mapping of host (or host:port) to {max_sessions: N}, "
                    + "e.g. hosts: {192.168.1.5: {max_sessions: 16}}");
            return Map.of();
        }
        ConfigSection all = top.section(AppConfig.Key.HOSTS);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String host = String.valueOf(e.getKey()).trim().toLowerCase(Locale.ROOT);
            if (!validHost(host)) {
                // a pasted URL's credentials are not echoed
                all.entry(UrlRedactor.redact(host), Map.of()).problem("not a host name, IP address or host:port");
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> limits)) {
                all.entry(host, Map.of()).problem("must be a mapping {max_sessions: N}");
                continue;
            }
            ConfigSection h = all.entry(host, limits);
            h.unknownKeys(EnumSet.allOf(HostKey.class));
            if (h.get(HostKey.MAX_SESSIONS) == null) {
                h.problem(HostKey.MAX_SESSIONS, h.field(HostKey.MAX_SESSIONS) + " is required (sessions the host serves at once)");
                continue;
            }
            if (out.containsKey(host)) h.problem("listed twice");
            out.put(host, h.positiveInt(HostKey.MAX_SESSIONS, 1, 4096));
        }
        return out;
    }

    private static boolean validHost(String host) {
        if (host.isEmpty() || host.length() > 260) return false;
        try {
            URI u = new URI("rtsp://" + host + "/");
            return u.getHost() != null && u.getUserInfo() == null && (u.getRawPath() == null || u.getRawPath().equals("/"))
                    && u.getQuery() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
