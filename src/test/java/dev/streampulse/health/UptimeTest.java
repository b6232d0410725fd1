package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ProbeSettings;
import dev.streampulse.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uptime and outages from a known event history in the real database: exact, by time. */
class UptimeTest {
    static final long H = 3_600_000L, M = 60_000L;
    static final long T0 = 1_790_000_000_000L;

    @TempDir
    Path dir;

    static HealthEvent ev(long ts, StreamState from, StreamState to, String reason) {
        return new HealthEvent(0, "gate", ts, HealthEvent.STATE, from, to, reason, null, null, null);
    }

    StreamHealth health(EventStore store, long now) {
        AppConfig cfg = new AppConfig(15, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(), List.of());
        return new StreamHealth(store, new Evidence(dir.resolve("ev"), 10), () -> cfg, () -> now);
    }

    void history(EventStore s) {
        s.insertEvent(ev(T0 - 5 * H, StreamState.UNKNOWN, StreamState.UP, null));
        s.insertEvent(ev(T0 + 2 * H, StreamState.UP, StreamState.DOWN, "TIMEOUT"));
        s.insertEvent(ev(T0 + 3 * H, StreamState.DOWN, StreamState.UP, null));
        s.insertEvent(ev(T0 + 10 * H, StreamState.UP, StreamState.DEGRADED, "FROZEN"));
        s.insertEvent(ev(T0 + 10 * H + 20 * M, StreamState.DEGRADED, StreamState.DOWN, "REFUSED"));
        s.insertEvent(ev(T0 + 10 * H + 30 * M, StreamState.DOWN, StreamState.UP, null));
        s.insertEvent(ev(T0 + 20 * H, StreamState.UP, StreamState.PAUSED, "MAINTENANCE"));
        s.insertEvent(ev(T0 + 21 * H, StreamState.PAUSED, StreamState.UNKNOWN, "MAINTENANCE_END"));
        s.insertEvent(ev(T0 + 21 * H + 10 * M, StreamState.UNKNOWN, StreamState.UP, null));
        // a profile change is not a state change: it must not cut the UP time
        s.insertEvent(new HealthEvent(0, "gate", T0 + 22 * H, HealthEvent.PROFILE, StreamState.UP, StreamState.UP,
                "PROFILE_CHANGED", "a → b", null, null));
    }

    @Test
    void uptimeOverTheLastDayIsTimeWeighted() {
        try (Database db = Database.open(dir.resolve("streams.db"))) {
            EventStore store = db.events();
            history(store);
            Uptime u = health(store, T0 + 24 * H).uptime("gate", Duration.ofHours(24));
            assertEquals(H, u.downMs() - 10 * M, "1 h down at 02:00 plus 10 min down at 10:20");
            assertEquals(20 * M, u.degradedMs());
            assertEquals(H + 10 * M, u.excludedMs(), "maintenance and the unknown time after it");
            assertEquals(24 * H - H - 30 * M - H - 10 * M, u.upMs());
            // 21 h 20 min up of 22 h 50 min watched
            assertEquals(1280.0 / 1370.0, u.ratio(), 1e-12);
        }
    }

    @Test
    void windowStartingInsideAnOutageAndNowInsideAnother() {
        try (Database db = Database.open(dir.resolve("streams.db"))) {
            EventStore store = db.events();
            history(store);
            store.insertEvent(ev(T0 + 23 * H, StreamState.UP, StreamState.DOWN, "AUTH"));
            StreamHealth h = health(store, T0 + 23 * H + 30 * M);
            Uptime u = h.uptime("gate", T0 + 2 * H + 30 * M, T0 + 3 * H + 30 * M);
            assertEquals(30 * M, u.downMs());
            assertEquals(30 * M, u.upMs());
            assertEquals(0.5, u.ratio(), 1e-12);

            List<Outage> o = h.outages("gate", T0 + 2 * H + 30 * M, T0 + 48 * H);
            assertEquals(3, o.size(), o.toString());
            assertEquals(new Outage("gate", T0 + 2 * H, T0 + 3 * H, H, StreamState.DOWN, "TIMEOUT"), o.get(0),
                    "an outage begun before the window keeps its real start");
            assertEquals(new Outage("gate", T0 + 10 * H, T0 + 10 * H + 30 * M, 30 * M, StreamState.DOWN, "FROZEN"), o.get(1),
                    "DEGRADED then DOWN is one outage, worst DOWN, reason it began with");
            assertEquals(new Outage("gate", T0 + 23 * H, null, 30 * M, StreamState.DOWN, "AUTH"), o.get(2),
                    "ongoing: measured up to now");
        }
    }

    @Test
    void nothingWatchedIsNotZeroPercent() {
        try (Database db = Database.open(dir.resolve("streams.db"))) {
            EventStore store = db.events();
            assertTrue(Double.isNaN(health(store, T0).uptime("nobody", Duration.ofDays(7)).ratio()));
        }
    }

    /** A camera that flapped all month: outages are read a page of events at a time and the newest kept. */
    @Test
    void outagesOfAFlappingMonthAreBoundedAndReadInPages() throws Exception {
        InMemoryEvents events = new InMemoryEvents() {
            @Override
            public synchronized List<HealthEvent> events(String stream, long fromTs, long toTs, int limit) {
                assertTrue(limit <= StreamHealth.EVENT_PAGE, "asked the store for " + limit + " events at once");
                return super.events(stream, fromTs, toTs, limit);
            }
        };
        int flaps = 3 * StreamHealth.EVENT_PAGE;
        for (int i = 0; i < flaps; i++) {
            events.insertEvent(ev(T0 + i * 10 * M, StreamState.UP, StreamState.DOWN, "TIMEOUT"));
            events.insertEvent(ev(T0 + i * 10 * M + M, StreamState.DOWN, StreamState.UP, null));
        }
        AppConfig cfg = new AppConfig(15, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(), List.of());
        long now = T0 + flaps * 10 * M;
        StreamHealth h = new StreamHealth(events, new Evidence(dir.resolve("ev"), 10), () -> cfg, () -> now);
        StreamHealth.OutageWindow w = h.outages("gate", 0, now + 1, 25);
        assertTrue(w.truncated());
        assertEquals(25, w.outages().size());
        assertEquals(T0 + (flaps - 1) * 10 * M, w.outages().get(24).start(), "the newest outage is kept");
        assertEquals(StreamHealth.MAX_OUTAGES, h.outages("gate", 0, now + 1).size());
        List<HealthEvent> newest = h.events("gate", 0, now + 1, 3);
        assertEquals(3, newest.size());
        assertEquals(T0 + (flaps - 1) * 10 * M + M, newest.get(0).ts(), "newest first");
        assertFalse(h.outages("gate", 0, T0 + 30 * M, 25).truncated());
    }
}
