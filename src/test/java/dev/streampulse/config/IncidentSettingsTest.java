package dev.streampulse.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IncidentSettingsTest {
    static final Path FILE = Path.of("/tmp/streampulse-test/config.yaml");

    @Test
    void defaultsAndOwnValues() throws Exception {
        assertEquals(IncidentSettings.DEFAULT, ConfigLoader.parse("heartbeat_seconds: 15", FILE).incidents());
        assertEquals(new IncidentSettings(true, "building", 30, 3),
                ConfigLoader.parse("incidents: {group_by: building, window_seconds: 30, min_streams: 3}", FILE).incidents());
        assertFalse(ConfigLoader.parse("incidents: {enabled: false}", FILE).incidents().enabled());
    }

    @Test
    void badValuesAreNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("incidents: {window_seconds: 0, min_streams: two, group: site}", FILE));
        String all = String.join("\n", e.messages());
        assertTrue(all.contains("incidents.window_seconds must be a whole number from 1 to 86400, got '0'"), all);
        assertTrue(all.contains("incidents.min_streams"), all);
        assertTrue(all.contains("incidents: unknown key 'group'"), all);
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("incidents: [site]", FILE));
    }
}
