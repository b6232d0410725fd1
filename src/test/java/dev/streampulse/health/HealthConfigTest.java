package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.HealthSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The config keys of stream intelligence: defaults, global health:, per-stream overrides, strict errors. */
class HealthConfigTest {
    static final Path FILE = Path.of("/tmp/streampulse-test/config.yaml");

    @Test
    void defaultsGlobalAndPerStream() throws Exception {
        AppConfig c = ConfigLoader.parse("""
                health: {fail_threshold: 4, latency_warn_ms: 3000}
                retention_days: 7
                streams:
                  - {name: a, url: "rtsp://127.0.0.1/a"}
                  - name: b
                    url: rtsp://127.0.0.1/b
                    static_scene: true
                    frozen_after: 10
                    recover_threshold: 5
                    ignore: [Black, slow]
                    expect: {codec: H264, width: 1920, height: 1080}
                """, FILE);
        assertEquals(new HealthSettings(4, 2, 3, false, 3000, null), c.stream("a").orElseThrow().health());
        HealthSettings b = c.stream("b").orElseThrow().health();
        assertEquals(new HealthSettings(4, 5, 10, true, 3000, new HealthSettings.ExpectedProfile("h264", 1920, 1080, null),
                java.util.Set.of("black", "slow")), b);
        assertFalse(b.watches("BLACK"));
        assertFalse(b.watches("FROZEN"), "static_scene");
        assertTrue(b.watches("UNIFORM"));
        assertEquals(7, c.retentionDays());
        assertEquals(AppConfig.DEFAULT_ROLLUP_RETENTION_DAYS, c.rollupRetentionDays());
        assertEquals(AppConfig.DEFAULT_EVIDENCE_FILES, c.evidenceFiles());
        AppConfig plain = ConfigLoader.parse("streams: []", FILE);
        assertEquals(30, plain.retentionDays());
        assertTrue(plain.alerts().isEmpty() && plain.maintenance().isEmpty());
    }

    @Test
    void mistakesAreNamedWithStreamAndField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                health: {fail_threshold: 0, frozen: 3}
                retention_days: -1
                streams:
                  - name: gate
                    url: rtsp://127.0.0.1/g
                    static_scene: "yes"
                    frozen_after: 1
                    ignore: [dark]
                    expect: {width: wide, depth: 3}
                maintenance:
                  - {days: [funday], start: "25:00", end: "01:00"}
                  - {from: 2026-12-01T03:00, to: 2026-12-01T02:00}
                """, FILE));
        String m = e.getMessage();
        for (String part : new String[] {
            "health.fail_threshold must be at least 1",
            "health: unknown key 'frozen'",
            "retention_days must not be negative",
            "streams[0] (gate): static_scene must be true or false",
            "streams[0] (gate): frozen_after must be at least 2",
            "streams[0] (gate): expect.width must be a whole number",
            "streams[0] (gate): expect: unknown key 'depth'",
            "streams[0] (gate): ignore: 'dark' is not one of [black, frozen, slow, uniform]",
            "maintenance[0]: days: 'funday' is not a day",
            "maintenance[0]: start: '25:00' is not a time",
            "maintenance[1]: to must be after from"}) {
            assertTrue(m.contains(part), "missing: " + part + "\nin: " + m);
        }
    }
}
