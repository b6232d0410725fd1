package dev.streampulse.cluster;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.NodeSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.store.NodeStore.NodeRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignmentTest {
    static NodeSettings shard(String id, int i, int n) {
        return new NodeSettings(id, null, i, n, 1, 4, true);
    }

    static NodeSettings site(String id, String site) {
        return new NodeSettings(id, site, 0, 1, 1, 4, true);
    }

    static NodeRow row(NodeSettings n) {
        return new NodeRow(n.id(), n.site(), n.shardText(), "h", 0, 0, null, 0);
    }

    static List<StreamConfig> streams(int count, String... sites) {
        List<StreamConfig> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> labels = sites.length == 0 ? Map.of() : Map.of("site", sites[i % sites.length]);
            out.add(new StreamConfig("cam-" + i, "rtsp://127.0.0.1/cam" + i, true, 15, 10, labels));
        }
        return out;
    }

    /** stream → owning node, as every node would compute it. */
    static Map<String, String> owners(List<StreamConfig> streams, List<NodeSettings> nodes, List<NodeSettings> alive) {
        List<NodeRow> rows = alive.stream().map(AssignmentTest::row).toList();
        Map<String, String> out = new HashMap<>();
        for (StreamConfig s : streams) {
            for (NodeSettings me : nodes) {
                String unit = Assignment.unitOf(s, me);
                if (unit != null && me.id().equals(Assignment.owner(unit, rows))) {
                    assertNull(out.put(s.name(), me.id()), s.name() + " has two owners");
                }
            }
        }
        return out;
    }

    @Test
    void shardsSplitTheFleetAndOnlyADeadShardMoves() {
        List<NodeSettings> nodes = List.of(shard("a", 0, 3), shard("b", 1, 3), shard("c", 2, 3));
        List<StreamConfig> streams = streams(300);
        Map<String, String> all = owners(streams, nodes, nodes);
        assertEquals(300, all.size(), "every stream has an owner");
        for (String n : List.of("a", "b", "c")) {
            long mine = all.values().stream().filter(n::equals).count();
            assertTrue(mine > 60 && mine < 140, n + " holds " + mine + " of 300");
        }
        Map<String, String> withoutB = owners(streams, nodes, List.of(nodes.get(0), nodes.get(2)));
        assertEquals(300, withoutB.size(), "b's streams are taken over");
        all.forEach((stream, owner) -> {
            if (!owner.equals("b")) assertEquals(owner, withoutB.get(stream), "only b's streams move");
        });
        assertTrue(withoutB.containsValue("a") && withoutB.containsValue("c"));
        assertEquals(all, owners(streams, nodes, nodes), "b back: the same split as before");
    }

    @Test
    void sitesStayWithinTheirSite() {
        List<NodeSettings> nodes = List.of(site("n1", "north"), site("n2", "north"), site("s1", "south"));
        List<StreamConfig> streams = streams(200, "north", "south");
        Map<String, String> all = owners(streams, nodes, nodes);
        assertEquals(200, all.size());
        for (StreamConfig s : streams) {
            String owner = all.get(s.name());
            assertEquals(s.labels().get("site"), owner.startsWith("s") ? "south" : "north", s.name() + " by " + owner);
        }
        assertTrue(all.containsValue("n1") && all.containsValue("n2"), "two nodes of one site share it");

        Map<String, String> withoutN1 = owners(streams, nodes, List.of(nodes.get(1), nodes.get(2)));
        streams.stream().filter(s -> s.labels().get("site").equals("north"))
                .forEach(s -> assertEquals("n2", withoutN1.get(s.name())));
        Map<String, String> withoutSouth = owners(streams, nodes, List.of(nodes.get(0), nodes.get(1)));
        assertEquals(100, withoutSouth.size(), "no node of another site probes the south's cameras");
    }

    @Test
    void aStreamWithoutSiteIsNoSiteNodesAndAnUnsitedNodeIsShardZeroOfOne() {
        StreamConfig bare = streams(1).get(0);
        assertNull(Assignment.unitOf(bare, site("n1", "north")));
        NodeSettings single = NodeSettings.SINGLE.withEnv(Map.of(), "host-a");
        assertEquals("0/1", single.shardText());
        assertEquals("host-a", single.id());
        NodeSettings standby = NodeSettings.SINGLE.withEnv(Map.of(), "host-b");
        Map<String, String> o = owners(streams(10), List.of(single, standby), List.of(single, standby));
        assertEquals(1, o.values().stream().distinct().count(), "two unsharded nodes: one active, one standby");
    }

    @Test
    void environmentNamesTheNode() {
        NodeSettings n = NodeSettings.SINGLE.withEnv(Map.of("STREAMPULSE_NODE_ID", "edge-7", "STREAMPULSE_NODE_SHARD", "2/5"), "h");
        assertEquals("edge-7", n.id());
        assertEquals("2/5", n.shardText());
        assertTrue(n.explicit());
        assertThrows(IllegalArgumentException.class,
                () -> NodeSettings.SINGLE.withEnv(Map.of("STREAMPULSE_NODE_SHARD", "5/5"), "h"));
        assertThrows(IllegalArgumentException.class,
                () -> NodeSettings.SINGLE.withEnv(Map.of("STREAMPULSE_NODE_ID", "<b>x</b>"), "h"));
        assertFalse(NodeSettings.SINGLE.withEnv(Map.of(), "h").explicit());
    }
}
