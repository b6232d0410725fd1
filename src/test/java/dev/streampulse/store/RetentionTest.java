package dev.streampulse.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ProbeSettings;
import dev.streampulse.health.Evidence;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.probe.Heartbeat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    static Heartbeat beat(long ts) {
        return new Heartbeat("gate", ts, 0, true, 120, null, null, "h264", 640, 360, 10, "system", 42L, 100.0);
    }

    @Test
    void oldBeatsGoRollupsStayFileShrinks() throws Exception {
        long now = ZonedDateTime.parse("2026-11-25T03:10:00Z").toInstant().toEpochMilli();
        AppConfig cfg = new AppConfig(15, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(),
                List.of(), Optional.empty(), 30, 400, 3, List.of(), List.of());
        Path db = dir.resolve("streams.db");
        try (Database store = Database.open(db)) {
            // 40 days of beats, one a minute, the oldest 10 days beyond retention
            List<Heartbeat> batch = new ArrayList<>();
            for (long ts = now - 40 * DAY; ts < now; ts += 60_000) {
                batch.add(beat(ts));
                if (batch.size() == 5_000) {
                    store.heartbeats().insert(batch);
                    store.heartbeats().compact();
                    batch.clear();
                }
            }
            store.heartbeats().insert(batch);
            store.events().insertEvent(new HealthEvent(0, "gate", now - 500 * DAY, HealthEvent.STATE, StreamState.UNKNOWN, StreamState.UP, null, null, null, null));
            store.events().insertEvent(new HealthEvent(0, "gate", now - 35 * DAY, HealthEvent.STATE, StreamState.UP, StreamState.DOWN, "TIMEOUT", null, null, null));
            store.audit().insertAudit(new AuditStore.AuditEntry(0, now - 401 * DAY, "admin", "127.0.0.1", "login.ok", "admin", null));
            store.audit().insertAudit(new AuditStore.AuditEntry(0, now - 399 * DAY, "admin", "127.0.0.1", "login.ok", "admin", null));
            Evidence evidence = new Evidence(dir.resolve("evidence"), 100);
            for (int i = 0; i < 5; i++) evidence.keep("gate", now - i, "bad", new byte[] {1, 2, 3});
            store.heartbeats().compact();
            store.heartbeats().vacuum(); // checkpoints the WAL: the file holds every page before we measure it
            long before = store.heartbeats().count();
            long sizeBefore = Files.size(db);

            Retention r = new Retention(store.heartbeats(), store.events(), store.audit(), evidence, () -> cfg, () -> now);
            assertNull(r.runIfDue(4), "03:10 is not the 04 o'clock run");
            Retention.Result result = r.runIfDue(3);
            assertNotNull(result);
            assertNull(r.runIfDue(3), "once a night");

            assertEquals(10 * 24 * 60, result.beats(), "10 days of one-a-minute beats pruned");
            assertEquals(before - 10 * 24 * 60, store.heartbeats().count());
            assertTrue(store.heartbeats().beats("gate", 0, now - 30 * DAY, 10).isEmpty(), "nothing older than 30 days");
            assertEquals(40 * 24 + 1, store.heartbeats().hourly(0, Long.MAX_VALUE).size(), "all hours of the 40 days (03:10 to 03:10) keep their rollup");
            assertEquals(1, result.events(), "the event older than 400 days went");
            assertNotNull(store.events().stateBefore("gate", now), "the recent event stayed");
            assertEquals(1, result.audit(), "audit entries are kept like events: 400 days");
            assertEquals(1, store.audit().audit(0, Long.MAX_VALUE, 10).size());
            assertEquals(2, result.evidenceFiles(), "evidence trimmed to evidence_files = 3");
            try (var files = Files.list(dir.resolve("evidence"))) {
                assertEquals(3, files.count());
            }
            // incremental_vacuum returned the freed pages: the file shrank
            long sizeAfter = Files.size(db);
            System.out.printf("db %d → %d bytes after pruning %d of %d beats%n", sizeBefore, sizeAfter, result.beats(), before);
            assertTrue(sizeAfter < sizeBefore, sizeBefore + " → " + sizeAfter);
        }
    }
}
