package dev.streampulse.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code home_assistant:} of config.yaml: defaults, the password only from the environment, clear refusals. */
class HomeAssistantSettingsTest {
    @TempDir
    Path dir;

    private AppConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, dir.resolve("config.yaml"));
    }

    @Test
    void absentMeansNoHomeAssistant() throws Exception {
        assertNull(parse("streams: []\n").homeAssistant());
    }

    @Test
    void readsBrokerWithDefaults() throws Exception {
        HomeAssistantSettings h = parse("home_assistant: {broker: tcp://192.168.1.10:1883, user: sp}\n").homeAssistant();
        assertEquals("tcp://192.168.1.10:1883", h.broker());
        assertEquals("sp", h.user());
        assertNull(h.password());
        assertEquals("homeassistant", h.discoveryPrefix());
        assertEquals("streampulse", h.nodeId());
        HomeAssistantSettings withPw = h.withEnv(Map.of("STREAMPULSE_MQTT_PASSWORD", "pw-123"));
        assertEquals("pw-123", withPw.password());
        assertFalse(withPw.toString().contains("pw-123"), withPw.toString());
    }

    @Test
    void refusesWhatItCannotUse() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                home_assistant:
                  broker: "mqtt://user:secret@host:1883"
                  password: hunter2
                  node_id: "two words"
                  discovery_prefix: "ha/#"
                  colour: blue
                """));
        String m = e.getMessage();
        assertTrue(m.contains("home_assistant.password: put the MQTT password in STREAMPULSE_MQTT_PASSWORD"), m);
        assertTrue(m.contains("home_assistant.broker: 'mqtt://user:***@host:1883' must be tcp://host:port"), m);
        assertTrue(m.contains("home_assistant.node_id"), m);
        assertTrue(m.contains("home_assistant.discovery_prefix"), m);
        assertTrue(m.contains("unknown key 'colour'"), m);
        assertFalse(m.contains("secret") || m.contains("hunter2"), m);
        assertTrue(assertThrows(ConfigException.class, () -> parse("home_assistant: {user: x}\n")).getMessage()
                .contains("home_assistant.broker is required"));
    }
}
