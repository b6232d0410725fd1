package dev.streampulse.report;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.health.EventStore;
import dev.streampulse.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report numbers from a synthetic history with known outages, written through the real store (SQLite). */
public class AvailabilityReportTest {
    static final long H = 3_600_000L;
    static final long DAY = 24 * H;
    public static final long NOV = java.time.Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** Writes a history: see the assertions for what it holds. */
    public static void history(EventStore store) {
        // cam1: UP from October; two DOWN outages (1 h, 3 h) and 2 h FROZEN; a 4 h maintenance window
        ev(store, "cam1", NOV - DAY, StreamState.UNKNOWN, StreamState.UP, null, null);
        ev(store, "cam1", NOV + DAY, StreamState.UP, StreamState.DOWN, "UNREACHABLE", "x-bad.jpg");
        ev(store, "cam1", NOV + DAY + H, StreamState.DOWN, StreamState.UP, null, null);
        ev(store, "cam1", NOV + 2 * DAY, StreamState.UP, StreamState.DOWN, "TIMEOUT", null);
        ev(store, "cam1", NOV + 2 * DAY + 3 * H, StreamState.DOWN, StreamState.UP, null, null);
        ev(store, "cam1", NOV + 3 * DAY, StreamState.UP, StreamState.DEGRADED, "FROZEN", null);
        ev(store, "cam1", NOV + 3 * DAY + 2 * H, StreamState.DEGRADED, StreamState.UP, null, null);
        ev(store, "cam1", NOV + 4 * DAY, StreamState.UP, StreamState.PAUSED, "MAINTENANCE", null);
        ev(store, "cam1", NOV + 4 * DAY + 4 * H, StreamState.PAUSED, StreamState.UNKNOWN, null, null);
        ev(store, "cam1", NOV + 4 * DAY + 4 * H, StreamState.UNKNOWN, StreamState.UP, null, null);
        // cam2: DOWN since 31 October 22:00 until 1 November 02:00 (2 h inside the month), then 1 h BLACK
        ev(store, "cam2", NOV - DAY, StreamState.UNKNOWN, StreamState.UP, null, null);
        ev(store, "cam2", NOV - 2 * H, StreamState.UP, StreamState.DOWN, "REFUSED", null);
        ev(store, "cam2", NOV + 2 * H, StreamState.DOWN, StreamState.UP, null, null);
        ev(store, "cam2", NOV + 10 * DAY, StreamState.UP, StreamState.DEGRADED, "BLACK", null);
        ev(store, "cam2", NOV + 10 * DAY + H, StreamState.DEGRADED, StreamState.UP, null, null);
        // a December outage outside the month
        ev(store, "cam2", NOV + 31 * DAY, StreamState.UP, StreamState.DOWN, "REFUSED", null);
    }

    static void ev(EventStore s, String stream, long ts, StreamState from, StreamState to, String reason, String bad) {
        s.insertEvent(new HealthEvent(0, stream, ts, HealthEvent.STATE, from, to, reason, null, null, bad));
    }

    public static final String CONFIG = """
            streams:
              - {name: cam1, url: "rtsp://127.0.0.1:1/a", labels: {site: north}}
              - {name: cam2, url: "rtsp://127.0.0.1:1/b", labels: {site: north}}
              - {name: cam3, url: "rtsp://127.0.0.1:1/c"}
            """;

    @Test
    void numbersEqualTheKnownOutages() throws Exception {
        AppConfig cfg = ConfigLoader.parse(CONFIG, dir.resolve("config.yaml"));
        try (Database db = Database.open(dir.resolve("streams.db"))) {
            EventStore store = db.events();
            history(store);
            long end = NOV + 30 * DAY;
            AvailabilityReport r = AvailabilityReport.build(store, cfg, NOV, end, end + DAY);
            StreamAvailability cam1 = r.streams().get(0);
            assertEquals(3, cam1.outages(), "two DOWN outages and one DEGRADED run");
            assertEquals(4 * H, cam1.downMs());
            assertEquals(2 * H, cam1.degradedMs());
            assertEquals(2 * H, cam1.frozenMs());
            assertEquals(4 * H, cam1.excludedMs(), "maintenance is left out");
            assertEquals(30 * DAY - 10 * H, cam1.upMs());
            assertEquals(6 * H, cam1.outageMs());
            assertEquals(3 * H, cam1.longestMs());
            assertEquals((30 * DAY - 10.0 * H) / (30 * DAY - 4.0 * H), cam1.uptime(), 1e-12);

            StreamAvailability cam2 = r.streams().get(1);
            assertEquals(2, cam2.outages());
            assertEquals(2 * H, cam2.downMs(), "only the part inside the month");
            assertEquals(H, cam2.blackMs());
            assertEquals(3 * H, cam2.outageMs());
            assertEquals(2 * H, cam2.longestMs());

            StreamAvailability cam3 = r.streams().get(2);
            assertTrue(Double.isNaN(cam3.uptime()), "never monitored: no uptime, not 0 %");
            assertEquals("", cam3.group());

            assertEquals(1, r.groups().size());
            StreamAvailability north = r.groups().get(0);
            assertEquals("north", north.name());
            assertEquals(2, north.streams());
            assertEquals(5, north.outages());
            assertEquals(6 * H, north.downMs());
            assertEquals(3 * H, north.longestMs());

            OutageRecord worst = r.worst().get(0);
            assertEquals("cam1", worst.stream());
            assertEquals(3 * H, worst.durationMs());
            OutageRecord withEvidence = r.worst().stream().filter(o -> o.start() == NOV + DAY).findFirst().orElseThrow();
            assertEquals("x-bad.jpg", withEvidence.evidenceBad());
            assertEquals(NOV - 2 * H, r.worst().stream().filter(o -> o.stream().equals("cam2") && o.worst().equals("DOWN"))
                    .findFirst().orElseThrow().start(), "an outage begun before the month keeps its real start");
        }
    }
}
