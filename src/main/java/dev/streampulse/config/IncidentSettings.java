package dev.streampulse.config;

import java.util.EnumSet;

/**
 * {@code incidents:} in config.yaml: streams sharing a label value ({@code group_by}, default the
 * {@code site} label) that go DOWN within {@code window_seconds} of each other, at least
 * {@code min_streams} of them, make one incident (incident.IncidentDetector) with one alert.
 * Streams without the label are never grouped.
 */
public record IncidentSettings(boolean enabled, String groupBy, int windowSeconds, int minStreams) {
    public static final IncidentSettings DEFAULT = new IncidentSettings(true, "site", 60, 2);

    public enum Key implements ConfigKey { ENABLED, GROUP_BY, WINDOW_SECONDS, MIN_STREAMS }

    /** Reads the section; absent means the defaults. */
    static IncidentSettings read(ConfigSection top) {
        ConfigSection m = top.section(AppConfig.Key.INCIDENTS, EnumSet.allOf(Key.class),
                "incidents: must be a mapping (" + ConfigSection.keys(EnumSet.allOf(Key.class)) + ")");
        if (m == null) return DEFAULT;
        boolean enabled = m.bool(Key.ENABLED, DEFAULT.enabled);
        String groupBy = DEFAULT.groupBy;
        if (m.get(Key.GROUP_BY) != null) {
            groupBy = m.string(Key.GROUP_BY).trim();
            if (groupBy.isEmpty()) m.problem(Key.GROUP_BY, m.field(Key.GROUP_BY) + " must name a stream label (e.g. site)");
        }
        int window = number(m, Key.WINDOW_SECONDS, DEFAULT.windowSeconds, 86_400);
        int min = number(m, Key.MIN_STREAMS, DEFAULT.minStreams, 100_000);
        return new IncidentSettings(enabled, groupBy, window, min);
    }

    private static int number(ConfigSection m, Key k, int dflt, int max) {
        Object v = m.get(k);
        if (v == null) return dflt;
        if (v instanceof Integer i && i >= 1 && i <= max) return i;
        m.problem(k, m.field(k) + " must be a whole number from 1 to " + max + ", got '" + v + "'");
        return dflt;
    }
}
