package dev.streampulse.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    public enum Key implements ConfigKey { NAME, URI, EVENTS, STREAMS, FORMAT, TOPIC, MIN_INTERVAL_SECONDS }

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
        return UrlRedactor.redact(uri);
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

    /** {@code alerts:}; an alert with any problem is left out (and the config refused). */
    static List<AlertRule> readAll(ConfigSection top) {
        List<AlertRule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        top.eachItem(AppConfig.Key.ALERTS, "alerts: must be a list of alerts (each with name and uri)",
                "must be a mapping with name and uri", (i, m) -> {
            String name = m.get(Key.NAME.key()) == null ? "" : String.valueOf(m.get(Key.NAME.key())).trim();
            ConfigSection a = top.item(AppConfig.Key.ALERTS, i, m, name);
            int before = a.problemCount();
            a.unknownKeys(EnumSet.allOf(Key.class));
            if (name.isEmpty()) a.problem(Key.NAME, "name is required");
            else if (!names.add(name)) a.problem(Key.NAME, "name '" + name + "' is used by another alert");
            String uri = a.get(Key.URI) == null ? "" : a.string(Key.URI).trim();
            if (uri.isEmpty()) a.problem(Key.URI, "uri is required (a Camel endpoint, e.g. netty-http:https://host/hook)");
            else if (uri.length() > 4096 || !uri.matches("[a-z][a-z0-9+.-]*:.+")) {
                a.problem(Key.URI, "uri '" + UrlRedactor.redact(uri) + "' is not a Camel endpoint URI (scheme:...)");
            } else {
                String problem = uriProblem(uri);
                if (problem != null) a.problem(Key.URI, "uri '" + UrlRedactor.redact(uri) + "' " + problem);
            }
            Set<String> events = new LinkedHashSet<>();
            for (String e : a.strings(Key.EVENTS)) events.add(e.trim().toLowerCase(Locale.ROOT));
            List<String> streams = a.strings(Key.STREAMS);
            String format = a.get(Key.FORMAT) == null ? (uri.startsWith("paho") ? "mqtt" : "json")
                    : a.string(Key.FORMAT).toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(format)) a.problem(Key.FORMAT, "format '" + format + "' is not one of " + new TreeSet<>(FORMATS));
            String topic = a.string(Key.TOPIC);
            int minInterval = a.nonNegativeInt(Key.MIN_INTERVAL_SECONDS, 0);
            if (a.problemCount() == before) out.add(new AlertRule(name, uri, events, streams, format, topic, minInterval));
        });
        return out;
    }

    @Override
    public String toString() {
        return "AlertRule[name=" + name + ", uri=" + safeUri() + ", events=" + events + ", streams=" + streams
                + ", format=" + format + "]";
    }
}
