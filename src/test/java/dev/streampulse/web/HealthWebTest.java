package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream intelligence on the web: debounced states with their reason on the dashboard and in the API,
 * the transition in /api/events, its evidence frame served as a real JPEG, and only evidence frames.
 */
class HealthWebTest {
    private static final Pattern EVIDENCE_LINK = Pattern.compile("href=\"(/stream/evidence\\.jpg\\?name=([^\"]+))\"");

    @TempDir
    Path dir;
    StreamPulseApp app;
    WebTestSupport.Client client;
    int port;

    @BeforeEach
    void start() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        port = WebTestSupport.freePort();
        app = WebTestSupport.start(Mode.RUN, dir, """
                heartbeat_seconds: 1
                timezone: Europe/Berlin
                health: {fail_threshold: 2, recover_threshold: 2}
                streams:
                  - name: Dark lobby
                    url: %s
                    timeout_seconds: 5
                  - name: Unplugged
                    url: %s
                    timeout_seconds: 5
                  - name: Quiet hours
                    url: %s
                    timeout_seconds: 5
                maintenance:
                  - {streams: [Quiet hours], from: "%s", to: "%s"}
                """.formatted(sim.mjpegUrl("black"), sim.refusedUrl(), sim.refusedHttpUrl(), berlin(-1), berlin(1)), port);
        client = new WebTestSupport.Client(port);
        client.loginAdmin();
    }

    @AfterEach
    void stop() {
        if (app != null) app.close();
    }

    @Test
    void statesReasonsEventsAndEvidence() throws Exception {
        // /api/status: the debounced state and its reason (before the first verdict a stream shows
        // its newest beat, DOWN without a state reason: wait for the verdict), per-state counts
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonObject st = status();
            return "DEGRADED".equals(stream(st, "Dark lobby").getString("state"))
                    && stream(st, "Unplugged").getString("state_reason") != null
                    && "PAUSED".equals(stream(st, "Quiet hours").getString("state"));
        });
        JsonObject status = status();
        JsonObject dark = stream(status, "Dark lobby");
        assertEquals("BLACK", dark.getString("state_reason"));
        assertEquals("DEGRADED", dark.getString("status"));
        assertEquals("REFUSED", stream(status, "Unplugged").getString("state_reason"));
        assertTrue(dark.containsKey("uptime_24h") && dark.containsKey("uptime_7d") && dark.containsKey("uptime_30d"), dark.encode());
        assertEquals(1, status.getJsonObject("summary").getInteger("degraded"));
        assertEquals(1, status.getJsonObject("summary").getInteger("down"));
        assertEquals(1, status.getJsonObject("summary").getInteger("paused"));
        assertEquals("MAINTENANCE", stream(status, "Quiet hours").getString("state_reason"));
        assertEquals(0, status.getJsonObject("summary").getInteger("up"));

        // the dashboard HTML says the same
        String html = client.get("/").body();
        assertTrue(html.contains("<span class=\"st DEGRADED\">DEGRADED</span> <small class=\"why\">BLACK</small>"), html);
        assertTrue(html.contains("<span class=\"st DOWN\">DOWN</span> <small class=\"why\">REFUSED</small>"), html);
        assertTrue(html.contains("<span class=\"st PAUSED\">PAUSED</span> <small class=\"why\">MAINTENANCE</small>"), html);

        // /api/events lists the transition with its evidence
        JsonObject events = new JsonObject(client.get("/api/events?stream=Dark%20lobby").body());
        JsonObject change = events.getJsonArray("events").stream().map(JsonObject.class::cast)
                .filter(e -> "DEGRADED".equals(e.getString("to"))).findFirst().orElseThrow(() -> new AssertionError(events.encode()));
        assertEquals("UNKNOWN", change.getString("from"));
        assertEquals("BLACK", change.getString("reason"));
        String bad = change.getString("evidence_bad");
        assertNotNull(bad, change.encode());
        assertEquals(404, client.get("/api/events?stream=Nope").statusCode());

        // the stream page: state, time-weighted uptime (black all the time it was watched: 0 %), the evidence link
        String page = client.get("/stream?name=Dark%20lobby").body();
        assertTrue(page.contains("id=\"state-reason\">BLACK</small>"), page);
        assertTrue(page.contains("24 h <b>0.00%</b>"), page);
        Matcher m = EVIDENCE_LINK.matcher(page);
        assertTrue(m.find(), page);
        assertEquals(bad, m.group(2));
        HttpResponse<byte[]> jpeg = client.getBytes(m.group(1));
        assertEquals(200, jpeg.statusCode());
        assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg.body()));
        assertTrue(img != null && img.getWidth() > 0, "the evidence decodes as an image");
        assertTrue(Arrays.equals(Files.readAllBytes(dir.resolve("evidence").resolve(bad)), jpeg.body()), "bytes untouched");

        // no session: the login page, never the frame
        WebTestSupport.Client anonymous = new WebTestSupport.Client(port);
        HttpResponse<byte[]> noSession = anonymous.getBytes(m.group(1));
        assertEquals(302, noSession.statusCode());
        assertFalse(noSession.headers().firstValue("Content-Type").orElse("").startsWith("image/"));
        assertEquals(401, anonymous.getBytes("/api/evidence?name=" + bad).statusCode());
    }

    @Test
    void evidenceServesNothingButEvidenceFrames() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("streams.db")));
        Path users = dir.resolve("users.json");
        Path config = dir.resolve("config.yaml");
        Path db = dir.resolve("streams.db");
        List<String> names = List.of("../streams.db", "..%2Fstreams.db", "..%2F..%2Fconfig.yaml", "../config.yaml",
                URLEncoder.encode(users.toAbsolutePath().toString(), StandardCharsets.UTF_8),
                URLEncoder.encode(db.toAbsolutePath().toString(), StandardCharsets.UTF_8), "users.json", "%2e%2e%2fusers.json",
                "..%5Cusers.json", "", "evidence");
        for (String route : List.of("/stream/evidence.jpg?name=", "/api/evidence?name=")) {
            for (String name : names) {
                HttpResponse<byte[]> r = client.getBytes(route + name);
                assertEquals(404, r.statusCode(), route + name);
                for (Path secret : List.of(users, config, db)) {
                    byte[] head = Arrays.copyOf(Files.readAllBytes(secret), 16);
                    assertFalse(contains(r.body(), head), route + name + " leaks " + secret.getFileName());
                }
            }
            assertEquals(404, client.getBytes(route.substring(0, route.length() - 6)).statusCode(), "no name at all");
        }
    }

    /** A maintenance time in the config's zone, {@code hours} from now. */
    private static String berlin(int hours) {
        return java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Berlin")).plusHours(hours).withSecond(0).withNano(0).toString();
    }

    private JsonObject status() throws Exception {
        HttpResponse<String> r = client.get("/api/status");
        assertEquals(200, r.statusCode());
        return new JsonObject(r.body());
    }

    private static JsonObject stream(JsonObject status, String name) {
        JsonArray streams = status.getJsonArray("streams");
        return streams.stream().map(JsonObject.class::cast).filter(s -> name.equals(s.getString("name"))).findFirst().orElseThrow();
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
