package dev.streampulse.alert;

import dev.streampulse.config.UrlRedactor;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of {@code alerts:} in config.yaml: where to send (a Camel endpoint URI), what and for whom.
 * The URI may carry a password or token: show {@link #safeUri()} only.
 *
 * @param events      event names wanted (lower case: down, up, degraded, paused, unknown, frozen,
 *                    black, uniform, slow, profile_changed, or a failure reason such as timeout); empty = all
 * @param streams     stream names wanted; empty = all
 * @param format      payload template: json, text or mqtt (online/offline)
 * @param topic       MQTT topic with {@code {stream}} replaced per stream; null = the URI's own topic
 * @param minInterval seconds between two messages of this alert about one stream (0 = no limit)
 */
public record AlertRule(String name, String uri, Set<String> events, List<String> streams, String format,
                        String topic, int minInterval) {
    public static final Set<String> FORMATS = Set.of("json", "text", "mqtt");
    /** The endpoints an alert may name; anything more powerful belongs in data/routes/ (needs file access). */
    public static final List<String> SCHEMES = List.of("netty-http", "smtp", "smtps", "paho", "paho-mqtt5", "log", "seda", "direct");
    /** StreamPulse's own queues: an alert handing its payload to one of them would feed the pipeline. */
    private static final Set<String> OWN_QUEUES = Set.of("events", "alert-out", "alert-news", "heartbeats", "heartbeats-tap", "probe");

    public AlertRule {
        events = Set.copyOf(events);
        streams = List.copyOf(streams);
    }

    public boolean wants(String stream, Set<String> eventNames) {
        if (!streams.isEmpty() && !streams.contains(stream)) return false;
        if (events.isEmpty()) return true;
        return eventNames.stream().anyMatch(e -> events.contains(e.toLowerCase(Locale.ROOT)));
    }

    public String safeUri() {
        return redact(uri);
    }

    /**
     * Why an alert URI is refused, or null. Only {@link #SCHEMES}; no Camel property placeholders
     * ({@code {{env:…}}}), simple expressions ({@code ${…}}) or bean references ({@code #…}), no
     * option that names a local file. The URI is checked as the user wrote it: Camel resolves
     * placeholders when it creates the endpoint, so {@code {{env:STREAMPULSE_DB_PASSWORD}}} would
     * otherwise be sent to any host.
     */
    public static String uriProblem(String uri) {
        if (uri.length() > 4096) return "is longer than 4096 characters";
        if (uri.chars().anyMatch(c -> c <= ' ')) return "must not contain spaces or control characters";
        for (String bad : List.of("{{", "${", "#")) {
            if (uri.contains(bad)) {
                return "must not contain '" + bad + "' (no Camel placeholders, expressions or bean references in alerts;"
                        + " put such routes in data/routes/)";
            }
        }
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : uri.substring(colon + 1);
        if (!SCHEMES.contains(scheme)) {
            return "scheme '" + (scheme.isEmpty() ? "(none)" : scheme) + "' is not allowed for alerts (use "
                    + String.join(", ", SCHEMES) + "; webhooks as netty-http:https://host/path); anything else belongs in data/routes/";
        }
        if (scheme.equals("netty-http") && !rest.matches("(?i)https?://[^/?]+.*")) {
            return "netty-http needs an http:// or https:// address (netty-http:https://host/path)";
        }
        if ((scheme.equals("seda") || scheme.equals("direct"))) {
            String name = rest.startsWith("//") ? rest.substring(2) : rest;
            int q = name.indexOf('?');
            name = q < 0 ? name : name.substring(0, q);
            if (name.isEmpty()) return scheme + " needs a queue name (e.g. " + scheme + ":my-alerts)";
            if (OWN_QUEUES.contains(name)) return scheme + ":" + name + " is one of StreamPulse's own queues; pick another name";
        }
        int q = uri.indexOf('?');
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&", 100)) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                String k = key.toLowerCase(Locale.ROOT);
                if (k.endsWith("file") || k.endsWith("resource") || k.endsWith("directory")) {
                    return "option '" + key + "' names a local file; alerts may not read files (use data/routes/)";
                }
            }
        }
        return null;
    }

    /** Masks user:password@ and query parameters that look like secrets ({@link UrlRedactor}). */
    public static String redact(String uri) {
        return UrlRedactor.redact(uri);
    }

    @Override
    public String toString() {
        return "AlertRule[name=" + name + ", uri=" + safeUri() + ", events=" + events + ", streams=" + streams
                + ", format=" + format + "]";
    }
}
