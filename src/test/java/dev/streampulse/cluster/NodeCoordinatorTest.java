package dev.streampulse.cluster;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.NodeSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.store.Database;
import dev.streampulse.testing.TestPostgres;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Three coordinators (one per node, each with its own connection) on a real PostgreSQL: at no moment
 * do two own a stream; a node that stops renewing loses its share to the others within its timeout;
 * back, it gets its share again.
 */
class NodeCoordinatorTest {
    static final int HEARTBEAT_S = 1;
    static final int TIMEOUT_S = 3;

    @Test
    void aSilentShardIsTakenOverAndHandedBackNeverTwice() throws Exception {
        String url = TestPostgres.newDatabase();
        List<StreamConfig> streams = AssignmentTest.streams(90);
        List<Database> stores = new ArrayList<>();
        List<NodeCoordinator> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Database store = Database.open(url, null, null);
                stores.add(store);
                nodes.add(new NodeCoordinator(store.nodes(), new NodeSettings("node-" + i, null, i, 3, HEARTBEAT_S, TIMEOUT_S, true),
                        true, "127.0.0.1", System::currentTimeMillis));
            }
            AtomicInteger changes = new AtomicInteger();
            nodes.get(1).onShareChange(changes::incrementAndGet);
            // all three tick: the first up takes everything, then each ends up with its own shard
            Map<String, String> first = runUntil(nodes, Set.of(0, 1, 2), streams, 10_000,
                    o -> o.size() == 90 && new HashSet<>(o.values()).size() == 3);
            assertEquals(Set.of("node-0", "node-1", "node-2"), new HashSet<>(first.values()));

            int settled = changes.get();
            assertTrue(settled >= 1, "node-1 was told its share changed");
            runUntil(nodes, Set.of(0, 1, 2), streams, 1_000, o -> true);
            assertEquals(settled, changes.get(), "a renewal that changes nothing tells nobody");

            // node-2 beats a last time out of step with the others (0.3 s after their round), then goes silent:
            // its streams move when its silence reaches the timeout, not at the others' next heartbeat after
            // that (0.7 s later here); on top only the 200 ms poll and a database round
            long outOfStep = nodes.get(0).nextRoundMs() + 300;
            runUntil(nodes, Set.of(0, 1, 2), streams, 2_000, o -> System.currentTimeMillis() >= outOfStep);
            nodes.get(2).tick();
            long silentAt = System.currentTimeMillis();
            Map<String, String> without = runUntil(nodes, Set.of(0, 1), streams, 10_000,
                    o -> o.size() == 90 && !o.containsValue("node-2"));
            long took = System.currentTimeMillis() - silentAt;
            assertTrue(took <= TIMEOUT_S * 1000L + 400, "taken over after " + took + " ms");
            System.out.println("NodeCoordinatorTest: node-2's streams taken over " + took + " ms after its last beat");
            first.forEach((s, owner) -> {
                if (!owner.equals("node-2")) assertEquals(owner, without.get(s), "only node-2's streams moved");
            });

            // back: node-2 has exactly its old share again
            Map<String, String> back = runUntil(nodes, Set.of(0, 1, 2), streams, 10_000, o -> o.equals(first));
            assertEquals(first, back);

            // a clean stop frees its leases at once: the others take over at their next tick
            nodes.get(0).stop();
            Map<String, String> afterStop = runUntil(nodes, Set.of(1, 2), streams, 3 * HEARTBEAT_S * 1000L,
                    o -> o.size() == 90 && !o.containsValue("node-0"));
            assertEquals(90, afterStop.size());
        } finally {
            stores.forEach(Database::close);
        }
    }

    /**
     * Polls the given nodes every 200 ms, as the node route does (a round when one is due), and after each poll checks that no stream has two owners
     * among all nodes (the silent one included, whose own clock still says whether it may probe).
     */
    static Map<String, String> runUntil(List<NodeCoordinator> nodes, Set<Integer> ticking, List<StreamConfig> streams,
                                        long deadlineMs, Predicate<Map<String, String>> done) {
        // every round the ticking nodes poll, as the node route does, until the ownership settles
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(deadlineMs))
                    .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                        for (int i = 0; i < nodes.size(); i++) if (ticking.contains(i)) nodes.get(i).poll();
                        return done.test(owners(nodes, streams));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            fail("not settled in " + deadlineMs + " ms: " + owners(nodes, streams));
        }
        return owners(nodes, streams);
    }

    static Map<String, String> owners(List<NodeCoordinator> nodes, List<StreamConfig> streams) {
        Map<String, String> out = new TreeMap<>();
        for (StreamConfig s : streams) {
            for (NodeCoordinator n : nodes) {
                if (n.owns(s)) assertNull(out.put(s.name(), n.settings().id()), s.name() + " owned twice");
            }
        }
        return out;
    }
}
