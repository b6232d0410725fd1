package dev.streampulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OnvifSettingsTest {
    private static final Path FILE = Path.of("/tmp/config.yaml");

    @Test
    void theClockDriftLimitIsReadAndChecked() throws Exception {
        assertEquals(30, ConfigLoader.parse("streams: []\n", FILE).onvif().clockDriftSeconds(), "the default");
        assertEquals(120, ConfigLoader.parse("onvif: {clock_drift_seconds: 120}\n", FILE).onvif().clockDriftSeconds());
        String zero = assertThrows(ConfigException.class, () -> ConfigLoader.parse("onvif: {clock_drift_seconds: 0}\n", FILE)).getMessage();
        assertTrue(zero.contains("onvif.clock_drift_seconds must be at least 1"), zero);
        String typo = assertThrows(ConfigException.class, () -> ConfigLoader.parse("onvif: {clock_drift: 5}\n", FILE)).getMessage();
        assertTrue(typo.contains("unknown key 'clock_drift'"), typo);
    }
}
