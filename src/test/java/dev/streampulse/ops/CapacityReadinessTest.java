package dev.streampulse.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.LogCapture;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import dev.streampulse.web.Users;
import dev.streampulse.web.WebTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the fleet needs more probes at once than the ceiling allows, it is never silently late:
 * readiness goes DOWN with needed vs available and the streams skipped, /metrics has the numbers,
 * the dashboard says it, and the log names the costliest streams.
 */
class CapacityReadinessTest {
    @TempDir
    Path dir;

    @Test
    void demandPastTheCeilingTurnsReadinessDownWithTheNumbers() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        // six cameras taking ~5 s per frame at a 2 s heartbeat need six sessions; the ceiling allows two
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 2\nprobe: {max_concurrency: 2, per_host_limit: 0}\nstreams:\n");
        for (int i = 0; i < 6; i++) yaml.append("  - {name: slow-").append(i).append(", url: '").append(sim.rtspUrl("slow/" + i)).append("'}\n");
        int port = TestApp.freePort();
        HttpClient http = HttpClient.newHttpClient();
        try (LogCapture log = new LogCapture();
             StreamPulseApp app = WebTestSupport.start(Mode.RUN, dir, yaml.toString(), port)) {
            String ready = "http://127.0.0.1:" + port + "/observe/health/ready?data=true";
            // the numbers are details: anonymous health shows the status only, a monitoring system asks with a token
            String token = new Users(dir.resolve("users.json")).createToken("admin", "capacity-test");
            HttpRequest asked = HttpRequest.newBuilder(URI.create(ready)).header("Authorization", "Bearer " + token).build();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                HttpResponse<String> r = http.send(asked, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 503 && r.body().contains("streams skipped") && app.scheduler().skipped() > 0;
            });
            String body = http.send(asked, HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.matches("(?s).*Probing cannot keep up: \\d+\\.\\d sessions needed, 2 available.*"), body);
            assertTrue(body.contains("\"probe.sessions.available\":2"), body);
            assertTrue(body.contains("\"probe.streams.skipped.last.minute\""), body);

            String metrics = app.scrapeMetrics();
            assertTrue(metrics.contains("streampulse_probe_cannot_keep_up 1.0"), metrics);
            assertTrue(metrics.contains("streampulse_probe_sessions_available 2.0"), metrics);
            assertTrue(metrics.matches("(?s).*streampulse_probe_sessions_needed [3-6]\\.\\d*.*"), metrics);
            assertTrue(metrics.contains("streampulse_probes_in_flight "), metrics);
            assertTrue(metrics.contains("streampulse_streams_skipped "), metrics);

            WebTestSupport.Client c = new WebTestSupport.Client(port);
            c.loginAdmin();
            String page = c.get("/").body();
            assertTrue(page.contains("id=\"capacity\"") && page.contains("Probing cannot keep up"), page);

            assertTrue(log.text().matches("(?s).*Probing cannot keep up: .* the most costly streams: slow-\\d.*"), log.text());
        }
    }
}
