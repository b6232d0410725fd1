package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.MaintenanceWindow;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Observation;
import dev.streampulse.probe.Reason;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
    @TempDir
    Path dir;

    static long at(String iso) {
        return ZonedDateTime.parse(iso).toInstant().toEpochMilli();
    }

    AppConfig config() throws Exception {
        return ConfigLoader.parse("""
                timezone: Europe/Berlin
                streams:
                  - {name: gate, url: "rtsp://127.0.0.1/gate"}
                  - {name: yard, url: "rtsp://127.0.0.1/yard"}
                maintenance:
                  - streams: [gate]
                    days: [sun]
                    start: "23:30"
                    end: "01:00"
                  - from: 2026-12-01T02:00
                    to: 2026-12-01T03:00
                """, dir.resolve("config.yaml"));
    }

    @Test
    void weeklyWindowRunsPastMidnightInTheConfigZoneAndOneOffCoversAll() throws Exception {
        AppConfig c = config();
        // Sunday 2026-11-29 23:45 Berlin = 22:45Z
        assertTrue(c.inMaintenance("gate", at("2026-11-29T22:45:00Z")));
        assertTrue(c.inMaintenance("gate", at("2026-11-29T23:59:00Z")), "Monday 00:59 Berlin still in Sunday's window");
        assertFalse(c.inMaintenance("gate", at("2026-11-30T00:00:00Z")), "01:00 Berlin: over");
        assertFalse(c.inMaintenance("yard", at("2026-11-29T22:45:00Z")), "only gate");
        assertFalse(c.inMaintenance("gate", at("2026-11-28T22:45:00Z")), "Saturday");
        assertTrue(c.inMaintenance("yard", at("2026-12-01T01:30:00Z")), "02:30 Berlin, one-off for all streams");
        assertEquals(2, c.maintenance().size());
        assertInstanceOf(MaintenanceWindow.class, c.maintenance().get(0));
    }

    @Test
    void maintenancePausesTheStreamAndIsLeftOutOfUptime() throws Exception {
        AppConfig c = config();
        InMemoryEvents events = new InMemoryEvents();
        long[] now = {0};
        StreamHealth h = new StreamHealth(events, new Evidence(dir.resolve("ev"), 10), () -> c, () -> now[0]);
        StreamConfig gate = c.stream("gate").orElseThrow();
        long t = at("2026-11-29T22:00:00Z"); // Sunday 23:00 Berlin
        List<HealthEvent> news = new ArrayList<>();
        for (int i = 0; i < 12; i++, t += 15 * 60_000L) { // 23:00 .. 01:45 Berlin every 15 min, dead 23:30-01:00
            boolean ok = t < at("2026-11-29T22:30:00Z") || t >= at("2026-11-30T00:00:00Z");
            Heartbeat b = ok ? new Heartbeat("gate", t, 0, true, 100, null, null, "h264", 640, 360, 10, "system")
                    : new Heartbeat("gate", t, 0, false, 100, Reason.REFUSED, "refused", null, 0, 0, 0, "system");
            news.addAll(ProbeSteps.assess(h, events, new Observation(gate, b, null)).events());
        }
        List<StreamState> states = events.of("gate").stream().map(HealthEvent::to).toList();
        assertEquals(List.of(StreamState.UP, StreamState.PAUSED, StreamState.UNKNOWN, StreamState.UP), states,
                "refused during maintenance is no outage");
        assertEquals(List.of(StreamState.UP, StreamState.PAUSED, StreamState.UNKNOWN), news.stream().map(HealthEvent::to).toList(),
                "coming back UP as before maintenance is stored but is no news for alerts");
        now[0] = t;
        Uptime u = h.uptime("gate", at("2026-11-29T22:00:00Z"), t);
        long min = 60_000L;
        assertEquals(0, u.downMs());
        // 22:00-22:15Z unknown, UP to 22:30, paused to 00:00, unknown to 00:15, UP to 01:00
        assertEquals(120 * min, u.excludedMs());
        assertEquals(60 * min, u.upMs());
        assertEquals(1.0, u.ratio());
    }
}
