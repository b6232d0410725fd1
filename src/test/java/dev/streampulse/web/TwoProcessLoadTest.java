package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's layout under load for a minute: a monitor *process* writing 100 cameras at 1 s and a
 * web process (this JVM) on the same data dir answering dashboards as fast as a client asks.
 * No SQLITE_BUSY reaches anyone, and every beat the monitor committed is in the file.
 */
class TwoProcessLoadTest {
    private static final Pattern COMMITTED = Pattern.compile("Committed \\d+ heartbeats through inbox id (\\d+)");

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
            AtomicLong committed = new AtomicLong();
            List<String> monitorLog = new CopyOnWriteArrayList<>();
            Process monitor = startMonitor(dir.resolve("config.yaml"), committed, monitorLog);
            try {
                WebTestSupport.Client client = new WebTestSupport.Client(webPort);
                client.loginAdmin();
                await().atMost(Duration.ofSeconds(30)).until(() -> committed.get() > 0);
                long end = System.currentTimeMillis() + 60_000;
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
                assertTrue(requests > 100, "the web process answered " + requests + " requests in a minute");
                assertTrue(lastUp >= 95, "the web process sees the monitor's beats: " + lastUp + " streams UP");
                assertTrue(committed.get() > 100 * 45, "the monitor kept its schedule: " + committed.get() + " beats");
            } finally {
                monitor.destroy(); // SIGTERM: the monitor commits its last batch and stops
                assertTrue(monitor.waitFor(30, TimeUnit.SECONDS), "the monitor stopped");
            }
            String log = String.join("\n", monitorLog);
            assertFalse(log.contains("SQLITE_BUSY") || log.contains("database is locked"), "the writer was blocked");
            assertFalse(log.contains("Cannot write heartbeats"), "the writer failed");
            // no beat lost: every id the monitor reported committed is in the file (ids are AUTOINCREMENT)
            long last = committed.get();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("streams.db"));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM heartbeat_inbox WHERE id <= " + last)) {
                assertEquals(last, rs.getLong(1));
            }
        }
    }

    private static Process startMonitor(Path config, AtomicLong committed, List<String> log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-Dstreampulse.log.level=DEBUG",
                "-Dstreampulse.store.batchMillis=1000", "-cp", System.getProperty("java.class.path"),
                "dev.streampulse.StreamPulse", "monitor", "--config", config.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(WebTestSupport.freePort())))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = COMMITTED.matcher(line);
                    if (m.find()) committed.set(Long.parseLong(m.group(1)));
                    else if (!line.contains("DEBUG")) log.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }, "monitor-log");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
