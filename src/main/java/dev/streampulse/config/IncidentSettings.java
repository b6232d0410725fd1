package dev.streampulse.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code incidents:} in config.yaml: streams sharing a label value ({@code group_by}, default the
 * {@code site} label) that go DOWN within {@code window_seconds} of each other, at least
 * {@code min_streams} of them, make one incident (incident.IncidentDetector) with one alert.
 * Streams without the label are never grouped.
 */
public record IncidentSettings(boolean enabled, String groupBy, int windowSeconds, int minStreams) {
    public static final IncidentSettings DEFAULT = new IncidentSettings(true, "site", 60, 2);
    static final Set<String> KEYS = Set.of("enabled", "group_by", "window_seconds", "min_streams");

    /** Reads the section, adding what is wrong to {@code problems}; null means the defaults. */
    static IncidentSettings read(Object value, List<String> problems) {
        if (value == null) return DEFAULT;
        if (!(value instanceof Map<?, ?> m)) {
            problems.add("incidents: must be a mapping (" + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            return DEFAULT;
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                problems.add("incidents: unknown key '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        boolean enabled = DEFAULT.enabled;
        if (m.get("enabled") instanceof Boolean b) enabled = b;
        else if (m.get("enabled") != null) problems.add("incidents.enabled must be true or false, got '" + m.get("enabled") + "'");
        String groupBy = DEFAULT.groupBy;
        if (m.get("group_by") != null) {
            groupBy = String.valueOf(m.get("group_by")).trim();
            if (groupBy.isEmpty()) problems.add("incidents.group_by must name a stream label (e.g. site)");
        }
        int window = number(m.get("window_seconds"), DEFAULT.windowSeconds, "incidents.window_seconds", 1, 86_400, problems);
        int min = number(m.get("min_streams"), DEFAULT.minStreams, "incidents.min_streams", 1, 100_000, problems);
        return new IncidentSettings(enabled, groupBy, window, min);
    }

    private static int number(Object v, int dflt, String field, int min, int max, List<String> problems) {
        if (v == null) return dflt;
        if (v instanceof Integer i && i >= min && i <= max) return i;
        problems.add(field + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        return dflt;
    }
}
