package dev.streampulse.config;

import java.util.Map;

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
        return i < 0 ? "" : url.substring(0, i).toLowerCase(java.util.Locale.ROOT);
    }
}
