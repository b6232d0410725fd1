package dev.streampulse.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

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

    /** The keys of {@code home_assistant:}; {@code password} is refused with a pointer to the environment. */
    public enum Key implements ConfigKey { BROKER, USER, DISCOVERY_PREFIX, NODE_ID, PASSWORD }

    /** {@code home_assistant:} of config.yaml, or null when absent; each problem names its field. */
    static HomeAssistantSettings read(ConfigSection top) {
        if (Boolean.FALSE.equals(top.get(AppConfig.Key.HOME_ASSISTANT))) return null;
        ConfigSection m = top.section(AppConfig.Key.HOME_ASSISTANT, EnumSet.allOf(Key.class),
                "home_assistant: must be a mapping (broker, user, discovery_prefix, node_id)");
        if (m == null) return null;
        if (m.has(Key.PASSWORD)) {
            m.problem(Key.PASSWORD, "home_assistant.password: put the MQTT password in STREAMPULSE_MQTT_PASSWORD, not in config.yaml");
        }
        String broker = m.get(Key.BROKER) == null ? "" : m.string(Key.BROKER).trim();
        String b = broker.toLowerCase(Locale.ROOT);
        if (broker.isEmpty()) {
            m.problem(Key.BROKER, "home_assistant.broker is required (e.g. tcp://192.168.1.10:1883)");
        } else if (!(b.startsWith("tcp://") || b.startsWith("ssl://")) || !broker.matches("(?i)(tcp|ssl)://[A-Za-z0-9.\\[\\]:-]+(:\\d{1,5})?")) {
            m.problem(Key.BROKER, "home_assistant.broker: '" + UrlRedactor.redact(broker) + "' must be tcp://host:port or ssl://host:port"
                    + " (no user or password in it)");
        }
        String user = m.get(Key.USER) == null ? null : m.string(Key.USER).trim();
        String prefix = m.get(Key.DISCOVERY_PREFIX) == null ? DEFAULT_PREFIX : m.string(Key.DISCOVERY_PREFIX).trim();
        if (!prefix.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*") || prefix.length() > 128) {
            m.problem(Key.DISCOVERY_PREFIX, "home_assistant.discovery_prefix: '" + prefix + "' must be topic levels of letters, digits, '_' or '-'");
        }
        String node = m.get(Key.NODE_ID) == null ? DEFAULT_NODE_ID : m.string(Key.NODE_ID).trim();
        if (!node.matches(NODE_ID)) {
            m.problem(Key.NODE_ID, "home_assistant.node_id: '" + node + "' must be 1-64 letters, digits, '_' or '-'");
        }
        return new HomeAssistantSettings(broker, user == null || user.isEmpty() ? null : user, null, prefix, node);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
