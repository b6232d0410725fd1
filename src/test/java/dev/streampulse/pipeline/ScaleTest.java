package dev.streampulse.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 2,000 streams cost no more routes than 5, and each still beats at its interval. */
class ScaleTest {
    @TempDir
    Path dir;

    private static String fleet(int n, String url) {
        StringBuilder sb = new StringBuilder("heartbeat_seconds: 5\nprobe: {concurrency: 8, per_host_limit: 0}\nstreams:\n");
        for (int i = 0; i < n; i++) sb.append("  - {name: cam-").append(i).append(", url: '").append(url).append("'}\n");
        return sb.toString();
    }

    @Test
    void twoThousandStreamsKeepTheRouteCountAndTheirIntervals() throws Exception {
        String refused = SharedCameras.get().refusedUrl();
        int routesFor5;
        try (StreamPulseApp small = TestApp.start(TestApp.writeConfig(dir.resolve("small"), fleet(5, refused)), Map.of())) {
            routesFor5 = small.camel().getRoutes().size();
        }
        Path big = dir.resolve("big");
        try (StreamPulseApp app = TestApp.start(TestApp.writeConfig(big, fleet(2000, refused)), Map.of())) {
            assertEquals(routesFor5, app.camel().getRoutes().size(), "routes must not grow with streams");
            assertEquals(2000, app.scheduler().size());
            Path db = big.resolve("streams.db");
            // within two intervals plus a margin every stream has two beats
            await().atMost(Duration.ofSeconds(16)).pollInterval(Duration.ofSeconds(1)).until(() -> minBeats(db) >= 2);
            Map<String, List<long[]>> beats = beats(db);
            assertEquals(2000, beats.size());
            for (Map.Entry<String, List<long[]>> e : beats.entrySet()) {
                List<long[]> b = e.getValue();
                for (int i = 1; i < b.size(); i++) {
                    long dueGap = (b.get(i)[0] - b.get(i)[1]) - (b.get(i - 1)[0] - b.get(i - 1)[1]);
                    assertTrue(Math.abs(dueGap - 5000) < 50, e.getKey() + " due " + dueGap + " ms apart");
                }
            }
            assertEquals(0, app.scheduler().skipped(), "refused probes end at once: nothing should be skipped");
        }
    }

    private static long minBeats(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), min(n) FROM (SELECT stream_id, count(*) n FROM "
                     + "(SELECT stream_id FROM heartbeat_inbox UNION ALL SELECT stream_id FROM heartbeat) GROUP BY stream_id)")) {
            return rs.getInt(1) < 2000 ? 0 : rs.getLong(2);
        }
    }

    /** stream → [ts, late_ms] in time order */
    private static Map<String, List<long[]>> beats(Path db) throws Exception {
        Map<String, List<long[]>> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.name, b.ts, b.late_ms FROM heartbeat_inbox b JOIN stream s ON s.id = b.stream_id ORDER BY b.ts")) {
            while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new long[] {rs.getLong(2), rs.getLong(3)});
        }
        return out;
    }
}
