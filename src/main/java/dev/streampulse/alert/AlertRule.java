package dev.streampulse.alert;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&][^=&]*(?:pass|secret|token|key|auth|pwd)[^=&]*=)[^&]*");
    private static final Pattern USERINFO = Pattern.compile("(?i)(//[^/@:\\s]*):[^/@\\s]*@");

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

    /** Masks user:password@ and query parameters that look like secrets. */
    public static String redact(String uri) {
        if (uri == null) return null;
        String s = USERINFO.matcher(uri).replaceAll("$1:***@");
        return SECRET_PARAM.matcher(s).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "AlertRule[name=" + name + ", uri=" + safeUri() + ", events=" + events + ", streams=" + streams
                + ", format=" + format + "]";
    }
}
