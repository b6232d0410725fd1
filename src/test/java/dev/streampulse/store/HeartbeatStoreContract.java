package dev.streampulse.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage layer's tests, run once on SQLite ({@link SqliteStoreTest}) and once on a real
 * PostgreSQL ({@link PostgresStoreTest}): same schema, same queries, same answers.
 */
abstract class HeartbeatStoreContract {
    private String url;

    /** A JDBC URL of a new, empty database. */
    abstract String newDatabase() throws Exception;

    @BeforeEach
    void freshDatabase() throws Exception {
        url = newDatabase();
    }

    Database open() {
        return Database.open(url, null, null);
    }

    static Heartbeat ok(String s, long ts, long latency) {
        return new Heartbeat(s, ts, 3, true, latency, null, null, "h264", 640, 360, 10, "system");
    }

    static Heartbeat fail(String s, long ts, Reason r) {
        return new Heartbeat(s, ts, 0, false, 50, r, "detail " + r, null, 0, 0, 0, "ntp");
    }

    @Test
    void beatsSurviveReopenAndReadBackExactly() {
        Heartbeat analysed = ok("c", 1200, 80).withAnalysis(0x8000_0000_0000_0001L, 17.25);
        try (Database store = open()) {
            store.heartbeats().insert(List.of(ok("a", 1000, 120), fail("b", 1500, Reason.AUTH), analysed));
        }
        try (Database store = open()) {
            assertEquals(3, store.heartbeats().count());
            Map<String, Heartbeat> latest = store.heartbeats().latest();
            assertEquals(ok("a", 1000, 120), latest.get("a"));
            assertEquals(fail("b", 1500, Reason.AUTH), latest.get("b"));
            assertEquals(analysed, latest.get("c"), "a 64-bit hash with the top bit set and a fractional luma");
        }
    }

