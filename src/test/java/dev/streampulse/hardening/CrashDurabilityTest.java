package dev.streampulse.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: every beat the app said it committed is in the file afterwards, the
 * file passes SQLite's integrity check, and the app starts again on it with no manual step.
 */
class CrashDurabilityTest {
    private static final Pattern COMMITTED = Pattern.compile("Committed \\d+ heartbeats through inbox id (\\d+)");

    @TempDir
    Path dir;

    @Test
    void noCommittedBeatIsLostAcrossTenKills() throws Exception {
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 1\nprobe: {per_host_limit: 0}\nstreams:\n");
        for (int i = 1; i <= 50; i++) {
            String url = i % 2 == 1 ? SharedCameras.get().rtspUrl("cam" + (100 + i)) : SharedCameras.get().mjpegUrl("cam" + (100 + i));
            yaml.append("  - {name: cam").append(i).append(", url: '").append(url).append("'}\n");
        }
        Path config = TestApp.writeConfig(dir, yaml.toString());
        Path db = dir.resolve("streams.db");
        Random random = new Random(42);
        long previous = 0;
        for (int round = 1; round <= 10; round++) {
            AtomicLong committed = new AtomicLong();
            Process app = start(config, committed);
            try {
                long before = previous;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .alias("round " + round + ": the app resumes writing after the kill")
                        .until(() -> committed.get() > before);
                // let it run a random while, then kill it without warning
                app.waitFor(200 + random.nextInt(2_500), TimeUnit.MILLISECONDS);
            } finally {
                app.destroyForcibly(); // SIGKILL
                app.waitFor(10, TimeUnit.SECONDS);
            }
            long last = committed.get();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                    assertEquals("ok", rs.getString(1), "round " + round);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM heartbeat_inbox WHERE id <= " + last)) {
                    assertEquals(last, rs.getLong(1), "round " + round + ": a beat reported committed is missing");
                }
            }
            previous = last;
        }
    }

    private static Process start(Path config, AtomicLong committed) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-Dstreampulse.log.level=DEBUG", "-Dstreampulse.store.batchMillis=1000",
                "-cp", System.getProperty("java.class.path"), "dev.streampulse.StreamPulse", "monitor",
                "--config", config.toString(), "--host", "127.0.0.1", "--port", Integer.toString(TestApp.freePort())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = COMMITTED.matcher(line);
                    if (m.find()) committed.set(Long.parseLong(m.group(1)));
                }
            } catch (Exception ignored) {
                // the process was killed
            }
        }, "crash-test-reader");
        reader.setDaemon(true);
        reader.start();
        return p;
    }
}
