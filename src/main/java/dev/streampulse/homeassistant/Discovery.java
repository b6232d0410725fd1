package dev.streampulse.homeassistant;

import dev.streampulse.config.HomeAssistantSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.StreamState;
import dev.streampulse.health.StreamStatus;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Topics and payloads of Home Assistant's MQTT discovery for StreamPulse's streams, as Home Assistant
 * core's mqtt component reads them (discovery.py, schemas.py, binary_sensor.py, sensor.py): per stream a
 * device with a {@code connectivity} binary sensor and a status sensor, both reading one JSON state
 * topic and StreamPulse's own availability topic (online, or offline by the session's last will).
 * Payloads carry names, states and ONVIF identity only: never a stream URL, never a password.
 */
final class Discovery {
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    /** labels the ONVIF "add" writes (onvif_serial) or a user may add, shown in the device block */
    static final String SERIAL_LABEL = "onvif_serial";
    static final String MANUFACTURER_LABEL = "onvif_manufacturer";
    static final String MODEL_LABEL = "onvif_model";

    private final String prefix;
    private final String node;

    Discovery(HomeAssistantSettings s) {
        this.prefix = s.discoveryPrefix();
        this.node = s.nodeId();
    }

    /** Home Assistant announces itself here ("online") after it (re)starts: time to publish everything again. */
    String statusTopic() {
        return prefix + "/status";
    }

    /** StreamPulse's own online/offline (the last will says offline when the session dies). */
    String availabilityTopic() {
        return "streampulse/" + node + "/availability";
    }

    String stateTopic(String objectId) {
        return "streampulse/" + node + "/" + objectId + "/state";
    }

    String configTopic(String component, String objectId) {
        return prefix + "/" + component + "/" + node + "/" + objectId + "/config";
    }

    /** Subscriptions that show what the broker retains of ours (so configs left from an earlier run can be cleared). */
    String[] ownTopics() {
        return new String[] {prefix + "/+/" + node + "/+/config", "streampulse/" + node + "/#"};
    }

    /** Whether a topic is one this installation publishes (what {@link #ownTopics()} matches). */
    boolean own(String topic) {
        return topic.startsWith("streampulse/" + node + "/")
                || topic.startsWith(prefix + "/") && topic.endsWith("/config") && topic.contains("/" + node + "/");
    }

    /**
     * A stream name as a discovery object id ({@code [a-zA-Z0-9_-]+}, Home Assistant's topic matcher):
     * kept when it already is one, else folded and given a short hash so "yard/cam" and "yard cam" stay apart.
     */
    static String objectId(String stream) {
        if (stream.matches("[a-zA-Z0-9_-]{1,64}")) return stream;
        String slug = stream.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > 40) slug = slug.substring(0, 40);
        return (slug.isEmpty() ? "stream" : slug) + "_" + hash(stream);
    }

    /** The retained discovery configs of one stream, topic by topic (binary sensor first). */
    Map<String, String> configs(StreamConfig s) {
        String id = objectId(s.name());
        String uid = "streampulse_" + node + "_" + id;
        Map<String, String> out = new LinkedHashMap<>();
        out.put(configTopic("binary_sensor", id), entity(s, id, uid + "_connectivity", "Connectivity")
                .put("device_class", "connectivity")
                .put("value_template", "{{ value_json.connectivity }}")
                .put("payload_on", "ON")
                .put("payload_off", "OFF")
                .encode());
        out.put(configTopic("sensor", id), entity(s, id, uid + "_status", "Status")
                .put("value_template", "{{ value_json.status }}")
                .put("icon", "mdi:cctv")
                .encode());
        return out;
    }

    private JsonObject entity(StreamConfig s, String id, String uniqueId, String name) {
        return new JsonObject()
                .put("name", name)
                .put("unique_id", uniqueId)
                .put("state_topic", stateTopic(id))
                .put("json_attributes_topic", stateTopic(id))
                .put("availability_topic", availabilityTopic())
                .put("payload_available", ONLINE)
                .put("payload_not_available", OFFLINE)
                .put("qos", 1)
                .put("device", device(s, id))
                .put("origin", new JsonObject().put("name", "StreamPulse"));
    }

    private JsonObject device(StreamConfig s, String id) {
        JsonObject d = new JsonObject()
                .put("identifiers", new io.vertx.core.json.JsonArray().add("streampulse_" + node + "_" + id))
                .put("name", s.name());
        putLabel(d, "manufacturer", s, MANUFACTURER_LABEL);
        putLabel(d, "model", s, MODEL_LABEL);
        putLabel(d, "serial_number", s, SERIAL_LABEL);
        putLabel(d, "suggested_area", s, "site");
        return d;
    }

    private static void putLabel(JsonObject d, String key, StreamConfig s, String label) {
        String v = s.labels().get(label);
        if (v != null && !v.isBlank()) d.put(key, v.trim());
    }

    /**
     * The stream's retained state: {@code connectivity} ON while frames come (UP, DEGRADED), OFF when
     * DOWN, "None" (Home Assistant's unknown) before a verdict or in maintenance; {@code status} in words.
     */
    static String state(StreamStatus st) {
        StreamState s = st.state();
        String connectivity = switch (s) {
            case UP, DEGRADED -> "ON";
            case DOWN -> "OFF";
            default -> "None";
        };
        boolean why = st.reason() != null && !st.reason().isBlank() && s != StreamState.UP;
        JsonObject j = new JsonObject()
                .put("connectivity", connectivity)
                .put("status", s.name() + (why ? " (" + st.reason() + ")" : ""))
                .put("state", s.name())
                .put("reason", why ? st.reason() : null);
        if (st.since() > 0) j.put("since", Instant.ofEpochMilli(st.since()).toString());
        return j.encode();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
