package dev.streampulse.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code home_assistant: {broker: tcp://192.168.1.10:1883, user: streampulse, discovery_prefix: homeassistant,
 * node_id: streampulse}}: announce every stream to Home Assistant by MQTT discovery. The password comes
 * only from the environment ({@code STREAMPULSE_MQTT_PASSWORD}), never from config.yaml, which the web
 * editor shows. Read at start-up.
 *
 * @param broker          {@code tcp://host:port} or {@code ssl://host:port}
 * @param user            MQTT user name, or null for an anonymous session
 * @param password        from the environment only, or null
 * @param discoveryPrefix Home Assistant's discovery prefix (its default: homeassistant)
 * @param nodeId          this installation in topics and unique ids, so two StreamPulses never collide
 */
public record HomeAssistantSettings(String broker, String user, String password, String discoveryPrefix, String nodeId) {
    public static final String DEFAULT_PREFIX = "homeassistant";
    public static final String DEFAULT_NODE_ID = "streampulse";
    /** What Home Assistant's discovery accepts as a node id (its TOPIC_MATCHER). */
    public static final String NODE_ID = "[a-zA-Z0-9_-]{1,64}";
    static final Set<String> KEYS = Set.of("broker", "user", "discovery_prefix", "node_id");

    /** The settings with {@code STREAMPULSE_MQTT_PASSWORD} (and {@code STREAMPULSE_MQTT_USER}, if set) applied. */
    public HomeAssistantSettings withEnv(Map<String, String> env) {
        String u = blank(env.get("STREAMPULSE_MQTT_USER"));
        return new HomeAssistantSettings(broker, u != null ? u : user, blank(env.get("STREAMPULSE_MQTT_PASSWORD")),
                discoveryPrefix, nodeId);
    }

    /** Records print every field: this one must not print the password. */
    @Override
    public String toString() {
        return "HomeAssistantSettings[broker=" + UrlRedactor.redact(broker) + ", user=" + user + ", discoveryPrefix="
                + discoveryPrefix + ", nodeId=" + nodeId + "]";
    }

    /** {@code home_assistant:} of config.yaml, or null when absent; each problem names its field. */
    static HomeAssistantSettings read(Object value, List<String> problems) {
        if (value == null || Boolean.FALSE.equals(value)) return null;
        if (!(value instanceof Map<?, ?> m)) {
            problems.add("home_assistant: must be a mapping (broker, user, discovery_prefix, node_id)");
            return null;
        }
        for (Object k : m.keySet()) {
            if (k.equals("password")) {
                problems.add("home_assistant.password: put the MQTT password in STREAMPULSE_MQTT_PASSWORD, not in config.yaml");
            } else if (!KEYS.contains(String.valueOf(k))) {
                problems.add("home_assistant: unknown key '" + k + "' (known: broker, discovery_prefix, node_id, user)");
            }
        }
        String broker = m.get("broker") == null ? "" : String.valueOf(m.get("broker")).trim();
        String b = broker.toLowerCase(Locale.ROOT);
        if (broker.isEmpty()) {
            problems.add("home_assistant.broker is required (e.g. tcp://192.168.1.10:1883)");
        } else if (!(b.startsWith("tcp://") || b.startsWith("ssl://")) || !broker.matches("(?i)(tcp|ssl)://[A-Za-z0-9.\\[\\]:-]+(:\\d{1,5})?")) {
            problems.add("home_assistant.broker: '" + UrlRedactor.redact(broker) + "' must be tcp://host:port or ssl://host:port"
                    + " (no user or password in it)");
        }
        String user = m.get("user") == null ? null : String.valueOf(m.get("user")).trim();
        String prefix = m.get("discovery_prefix") == null ? DEFAULT_PREFIX : String.valueOf(m.get("discovery_prefix")).trim();
        if (!prefix.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*") || prefix.length() > 128) {
            problems.add("home_assistant.discovery_prefix: '" + prefix + "' must be topic levels of letters, digits, '_' or '-'");
        }
        String node = m.get("node_id") == null ? DEFAULT_NODE_ID : String.valueOf(m.get("node_id")).trim();
        if (!node.matches(NODE_ID)) {
            problems.add("home_assistant.node_id: '" + node + "' must be 1-64 letters, digits, '_' or '-'");
        }
        return new HomeAssistantSettings(broker, user == null || user.isEmpty() ? null : user, null, prefix, node);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
