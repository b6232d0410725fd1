package dev.streampulse.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole monitor, end to end: config.yaml → timer → probes → batched writes → SQLite file. */
class PipelineTest {
    static CameraSimulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void cameras() {
        sim = SharedCameras.get();
    }

    private String stream(String name, String url) {
        return "  - name: " + name + "\n    url: " + url + "\n";
    }

    private String config(String streams) {
        return "heartbeat_seconds: 1\nprobe: {concurrency: 8, per_host_limit: 0}\nstreams:\n" + streams;
    }

    /** Reads the SQLite file itself (not the app's store): what a crash would leave on disk. */
    private Map<String, List<Heartbeat>> beatsOnDisk(Path db) throws Exception {
        Map<String, List<Heartbeat>> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.name, b.ts, b.ok, b.reason, b.codec, b.width, b.height, b.late_ms "
                     + "FROM (SELECT stream_id, ts, ok, reason, codec, width, height, late_ms FROM heartbeat_inbox "
                     + "UNION ALL SELECT stream_id, ts, ok, reason, codec, width, height, late_ms FROM heartbeat) b "
                     + "JOIN stream s ON s.id = b.stream_id ORDER BY b.ts")) {
            while (rs.next()) {
                String reason = rs.getString(4);
                out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(new Heartbeat(rs.getString(1),
                        rs.getLong(2), rs.getLong(8), rs.getInt(3) == 1, 0, reason == null ? null : Reason.valueOf(reason),
                        null, rs.getString(5), rs.getInt(6), rs.getInt(7), 0, null));
            }
        }
        return out;
    }

    @Test
    void fiveCamerasTwoFaultyLandInTheDatabaseWithinTenSeconds() throws Exception {
        Path config = TestApp.writeConfig(dir, config(
                stream("rtsp-1", sim.rtspUrl("cam1")) + stream("rtsp-2", sim.rtspUrl("cam2"))
                        + stream("mjpeg-3", sim.mjpegUrl("cam3")) + stream("locked", sim.rtspUrl("401"))
                        + stream("gone", sim.refusedUrl())));
        Path db = dir.resolve("streams.db");
        try (StreamPulseApp app = TestApp.start(config, Map.of())) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<String, List<Heartbeat>> b = beatsOnDisk(db);
                return b.keySet().size() == 5 && b.values().stream().allMatch(l -> l.size() >= 2);
            });
            Map<String, List<Heartbeat>> beats = beatsOnDisk(db);
            for (String healthy : List.of("rtsp-1", "rtsp-2", "mjpeg-3")) {
                for (Heartbeat b : beats.get(healthy)) {
                    assertTrue(b.ok(), healthy + " " + b);
                    assertEquals(640, b.width());
                    assertEquals(360, b.height());
                }
            }
            assertEquals("h264", beats.get("rtsp-1").get(0).codec());
            assertEquals("mjpeg", beats.get("mjpeg-3").get(0).codec());
            assertTrue(beats.get("locked").stream().allMatch(b -> !b.ok() && b.reason() == Reason.AUTH), "401 is down");
            assertTrue(beats.get("gone").stream().allMatch(b -> !b.ok() && b.reason() == Reason.REFUSED));
            // beats of one stream are due exactly one heartbeat (1 s) apart, and start on time
            List<Heartbeat> r1 = beats.get("rtsp-1");
            for (int i = 1; i < r1.size(); i++) {
                long gap = (r1.get(i).ts() - r1.get(i).lateMs()) - (r1.get(i - 1).ts() - r1.get(i - 1).lateMs());
                assertTrue(Math.abs(gap - 1000) < 50, "due times " + gap + " ms apart");
            }
            // the first beat after start-up pays for class loading and Camel's bean introspection
            assertTrue(r1.stream().skip(1).allMatch(b -> b.lateMs() < 300), "late: " + r1);
        }
    }

    @Test
    void hotReloadAddsAndRemovesStreamsAndSurvivesABrokenEdit() throws Exception {
        Path config = TestApp.writeConfig(dir, config(stream("a", sim.rtspUrl("cam4"))));
        Path db = dir.resolve("streams.db");
        try (StreamPulseApp app = TestApp.start(config, Map.of())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> beatsOnDisk(db).containsKey("a"));

            Files.writeString(config, config(stream("a", sim.rtspUrl("cam4")) + stream("b", sim.mjpegUrl("cam5"))));
            await().atMost(Duration.ofSeconds(5)).until(() -> beatsOnDisk(db).containsKey("b"));

            Files.writeString(config, config(stream("b", sim.mjpegUrl("cam5"))));
            await().atMost(Duration.ofSeconds(3)).until(() -> app.scheduler().size() == 1);
            int aAfterRemoval = beatsOnDisk(db).get("a").size();

            Files.writeString(config, "streams: [ {name: broken");
            await().atMost(Duration.ofSeconds(3)).until(() -> app.config().lastError() != null);
            int bBefore = beatsOnDisk(db).get("b").size();
            await().atMost(Duration.ofSeconds(5)).until(() -> beatsOnDisk(db).get("b").size() >= bBefore + 2);
            // "a" stopped: at most one beat that was in flight during the reload was still written
            assertTrue(beatsOnDisk(db).get("a").size() <= aAfterRemoval + 1);
            assertEquals("b", app.config().current().streams().get(0).name(), "the last good config keeps running");
        }
    }

    @Test
    void aBlackholedCameraDoesNotDelayTheBeatsOfHealthyOnes() throws Exception {
        StringBuilder streams = new StringBuilder();
        for (int i = 0; i < 3; i++) streams.append(stream("hole-" + i, sim.rtspUrl("blackhole/" + i)));
        for (int i = 0; i < 4; i++) streams.append(stream("ok-" + i, sim.rtspUrl("cam" + (20 + i))));
        // blackholed probes hold their thread for the whole 3 s timeout, beyond the 1 s heartbeat
        Path config = TestApp.writeConfig(dir, "heartbeat_seconds: 1\nprobe: {concurrency: 8, per_host_limit: 0}\n"
                + "streams:\n" + streams.toString().replace("/blackhole/", "/blackhole/").replaceAll(
                        "(url: rtsp://[^\\n]*/blackhole/\\d)", "$1\n    timeout_seconds: 3"));
        Path db = dir.resolve("streams.db");
        try (StreamPulseApp app = TestApp.start(config, Map.of())) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> beatsOnDisk(db).getOrDefault("hole-0", List.of()).size() >= 2);
            Map<String, List<Heartbeat>> beats = beatsOnDisk(db);
            for (int i = 0; i < 4; i++) {
                List<Heartbeat> ok = beats.get("ok-" + i);
                assertTrue(ok.size() >= 4, "ok-" + i + " has " + ok.size() + " beats");
                assertTrue(ok.stream().allMatch(Heartbeat::ok));
                assertTrue(ok.stream().skip(1).allMatch(b -> b.lateMs() < 300), "healthy beats started late: " + ok);
            }
            assertTrue(beats.get("hole-0").stream().allMatch(b -> b.reason() == Reason.TIMEOUT));
            assertTrue(app.scheduler().skipped("hole-0") > 0, "a still-running probe skips its next beat");
            assertEquals(0, app.scheduler().skipped("ok-0"));
        }
    }
}
