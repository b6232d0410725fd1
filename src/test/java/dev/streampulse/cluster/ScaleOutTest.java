package dev.streampulse.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.TestApp;
import dev.streampulse.web.WebTestSupport;
import io.vertx.core.json.JsonObject;
import dev.streampulse.testing.MonitorProcess;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three monitor nodes, each a real child process, over 30 simulated cameras in two sites, sharing a
 * real PostgreSQL. Everything is read back from the database the nodes wrote: every beat, the node
 * that probed it, and its due time.
 */
@ResourceLock("paced-tests") // in the sequence, with nothing beside it: three node JVMs, leases on a deadline
class ScaleOutTest {
    static final int CAMERAS = 30;
    static final int BEAT_S = 1;
    static final int NODE_HEARTBEAT_S = 1;
    static final int NODE_TIMEOUT_S = 4;
    /**
     * "Within node_timeout + one heartbeat": the survivors act the moment the dead node's silence
     * reaches the timeout, then each camera waits at most one beat for its next slot. On top only: the
     * node route's poll (250 ms), one database round, the probe scheduler's tick and the probe's start.
     */
    static final long TAKEOVER_LIMIT_MS = (NODE_TIMEOUT_S + BEAT_S) * 1000L + 750;
    /** a camera's longest gap: the takeover, the beat before the kill, the last second kill -9 left uncommitted */
    static final long GAP_LIMIT_MS = TAKEOVER_LIMIT_MS + BEAT_S * 1000L + 1_000;

    @TempDir
    Path dir;

    record Beat(String stream, long ts, long dueMs, String node) {}

