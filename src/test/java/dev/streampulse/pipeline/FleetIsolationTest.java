package dev.streampulse.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead or slow part of the fleet never makes a healthy camera late: the probe lanes follow what the
 * fleet needs, and the streams that time out or take seconds queue in their own lane. Default probe
 * settings (no concurrency given), real probes against the simulator.
 */
@ResourceLock("paced-tests") // in the sequence, with nothing beside it: it measures threads or timing
class FleetIsolationTest {
    @TempDir
    Path dir;

    /** One beat as stored: when it was due and started, whether it decoded a frame, and why not. */
    record Beat(String stream, long dueMs, long lateMs, boolean ok, String reason, String detail) {}

    private static List<Beat> beats(Path db) throws Exception {
        List<Beat> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.name, b.ts, b.late_ms, b.ok, b.reason, b.detail FROM (SELECT stream_id, ts, late_ms, ok, "
                     + "reason, detail FROM heartbeat_inbox UNION ALL SELECT stream_id, ts, late_ms, ok, reason, detail FROM heartbeat) b "
                     + "JOIN stream s ON s.id = b.stream_id")) {
            while (rs.next()) {
                out.add(new Beat(rs.getString(1), rs.getLong(2) - rs.getLong(3), rs.getLong(3), rs.getInt(4) == 1, rs.getString(5),
                        rs.getString(6)));
            }
        }
        return out;
    }

    /** Waits (the writer commits every 200 ms in tests) without sleeping as synchronisation: until the window is over. */
    private static void runFor(long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) Thread.sleep(Math.min(500, Math.max(1, end - System.currentTimeMillis())));
    }

    @Test
    void tenPercentBlackholedAndTenPercentSlowLeaveEveryHealthyCameraOnTime() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        int healthy = 200, dead = 25, slow = 25;
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 5\nprobe: {per_host_limit: 0}\nstreams:\n");
        // healthy cameras that behave like cameras (20-60 ms per reply, first frame at the next keyframe of a
        // 2 s GOP): each probe holds its session ~0.2-2.2 s, so capacity is really needed, not only for the bad ones
        try (CameraSimulator cameras = CameraSimulator.builder().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start()) {
        for (int i = 0; i < healthy; i++) {
            String url = i % 2 == 0 ? cameras.rtspUrl("cam" + (100 + i)) : cameras.mjpegUrl("cam" + (100 + i));
            yaml.append("  - {name: ok-").append(i).append(", url: '").append(url).append("'}\n");
        }
        // blackholed: each probe holds its session for the whole default 10 s timeout, twice the heartbeat
        for (int i = 0; i < dead; i++) yaml.append("  - {name: dead-").append(i).append(", url: '").append(sim.rtspUrl("blackhole/" + i)).append("'}\n");
        // slow: a frame every 5 s, or every RTSP step 1 s late (~4 s to the first frame)
        for (int i = 0; i < slow; i++) {
            String url = i % 2 == 0 ? sim.rtspUrl("slow/" + i) : sim.rtspUrl("delayed/" + i);
            yaml.append("  - {name: slow-").append(i).append(", url: '").append(url).append("'}\n");
        }
        // the old fixed pool of 32 threads would be held by 25 blackholed and ~25 slow probes at once
        Path config = TestApp.writeConfig(dir, yaml.toString());
        Path db = dir.resolve("streams.db");
        long from;
        long to;
        try (StreamPulseApp app = TestApp.start(config, Map.of())) {
            runFor(10_000); // two beats: every stream has shown what it costs
            from = System.currentTimeMillis();
            long[] skippedBefore = new long[healthy];
            for (int i = 0; i < healthy; i++) skippedBefore[i] = app.scheduler().skipped("ok-" + i);
            runFor(32_000);
            to = System.currentTimeMillis() - 6_000; // beats due in the last 6 s may still be running (slow, dead)
            assertFalse(app.capacity().plan().cannotKeepUp(), app.capacity().plan().toString());
            // after its first timeout a blackholed camera is asked with one RTSP OPTIONS on the shared event loop:
            // its silence holds no probe thread, so the slow lane keeps none for it
            double deadShare = app.scheduler().demand().loads().stream().filter(l -> l.stream().startsWith("dead-"))
                    .mapToDouble(dev.streampulse.probe.ProbeScheduler.Load::share).sum();
            assertTrue(deadShare < 1.0, "the blackholed streams' silence costs no session: " + deadShare + " of " + app.capacity().plan());
            for (int i = 0; i < healthy; i++) {
                assertEquals(skippedBefore[i], app.scheduler().skipped("ok-" + i), "ok-" + i + " had a beat skipped");
            }
            runFor(1_000); // the last batch commits
        }
        List<Beat> all = beats(db);
        long f = from, t = to;
        List<Beat> window = all.stream().filter(b -> b.dueMs() >= f && b.dueMs() < t).toList();
        List<Beat> healthyBeats = window.stream().filter(b -> b.stream().startsWith("ok-")).toList();
        // 200 streams x 26 s / 5 s: about 1,040 beats; one missing stream or a late round would show
        assertTrue(healthyBeats.size() >= healthy * ((t - f) / 5000 - 1), healthyBeats.size() + " healthy beats");
        long onTime = healthyBeats.stream().filter(b -> b.ok() && b.lateMs() < 1000).count();
        System.out.printf("fleet isolation: %d of %d healthy beats ok and on time, max late %d ms%n", onTime, healthyBeats.size(),
                healthyBeats.stream().mapToLong(Beat::lateMs).max().orElse(0));
        List<Beat> late = healthyBeats.stream().filter(b -> !(b.ok() && b.lateMs() < 1000)).limit(10).toList();
        assertTrue(onTime >= Math.ceil(healthyBeats.size() * 0.995), onTime + " of " + healthyBeats.size()
                + " healthy beats ok and within 1 s of due; e.g. " + late);
        // the bad ones are classified as before
        Map<String, List<Beat>> byStream = new HashMap<>();
        for (Beat b : window) byStream.computeIfAbsent(b.stream(), k -> new ArrayList<>()).add(b);
        for (int i = 0; i < dead; i++) {
            List<Beat> d = byStream.get("dead-" + i);
            assertNotNull(d, "dead-" + i + " has beats");
            assertTrue(d.stream().allMatch(b -> !b.ok() && "TIMEOUT".equals(b.reason())), "dead-" + i + ": " + d);
            assertTrue(d.stream().anyMatch(b -> b.detail().contains("RTSP OPTIONS request got no reply")), "knocked: dead-" + i + ": " + d);
        }
        for (int i = 0; i < slow; i++) {
            List<Beat> s = byStream.get("slow-" + i);
            assertNotNull(s, "slow-" + i + " has beats");
            assertTrue(s.stream().allMatch(Beat::ok), "a slow camera still gives its frame: slow-" + i + " " + s);
        }
        }
    }

    @Test
    void anNvrWithOneHangingPathKeepsItsOtherStreamsOnTime() throws Exception {
        // a restreamer (go2rtc, MediaMTX): it answers each request 20-60 ms late and hands out its GOP cache
        try (CameraSimulator sim = CameraSimulator.builder().gopCache(true).bind("127.0.0.1").rtspPort(0).mjpegPort(-1).start()) {
        // one host:port, 32 paths, declared as an NVR with its own cap: each path is a camera (per_host_limit 2 each)
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 2\nhosts: {127.0.0.1: {max_sessions: 8}}\nstreams:\n");
        for (int i = 1; i <= 31; i++) yaml.append("  - {name: ch").append(i).append(", url: '").append(sim.rtspUrl("cam" + i)).append("'}\n");
        yaml.append("  - {name: ch32, url: '").append(sim.rtspUrl("hang-after-headers/ch32")).append("', timeout_seconds: 6}\n");
        Path config = TestApp.writeConfig(dir, yaml.toString());
        Path db = dir.resolve("streams.db");
        long from;
        long to;
        try (StreamPulseApp app = TestApp.start(config, Map.of())) {
            runFor(4_000);
            from = System.currentTimeMillis();
            runFor(14_000);
            to = System.currentTimeMillis() - 1_000;
            assertEquals(0, app.scheduler().hostWaits(), "no probe waited its whole timeout for the NVR");
            runFor(1_000);
        }
        long f = from, t = to;
        List<Beat> window = beats(db).stream().filter(b -> b.dueMs() >= f && b.dueMs() < t).toList();
        List<Beat> healthy = window.stream().filter(b -> !b.stream().equals("ch32")).toList();
        assertTrue(healthy.size() >= 31 * ((t - f) / 2000 - 1), healthy.size() + " beats of the 31 healthy channels");
        List<Beat> bad = healthy.stream().filter(b -> !(b.ok() && b.lateMs() < 1000)).toList();
        assertTrue(bad.isEmpty(), bad.size() + " of " + healthy.size() + " healthy channel beats late or failed: "
                + bad.stream().limit(10).toList());
        List<Beat> hung = window.stream().filter(b -> b.stream().equals("ch32")).toList();
        assertFalse(hung.isEmpty());
        assertTrue(hung.stream().allMatch(b -> "TIMEOUT".equals(b.reason())), "the hanging channel is a camera TIMEOUT: " + hung);
        }
    }
}
