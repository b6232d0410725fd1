package dev.streampulse.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHeartbeatStoreTest {
    @TempDir
    Path dir;

    static Heartbeat ok(String s, long ts, long latency) {
        return new Heartbeat(s, ts, 3, true, latency, null, null, "h264", 640, 360, 10, "system");
    }

    static Heartbeat fail(String s, long ts, Reason r) {
        return new Heartbeat(s, ts, 0, false, 50, r, "detail " + r, null, 0, 0, 0, "ntp");
    }

    @Test
    void beatsSurviveReopenAndReadBackExactly() {
        Path db = dir.resolve("streams.db");
        try (SqliteHeartbeatStore store = new SqliteHeartbeatStore(db)) {
            store.insert(List.of(ok("a", 1000, 120), fail("b", 1500, Reason.AUTH)));
        }
        try (SqliteHeartbeatStore store = new SqliteHeartbeatStore(db)) {
            assertEquals(2, store.count());
            Map<String, Heartbeat> latest = store.latest();
            assertEquals(ok("a", 1000, 120), latest.get("a"));
            assertEquals(fail("b", 1500, Reason.AUTH), latest.get("b"));
        }
    }

    @Test
    void latestAndRangeSpanInboxAndCompactedBeats() {
        try (SqliteHeartbeatStore store = new SqliteHeartbeatStore(dir.resolve("streams.db"))) {
            List<Heartbeat> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) batch.add(ok("a", 3_600_000L + i * 1000, i));
            store.insert(batch);
            store.insert(List.of(fail("b", 3_600_500, Reason.TIMEOUT)));
            assertEquals(101, store.compact());
            assertEquals(0, store.compact());
            store.insert(List.of(fail("a", 3_600_000L + 200_000, Reason.REFUSED)));

            Map<String, Heartbeat> latest = store.latest();
            assertEquals(Reason.REFUSED, latest.get("a").reason(), "newest beat comes from the inbox");
            assertEquals(Reason.TIMEOUT, latest.get("b").reason(), "b only has compacted beats");

            List<Heartbeat> range = store.beats("a", 3_600_000L + 50_000, 3_600_000L + 300_000, 1000);
            assertEquals(51, range.size());
            assertEquals(Reason.REFUSED, range.get(0).reason(), "newest first");
            assertEquals(3_600_000L + 50_000, range.get(50).ts());
            assertEquals(3, store.beats("a", 0, Long.MAX_VALUE, 3).size());
            assertTrue(store.beats("nobody", 0, Long.MAX_VALUE, 10).isEmpty());
            assertEquals(102, store.count());
        }
    }

    @Test
    void compactionCountsHourlyRollups() {
        try (SqliteHeartbeatStore store = new SqliteHeartbeatStore(dir.resolve("streams.db"))) {
            long hour = 480_000;
            store.insert(List.of(ok("a", hour * 3_600_000 + 1, 100), ok("a", hour * 3_600_000 + 2, 300),
                    fail("a", hour * 3_600_000 + 3, Reason.TIMEOUT)));
            store.compact();
            store.insert(List.of(ok("a", hour * 3_600_000 + 4, 500)));
            store.compact();
            List<HourlyRollup> r = store.hourly(hour, hour + 1);
            assertEquals(List.of(new HourlyRollup("a", hour, 4, 3, 950, 500)), r);
        }
    }

    @Test
    void newDatabaseUsesWalAndIncrementalVacuum() throws Exception {
        Path db = dir.resolve("streams.db");
        new SqliteHeartbeatStore(db).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement()) {
            var rs = st.executeQuery("PRAGMA journal_mode");
            assertEquals("wal", rs.getString(1));
            rs = st.executeQuery("PRAGMA auto_vacuum");
            assertEquals(2, rs.getInt(1), "2 = incremental");
        }
    }

    @Test
    void pruneDropsOldBeatsAndKeepsRollups() {
        try (SqliteHeartbeatStore store = new SqliteHeartbeatStore(dir.resolve("streams.db"))) {
            store.insert(List.of(ok("a", 1_000, 1), ok("a", 2_000, 1)));
            store.compact();
            store.insert(List.of(ok("a", 3_000, 1)));
            assertEquals(2, store.prune(2_500));
            assertEquals(1, store.count());
            assertEquals(2, store.hourly(0, 1).get(0).beats(), "the rollup still counts the pruned beats");
        }
    }
}