    @Test
    void threeNodesTwoSitesTakeOverAndHandBack() throws Exception {
        String url = TestPostgres.newDatabase();
        CameraSimulator sim = SharedCameras.get();
        Map<String, String> siteOf = new LinkedHashMap<>();
        StringBuilder streams = new StringBuilder();
        for (int i = 0; i < CAMERAS; i++) {
            String site = i < CAMERAS / 2 ? "north" : "south";
            String name = "cam" + i;
            siteOf.put(name, site);
            String camUrl = i % 2 == 0 ? sim.rtspUrl("cam" + (700 + i)) : sim.mjpegUrl("cam" + (700 + i));
            streams.append("  - {name: ").append(name).append(", url: '").append(camUrl).append("', labels: {site: ")
                    .append(site).append("}}\n");
        }
        Map<String, String> nodeSite = Map.of("n1", "north", "n2", "north", "n3", "south");
        Map<String, MonitorProcess> nodes = new TreeMap<>();
        long killedAt;
        long handedBack;
        try {
            for (String id : nodeSite.keySet()) nodes.put(id, startNode(id, nodeSite.get(id), url, streams.toString()));

            // settled: every camera beats, the north's shared by n1 and n2, the south's by n3
            Map<String, String> before = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> lastNodes(url, 3_000), o -> o.size() == CAMERAS
                            && new HashSet<>(o.values()).equals(Set.of("n1", "n2", "n3")) && stable(url, o));
            List<String> ofN1 = before.entrySet().stream().filter(e -> e.getValue().equals("n1")).map(Map.Entry::getKey).toList();
            assertFalse(ofN1.isEmpty());

            // n1 dies (kill -9: no goodbye): n2, the other north node, takes its cameras
            killedAt = System.currentTimeMillis();
            nodes.get("n1").kill();
            await().atMost(Duration.ofMillis(TAKEOVER_LIMIT_MS + 5_000)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> firstBeatAfter(url, killedAt, ofN1, "n2").size() == ofN1.size());
            Map<String, Long> takeover = firstBeatAfter(url, killedAt, ofN1, "n2");
            long worst = takeover.values().stream().mapToLong(t -> t - killedAt).max().orElseThrow();
            assertTrue(worst <= TAKEOVER_LIMIT_MS, "n1's cameras probed by n2 after " + worst + " ms (limit " + TAKEOVER_LIMIT_MS + ")");
            System.out.println("ScaleOutTest: n1's " + ofN1.size() + " cameras taken over by n2 within " + worst + " ms");

            // n1 comes back: it takes its share back
            long restartedAt = System.currentTimeMillis();
            nodes.put("n1", startNode("n1", "north", url, streams.toString()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> firstBeatAfter(url, restartedAt, ofN1, "n1").size() == ofN1.size());
            handedBack = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> lastNodes(url, 3_000), o -> o.size() == CAMERAS && o.equals(before));
            System.out.println("ScaleOutTest: n1 took its cameras back " + (handedBack - restartedAt) + " ms after its restart");

            // one web process on the same PostgreSQL shows the whole fleet, with the node of each camera
            int port = TestApp.freePort();
            try (StreamPulseApp web = WebTestSupport.start(Mode.WEB, dir.resolve("web"), "heartbeat_seconds: " + BEAT_S
                    + "\ndatabase: {url: '" + url + "'}\nnode: {heartbeat_seconds: " + NODE_HEARTBEAT_S + ", timeout_seconds: "
                    + NODE_TIMEOUT_S + "}\nstreams:\n" + streams, port)) {
                WebTestSupport.Client client = new WebTestSupport.Client(port);
                client.loginAdmin();
                JsonObject status = new JsonObject(client.get("/api/status").body());
                Map<String, String> shownNode = new HashMap<>();
                for (Object o : status.getJsonArray("streams")) {
                    JsonObject st = (JsonObject) o;
                    shownNode.put(st.getString("name"), st.getString("node"));
                    assertEquals("UP", st.getString("status"), st.encode());
                }
                assertEquals(before, shownNode, "each camera with the node that probes it");
                assertEquals(Set.of("n1", "n2", "n3"), aliveNodes(client));
                String page = client.get("/").body();
                assertTrue(page.contains("Monitor nodes") && page.contains("data-node=\"n3\""), "the dashboard lists the nodes: " + page);

                // the south's only node dies: nobody may take its cameras (another site), so they read STALE, not UP
                nodes.get("n3").kill();
                await().atMost(Duration.ofSeconds(NODE_TIMEOUT_S + 10)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> stale(client), s -> s.keySet().equals(south(siteOf))
                                && s.values().stream().allMatch("node n3 went quiet"::equals));
                assertEquals(Set.of("n1", "n2"), aliveNodes(client));

                // one stream list for all: a camera added in the web's editor is probed by a north node
                String added = web.config().text().replace("streams:\n", "streams:\n  - {name: cam30, url: '"
                        + sim.rtspUrl("cam730") + "', labels: {site: north}}\n");
                web.config().save(added);
                assertTrue(web.config().current().database().shared(), "the web keeps its own database: key");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> allBeats(url).getOrDefault("cam30", List.of()), b -> !b.isEmpty()
                                && Set.of("n1", "n2").contains(b.get(0).node()));
            }
        } finally {
            for (MonitorProcess n : nodes.values()) n.stop(30);
        }

        // hand-overs are no news: each camera's whole state history is its first UNKNOWN → UP, whichever
        // node wrote it (no RESTART or UNKNOWN when n1 died, came back or another node started)
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.name, e.from_state, e.to_state, e.reason FROM stream_event e "
                     + "JOIN stream s ON s.id = e.stream_id WHERE e.kind = 'STATE' ORDER BY s.name, e.id")) {
            Map<String, List<String>> history = new TreeMap<>();
            while (rs.next()) {
                history.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2) + "→" + rs.getString(3) + "(" + rs.getString(4) + ")");
            }
            history.remove("cam30"); // added at the end: its first verdict may still be pending
            assertEquals(siteOf.keySet(), history.keySet());
            history.forEach((cam, h) -> assertEquals(List.of("UNKNOWN→UP(null)"), h, cam + "'s state history"));
        }

        // the whole run, from the database: per camera, one node per beat, the right site, no long gap
        Map<String, List<Beat>> beats = allBeats(url);
        List<Beat> added = beats.remove("cam30");
        assertTrue(added.stream().allMatch(b -> Set.of("n1", "n2").contains(b.node())), "the added camera, by north nodes: " + added);
        assertEquals(siteOf.keySet(), beats.keySet());
        for (Map.Entry<String, List<Beat>> e : beats.entrySet()) {
            List<Beat> b = e.getValue();
            for (Beat x : b) {
                assertEquals(siteOf.get(e.getKey()), nodeSite.get(x.node()), e.getKey() + " probed by " + x.node());
            }
            for (int i = 1; i < b.size(); i++) {
                Beat p = b.get(i - 1);
                Beat x = b.get(i);
                assertTrue(x.dueMs() - p.dueMs() >= BEAT_S * 1000L - 100, e.getKey() + " probed twice for one beat: "
                        + p + " and " + x);
                assertTrue(x.ts() - p.ts() <= GAP_LIMIT_MS, e.getKey() + " went " + (x.ts() - p.ts()) + " ms without a beat: "
                        + p + " → " + x);
            }
            // (the south's node is killed -9 soon after the hand-back: its last second of beats was never committed)
            assertTrue(b.get(0).ts() < killedAt && b.get(b.size() - 1).ts() > handedBack - 3_000,
                    e.getKey() + " beat from before the kill to after the hand-back: " + b.get(0) + " … " + b.get(b.size() - 1));
        }
    }

    static Set<String> south(Map<String, String> siteOf) {
        Set<String> out = new HashSet<>();
        siteOf.forEach((cam, site) -> {
            if (site.equals("south")) out.add(cam);
        });
        return out;
    }

    /** Cameras the web shows STALE, with the reason it gives. */
    static Map<String, String> stale(WebTestSupport.Client client) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Object o : new JsonObject(client.get("/api/status").body()).getJsonArray("streams")) {
            JsonObject st = (JsonObject) o;
            if ("STALE".equals(st.getString("status"))) out.put(st.getString("name"), st.getString("state_reason"));
        }
        return out;
    }

    static Set<String> aliveNodes(WebTestSupport.Client client) throws Exception {
        Set<String> out = new HashSet<>();
        for (Object o : new JsonObject(client.get("/api/nodes").body()).getJsonArray("nodes")) {
            JsonObject n = (JsonObject) o;
            if (n.getBoolean("alive")) out.add(n.getString("id"));
        }
        return out;
    }

    private MonitorProcess startNode(String id, String site, String url, String streams) throws Exception {
        Path nodeDir = dir.resolve(id);
        Files.createDirectories(nodeDir);
        Path config = nodeDir.resolve("config.yaml");
        Files.writeString(config, "heartbeat_seconds: " + BEAT_S + "\nprobe: {concurrency: 8, per_host_limit: 0}\n"
                + "evidence_files: 0\nnode: {heartbeat_seconds: " + NODE_HEARTBEAT_S + ", timeout_seconds: " + NODE_TIMEOUT_S
                + "}\nstreams:\n" + streams);
        return MonitorProcess.start(config, Map.of("STREAMPULSE_DB_URL", url, "STREAMPULSE_NODE_ID", id,
                "STREAMPULSE_NODE_SITE", site));
    }

    /** Each camera's node in the last {@code windowMs}, for cameras that one node alone probed then. */
    static Map<String, String> lastNodes(String url, long windowMs) {
        long since = System.currentTimeMillis() - windowMs;
        Map<String, Set<String>> seen = new HashMap<>();
        for (List<Beat> list : allBeats(url).values()) {
            for (Beat b : list) if (b.ts() >= since) seen.computeIfAbsent(b.stream(), k -> new HashSet<>()).add(b.node());
        }
        Map<String, String> out = new TreeMap<>();
        seen.forEach((s, n) -> {
            if (n.size() == 1) out.put(s, n.iterator().next());
        });
        return out;
    }

    /** The same owners over a longer window: nobody changed hands lately. */
    static boolean stable(String url, Map<String, String> owners) {
        return lastNodes(url, 6_000).equals(owners);
    }

    /** The first beat after {@code since} of each listed camera probed by {@code node}. */
    static Map<String, Long> firstBeatAfter(String url, long since, List<String> cams, String node) {
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, List<Beat>> e : allBeats(url).entrySet()) {
            if (!cams.contains(e.getKey())) continue;
            e.getValue().stream().filter(b -> b.ts() > since && node.equals(b.node())).findFirst()
                    .ifPresent(b -> out.put(e.getKey(), b.ts()));
        }
        return out;
    }

    static Map<String, List<Beat>> allBeats(String url) {
        Map<String, List<Beat>> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.name, b.ts, b.late_ms, b.node FROM (SELECT stream_id, ts, late_ms, node "
                     + "FROM heartbeat_inbox UNION ALL SELECT stream_id, ts, late_ms, node FROM heartbeat) AS b "
                     + "JOIN stream s ON s.id = b.stream_id ORDER BY s.name, b.ts")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Beat(rs.getString(1), rs.getLong(2), rs.getLong(2) - rs.getLong(3), rs.getString(4)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