    @Test
    void latestAndRangeSpanInboxAndCompactedBeats() {
        try (Database store = open()) {
            List<Heartbeat> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) batch.add(ok("a", 3_600_000L + i * 1000, i));
            store.heartbeats().insert(batch);
            store.heartbeats().insert(List.of(fail("b", 3_600_500, Reason.TIMEOUT)));
            assertEquals(101, store.heartbeats().compact());
            assertEquals(0, store.heartbeats().compact());
            store.heartbeats().insert(List.of(fail("a", 3_600_000L + 200_000, Reason.REFUSED)));

            Map<String, Heartbeat> latest = store.heartbeats().latest();
            assertEquals(Reason.REFUSED, latest.get("a").reason(), "newest beat comes from the inbox");
            assertEquals(Reason.TIMEOUT, latest.get("b").reason(), "b only has compacted beats");

            List<Heartbeat> range = store.heartbeats().beats("a", 3_600_000L + 50_000, 3_600_000L + 300_000, 1000);
            assertEquals(51, range.size());
            assertEquals(Reason.REFUSED, range.get(0).reason(), "newest first");
            assertEquals(3_600_000L + 50_000, range.get(50).ts());
            assertEquals(3, store.heartbeats().beats("a", 0, Long.MAX_VALUE, 3).size());
            assertTrue(store.heartbeats().beats("nobody", 0, Long.MAX_VALUE, 10).isEmpty());
            assertEquals(102, store.heartbeats().count());
        }
    }

    @Test
    void compactionCountsHourlyRollups() {
        try (Database store = open()) {
            long hour = 480_000;
            store.heartbeats().insert(List.of(ok("a", hour * 3_600_000 + 1, 100), ok("a", hour * 3_600_000 + 2, 300),
                    fail("a", hour * 3_600_000 + 3, Reason.TIMEOUT)));
            store.heartbeats().compact();
            store.heartbeats().insert(List.of(ok("a", hour * 3_600_000 + 4, 500)));
            assertEquals(List.of(new HourlyRollup("a", hour, 4, 3, 950, 500)), store.heartbeats().hourlyIncludingRecent(hour, hour + 1),
                    "rollup plus the inbox, before the second compaction");
            store.heartbeats().compact();
            List<HourlyRollup> r = store.heartbeats().hourly(hour, hour + 1);
            assertEquals(List.of(new HourlyRollup("a", hour, 4, 3, 950, 500)), r);
            assertEquals(r, store.heartbeats().hourlyIncludingRecent(hour, hour + 1));
        }
    }

    @Test
    void pruneDropsOldBeatsAndKeepsRollups() {
        try (Database store = open()) {
            store.heartbeats().insert(List.of(ok("a", 1_000, 1), ok("a", 2_000, 1)));
            store.heartbeats().compact();
            store.heartbeats().insert(List.of(ok("a", 3_000, 1)));
            assertEquals(2, store.heartbeats().prune(2_500));
            assertEquals(1, store.heartbeats().count());
            assertEquals(2, store.heartbeats().hourly(0, 1).get(0).beats(), "the rollup still counts the pruned beats");
            assertEquals(1, store.heartbeats().pruneHourly(1));
            assertTrue(store.heartbeats().hourly(0, 1).isEmpty());
            store.heartbeats().vacuum();
        }
    }

    @Test
    void lastFailuresLookInBothTablesWithinEachRange() {
        try (Database store = open()) {
            store.heartbeats().insert(List.of(fail("a", 1_000, Reason.AUTH), fail("a", 2_000, Reason.NOT_FOUND), ok("a", 3_000, 1),
                    fail("b", 1_500, Reason.TIMEOUT)));
            store.heartbeats().compact();
            store.heartbeats().insert(List.of(fail("b", 2_500, Reason.REFUSED)));
            Map<String, Heartbeat> f = store.heartbeats().lastFailures(Map.of("a", new long[] {0, 10_000}, "b", new long[] {0, 2_000},
                    "nobody", new long[] {0, 10_000}));
            assertEquals(Reason.NOT_FOUND, f.get("a").reason());
            assertEquals(Reason.TIMEOUT, f.get("b").reason(), "2,500 is outside b's range");
            assertFalse(f.containsKey("nobody"));
        }
    }

    @Test
    void eventsKeepTheirOrderAndTheNewestStatePerStream() {
        try (Database store = open()) {
            long first = store.events().insertEvent(new HealthEvent(0, "a", 1_000, HealthEvent.STATE, StreamState.UNKNOWN,
                    StreamState.UP, null, null, null, null));
            long second = store.events().insertEvent(new HealthEvent(0, "a", 2_000, HealthEvent.STATE, StreamState.UP,
                    StreamState.DOWN, "TIMEOUT", "no frame", "good.jpg", "bad.jpg"));
            assertTrue(second > first, "ids grow");
            assertEquals(second, store.events().lastEventId());
            List<HealthEvent> all = store.events().events("a", 0, 10_000, 10);
            assertEquals(List.of(StreamState.UP, StreamState.DOWN), all.stream().map(HealthEvent::to).toList());
            assertEquals("bad.jpg", all.get(1).evidenceBad());
            assertEquals(StreamState.DOWN, store.events().lastStateEvents().get("a").to());
            assertEquals(StreamState.UP, store.events().stateBefore("a", 1_500).to());
            assertEquals(1, store.events().pruneEvents(1_500));
            assertEquals(1, store.events().recentEvents(0, 10_000, 10).size());
        }
    }

    @Test
    void auditEntriesReadBackNewestFirstInTheirRangeAndPrune() {
        try (Database store = open()) {
            long a = store.audit().insertAudit(new AuditStore.AuditEntry(0, 1_000, "admin", "127.0.0.1", "login.ok", "admin", null));
            long b = store.audit().insertAudit(new AuditStore.AuditEntry(0, 2_000, "admin", "10.0.0.7", "config.edit", "Gate",
                    "changed: enabled: true → false (form)"));
            store.audit().insertAudit(new AuditStore.AuditEntry(0, 3_000, "-", "::1", "login.failed", "nobody", "no such user"));
            assertTrue(b > a, "ids grow");
            List<AuditStore.AuditEntry> all = store.audit().audit(0, Long.MAX_VALUE, 10);
            assertEquals(List.of("login.failed", "config.edit", "login.ok"), all.stream().map(AuditStore.AuditEntry::action).toList());
            assertEquals(new AuditStore.AuditEntry(b, 2_000, "admin", "10.0.0.7", "config.edit", "Gate",
                    "changed: enabled: true → false (form)"), all.get(1), "every field, unicode included");
            assertEquals(1, store.audit().audit(1_500, 2_500, 10).size());
            assertEquals(1, store.audit().audit(0, Long.MAX_VALUE, 1).size(), "limit");
            assertEquals(2, store.audit().pruneAudit(2_500));
            assertEquals(List.of("login.failed"), store.audit().audit(0, Long.MAX_VALUE, 10).stream().map(AuditStore.AuditEntry::action).toList());
        }
    }

    /** Two nodes write into one database at once: every beat of each lands once, compaction loses none. */
    @Test
    void twoWritersAndACompactorLoseNothing() throws Exception {
        try (Database a = open(); Database b = open(); Database compactor = open()) {
            a.setNodeId("node-a");
            b.setNodeId("node-b");
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (Database w : List.of(a, b)) {
                    String prefix = w == a ? "a" : "b";
                    jobs.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            List<Heartbeat> batch = new ArrayList<>();
                            for (int k = 0; k < 25; k++) batch.add(ok(prefix + k, 10_000L + i * 1000, i));
                            w.heartbeats().insert(batch);
                        }
                    }));
                }
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) compactor.heartbeats().compact();
                }));
                for (Future<?> f : jobs) f.get();
            } finally {
                pool.shutdown();
            }
            compactor.heartbeats().compact();
            assertEquals(2_000, compactor.heartbeats().count());
            long hourlyBeats = compactor.heartbeats().hourly(0, 1).stream().mapToLong(HourlyRollup::beats).sum();
            assertEquals(2_000, hourlyBeats, "each beat counted once in the rollups");
            assertEquals("node-a", compactor.heartbeats().latest().get("a3").node(), "the beat says which node probed it");
            assertEquals("node-b", compactor.heartbeats().beats("b7", 0, Long.MAX_VALUE, 1).get(0).node());
        }
    }

    @Test
    void nodesBeatAndLeasesHaveOneHolder() {
        try (Database a = open(); Database b = open()) {
            a.nodes().nodeBeat("n1", "north", null, "host1", 100);
            b.nodes().nodeBeat("n2", null, "0/2", "host2", 200);
            Map<String, NodeStore.NodeRow> nodes = new HashMap<>();
            for (NodeStore.NodeRow n : a.nodes().nodes()) nodes.put(n.id(), n);
            assertEquals(Set.of("n1", "n2"), nodes.keySet());
            assertEquals("north", nodes.get("n1").site());
            assertEquals("0/2", nodes.get("n2").shard());
            assertTrue(nodes.get("n1").alive(10_000), "just beat: age " + nodes.get("n1").ageMs());

            assertEquals(Set.of("u1", "u2"), a.nodes().lease("n1", List.of("u1", "u2"), List.of(), 60_000));
            assertEquals(Set.of("u3"), b.nodes().lease("n2", List.of("u1", "u3"), List.of(), 60_000), "u1 is n1's until released");
            assertEquals(Set.of("u2"), a.nodes().lease("n1", List.of("u2"), List.of("u1"), 60_000));
            assertEquals(Set.of("u1", "u3"), b.nodes().lease("n2", List.of("u1", "u3"), List.of(), 60_000), "released: taken");
            assertEquals(Map.of("u1", "n2", "u2", "n1", "u3", "n2"), a.nodes().leases());

            // a lease that ran out is free for another node
            assertEquals(Set.of(), a.nodes().lease("n1", List.of("u9"), List.of("u2"), -1));
            assertEquals(Set.of("u1", "u3", "u9"), b.nodes().lease("n2", List.of("u1", "u3", "u9"), List.of(), 60_000));

            a.nodes().nodeStopped("n1");
            b.nodes().nodeStopped("n2");
            assertTrue(a.nodes().nodes().stream().noneMatch(n -> n.alive(10_000)), "stopped nodes are not alive");
            assertEquals(Map.of(), a.nodes().leases(), "a clean stop frees the node's leases");
        }
    }
}
