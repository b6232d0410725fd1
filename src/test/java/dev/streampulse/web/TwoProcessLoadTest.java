package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.MonitorProcess;
import dev.streampulse.testing.SharedCameras;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's layout under load for a minute: a monitor *process* writing 100 cameras at 1 s and a
 * web process (this JVM) on the same data dir answering dashboards as fast as a client asks.
 * No SQLITE_BUSY reaches anyone, and every beat the monitor committed is in the file.
 */
@ResourceLock("paced-tests") // in the sequence, with nothing beside it: it measures threads or timing
class TwoProcessLoadTest {
    @TempDir
    Path dir;

    @Test
    void monitorAndWebProcessesShareTheDataDirUnderLoad() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 1\nprobe: {concurrency: 16, per_host_limit: 0}\nstreams:\n");
        for (int i = 0; i < 100; i++) {
            String url = i % 2 == 0 ? sim.rtspUrl("cam" + (600 + i)) : sim.mjpegUrl("cam" + (600 + i));
            yaml.append("  - {name: c").append(i).append(", url: '").append(url).append("'}\n");
        }
        int webPort = WebTestSupport.freePort();
        try (StreamPulseApp web = WebTestSupport.start(Mode.WEB, dir, yaml.toString(), webPort)) {
            MonitorProcess monitor = MonitorProcess.start(dir.resolve("config.yaml"));
            try {
                WebTestSupport.Client client = new WebTestSupport.Client(webPort);
                client.loginAdmin();
                await().atMost(Duration.ofSeconds(30)).until(() -> monitor.committedId() > 0);
                long end = System.currentTimeMillis() + 40_000; // 40 s under load (it was a minute: the suite buys time for newer tests)
                int requests = 0;
                int lastUp = 0;
                while (System.currentTimeMillis() < end) {
                    String path = requests % 2 == 0 ? "/api/status" : "/";
                    HttpResponse<String> r = client.get(path);
                    assertEquals(200, r.statusCode(), path + ": " + r.body());
                    assertFalse(r.body().contains("SQLITE_BUSY") || r.body().contains("database is locked"), r.body());
                    if (path.equals("/api/status")) lastUp = count(r.body(), "\"status\":\"UP\"");
                    requests++;
                }
                assertTrue(requests > 100, "the web process answered " + requests + " requests in 40 s");
                assertTrue(lastUp >= 95, "the web process sees the monitor's beats: " + lastUp + " streams UP");
                assertTrue(monitor.committedId() > 100 * 30, "the monitor kept its schedule: " + monitor.committedId() + " beats");
            } finally {
                assertTrue(monitor.stop(30), "the monitor stopped on SIGTERM");
            }
            String log = monitor.log();
            assertFalse(log.contains("SQLITE_BUSY") || log.contains("database is locked"), "the writer was blocked");
            assertFalse(log.contains("Cannot write heartbeats"), "the writer failed");
            // no beat lost: every id the monitor reported committed is in the file (ids are AUTOINCREMENT),
            // still in the inbox or already compacted
            long last = monitor.committedId();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("streams.db"));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM heartbeat_inbox WHERE id <= " + last
                         + ") + (SELECT count(*) FROM heartbeat)")) {
                assertEquals(last, rs.getLong(1));
            }
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
