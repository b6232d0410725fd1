package dev.streampulse.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.health.StreamState;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import dev.streampulse.web.Users;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ops tools read: Camel health on the main port, the Fleet MBean, Prometheus text. */
class OpsTest {
    static final String SECRET = "OpsSecret77";
    static StreamPulseApp app;
    static int port;
    static HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        Path config = TestApp.writeConfig(dir, "heartbeat_seconds: 1\nprobe: {per_host_limit: 0}\nstreams:\n"
                + "  - {name: up-cam, url: '" + sim.rtspUrl("digest/cam40", sim.username(), sim.password()) + "'}\n"
                + "  - {name: locked-cam, url: '" + sim.rtspUrl("401", "admin", SECRET) + "'}\n"
                + "  - {name: gone-cam, url: '" + sim.refusedUrl() + "'}\n");
        port = TestApp.freePort();
        Map<String, String> props = new HashMap<>();
        props.put("camel.server.enabled", "true");
        props.put("camel.server.port", Integer.toString(port));
        props.put("camel.management.enabled", "true");
        app = TestApp.start(config, Mode.RUN, props);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.fleet().latest().size() == 3);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** With an API token, as a monitoring system that wants the details asks. */
    private static HttpResponse<String> getWithToken(String path) throws Exception {
        if (token == null) token = new Users(dir.resolve("users.json")).createToken("admin", "ops-test");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token;

    @Test
    void anonymousHealthSaysStatusAndCheckNamesButNoStreamOrError() throws Exception {
        for (String p : new String[] {"/observe/health?data=true&stackTrace=true&exposureLevel=full",
                "/observe/health/ready?data=true&exposureLevel=full", "/observe/health/live?data=true"}) {
            HttpResponse<String> r = get(p);
            assertEquals(200, r.statusCode(), p + ": " + r.body());
            String body = r.body();
            assertTrue(body.contains("\"status\" : \"UP\""), body);
            assertTrue(p.contains("live") || body.contains("\"name\" : \"streams\""), body);
            for (String leak : new String[] {"locked-cam", "gone-cam", "up-cam", "AUTH", "\"down\"", "data", "message"}) {
                assertFalse(body.contains(leak), p + " shows " + leak + ": " + body);
            }
        }
        assertFalse(get("/observe/health?data=true").body().contains("locked-cam"));
        // a wrong token is anonymous
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/observe/health?data=true")).header("Authorization", "Bearer sp_nope").build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(wrong.body().contains("locked-cam"), wrong.body());
    }

    @Test
    void healthIsOpenAndTheStreamsCheckCountsUpAndDown() throws Exception {
        HttpResponse<String> ready = getWithToken("/observe/health/ready?data=true");
        assertEquals(200, ready.statusCode(), ready.body());
        String body = ready.body();
        assertTrue(body.contains("\"name\":\"streams\""), body);
        assertTrue(body.contains("\"up\":1") && body.contains("\"down\":2"), body);
        assertTrue(body.contains("\"stream.locked-cam\":\"DOWN AUTH\""), body);
        assertTrue(body.contains("\"name\":\"monitor\",\"status\":\"UP\""), body);
        assertFalse(body.contains(SECRET));
        assertEquals(200, get("/observe/health/live").statusCode());
    }

    @Test
    void readinessGoesDownWhenTheProbeLoopStops() throws Exception {
        try {
            app.camel().getRouteController().stopRoute("schedule");
            // Camel's route check drops at once; ours says why the monitor is not ready once ticks go stale
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> getWithToken("/observe/health/ready?data=true").body().contains("has not ticked"));
            assertEquals(503, get("/observe/health/ready").statusCode());
        } finally {
            app.camel().getRouteController().startRoute("schedule");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/observe/health/ready").statusCode() == 200);
    }

    @Test
    void fleetMBeanIsReadableOverThePlatformMBeanServer() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(FleetJmx.NAME);
        assertEquals(3, server.getAttribute(name, "StreamsConfigured"));
        assertEquals(1, server.getAttribute(name, "StreamsUp"));
        assertEquals(2, server.getAttribute(name, "StreamsDown"));
        CompositeData[] streams = (CompositeData[]) server.getAttribute(name, "Streams");
        Map<String, CompositeData> byName = new HashMap<>();
        for (CompositeData d : streams) byName.put((String) d.get("name"), d);
        assertEquals("UP", byName.get("up-cam").get("status"));
        assertEquals("AUTH", byName.get("locked-cam").get("lastReason"));
        assertEquals("REFUSED", byName.get("gone-cam").get("lastReason"));
        String described = (String) server.invoke(name, "describe", new Object[] {"locked-cam"}, new String[] {"java.lang.String"});
        assertTrue(described.startsWith("locked-cam: DOWN (AUTH)"), described);
        // Camel's own MBeans stay few: one per route, not per camera
        long camelRoutes = server.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null).stream()
                .filter(n -> "StreamPulse".equals(n.getKeyProperty("context"))).count();
        assertEquals(app.camel().getRoutes().size(), camelRoutes);
    }

    @Test
    void metricsNeedAnApiTokenAndAreInPrometheusTextFormat() throws Exception {
        assertEquals(401, get("/metrics").statusCode(), "only health is open");
        String token = new Users(dir.resolve("users.json")).createToken("admin", "prometheus");
        HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode(), scraped.body());
        assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = scraped.body();
        Map<String, Double> samples = parse(text);
        assertEquals(1.0, samples.get("streampulse_stream_up{stream=\"up-cam\"}"));
        assertEquals(0.0, samples.get("streampulse_stream_up{stream=\"locked-cam\"}"));
        // the debounced state (what the dashboard shows) next to the raw newest beat
        await().atMost(Duration.ofSeconds(10)).until(() -> app.health().status("locked-cam").state() == StreamState.DOWN);
        Map<String, Double> later = parse(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(2.0, later.get("streampulse_stream_state{stream=\"locked-cam\"}"), "DOWN");
        assertEquals(0.0, later.get("streampulse_stream_state{stream=\"up-cam\"}"), "UP");
        assertTrue(samples.get("streampulse_probes_total{reason=\"AUTH\",result=\"fail\",stream=\"locked-cam\"}") >= 1);
        assertTrue(samples.get("streampulse_probe_duration_seconds_count") >= 3);
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("streampulse_probe_duration_seconds_bucket{le=")));
        assertTrue(samples.get("streampulse_heartbeat_lag_seconds{stream=\"up-cam\"}") < 5);
        assertTrue(text.contains("# TYPE streampulse_probe_duration_seconds histogram"), "a histogram");
        assertFalse(text.contains(SECRET));
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")), "Camel's JVM meters too");
    }

    /** Minimal exposition-format parser: "name{labels} value" lines, comments skipped. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new HashMap<>();
        Pattern line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})?) ([-+0-9.eEInfNa]+)$");
        for (String l : text.split("\n")) {
            if (l.startsWith("#") || l.isBlank()) continue;
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "not exposition format: " + l);
            out.put(m.group(1), Double.parseDouble(m.group(3).replace("+Inf", "Infinity")));
        }
        return out;
    }
}
