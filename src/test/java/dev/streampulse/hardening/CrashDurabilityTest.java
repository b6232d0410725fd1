package dev.streampulse.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.testing.MonitorProcess;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: every beat the app said it committed is in the file afterwards, the
 * file passes SQLite's integrity check, and the app starts again on it with no manual step.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("paced-tests") // mostly waiting (a peer process, child JVMs): beside the sequence, one at a time
class CrashDurabilityTest {
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
            MonitorProcess app = MonitorProcess.start(config);
            try {
                long before = previous;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .alias("round " + round + ": the app resumes writing after the kill")
                        .until(() -> app.committedId() > before);
                app.runFor(200 + random.nextInt(2_500)); // a random while, then no warning at all
            } finally {
                app.kill();
            }
            long last = app.committedId();
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
}
