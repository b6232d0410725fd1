package dev.streampulse.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One camera stream as configured. {@code url} may carry credentials: never log or render it,
 * use {@link UrlRedactor#redact(String)}.
 */
public record StreamConfig(
        String name,
        String url,
        boolean enabled,
        int heartbeatSeconds,
        int timeoutSeconds,
        Map<String, String> labels,
        HealthSettings health) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    /** A stream's own keys; it may also set every {@link HealthSettings.Key}. */
    public enum Key implements ConfigKey { NAME, URL, ENABLED, HEARTBEAT_SECONDS, TIMEOUT_SECONDS, LABELS }

    private static final Set<ConfigKey> KNOWN = new HashSet<>();

    static {
        KNOWN.addAll(EnumSet.allOf(Key.class));
        KNOWN.addAll(EnumSet.allOf(HealthSettings.Key.class));
    }

    public StreamConfig {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        health = health == null ? HealthSettings.DEFAULT : health;
    }

    public StreamConfig(String name, String url, boolean enabled, int heartbeatSeconds, int timeoutSeconds,
                        Map<String, String> labels) {
        this(name, url, enabled, heartbeatSeconds, timeoutSeconds, labels, HealthSettings.DEFAULT);
    }

    /** The URL as it may be shown to a person or written to a log. */
    public String safeUrl() {
        return UrlRedactor.redact(url);
    }

    /** Records print every field: this one must never print the password. */
    @Override
    public String toString() {
        return "StreamConfig[name=" + name + ", url=" + safeUrl() + ", enabled=" + enabled + ", heartbeatSeconds="
                + heartbeatSeconds + ", timeoutSeconds=" + timeoutSeconds + ", labels=" + labels + ", health=" + health + "]";
    }

    public String scheme() {
        int i = url.indexOf(':');
        return i < 0 ? "" : url.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** {@code streams:}; a stream without its own heartbeat or health keys follows the global ones. */
    static List<StreamConfig> readAll(ConfigSection top, int defaultHeartbeat, HealthSettings health) {
        List<StreamConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        top.eachItem(AppConfig.Key.STREAMS, "streams: must be a list of streams (each with name and url)",
                "must be a mapping with name and url", (i, m) -> {
            Object rawName = m.get(Key.NAME.key());
            String name = rawName == null ? null : String.valueOf(rawName).trim();
            ConfigSection s = top.item(AppConfig.Key.STREAMS, i, m, name);
            int before = s.problemCount();
            s.unknownKeys(KNOWN);
            if (name == null || name.isEmpty()) {
                s.problem(Key.NAME, "name is required");
            } else if (name.length() > 100) {
                s.problem(Key.NAME, "name is longer than 100 characters");
            } else if (name.chars().anyMatch(Character::isISOControl)) {
                s.problem(Key.NAME, "name contains control characters");
            } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                s.problem(Key.NAME, "name '" + name + "' is used by another stream (names must be unique)");
            }
            String url = url(s);
            boolean enabled = s.bool(Key.ENABLED, true);
            int hb = s.positiveInt(Key.HEARTBEAT_SECONDS, defaultHeartbeat, 86_400);
            int timeout = s.positiveInt(Key.TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS, 300);
            Map<String, String> labels = labels(s);
            HealthSettings own = HealthSettings.readOver(s, health);
            if (s.problemCount() == before) out.add(new StreamConfig(name, url, enabled, hb, timeout, labels, own));
        });
        return out;
    }

    private static String url(ConfigSection s) {
        String url = s.string(Key.URL);
        if (url == null || url.isBlank()) {
            s.problem(Key.URL, "url is required");
            return null;
        }
        url = url.trim();
        String problem = ConfigLoader.urlProblem(url);
        if (problem != null) s.problem(Key.URL, "url " + problem);
        return url;
    }

    private static Map<String, String> labels(ConfigSection s) {
        Object value = s.get(Key.LABELS);
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> m)) {
            s.problem(Key.LABELS, "labels must be a mapping of key: value");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
