package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/** HTTP-level rules of the web GUI, against the app in run mode (no redirects followed). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSecurityTest {
    static final String SECRET = "SuperSecret99";
    static final String XSS = "<script>alert(1)</script>";
    static final List<String> PAGES = List.of("/", "/stream?name=Secret", "/stream/history.csv?name=Secret",
            "/stream/preview.jpg?name=Secret", "/config", "/config/stream", "/config/stream?name=Secret", "/config/raw",
            "/settings", "/password", "/stream/evidence.jpg?name=x.jpg", "/users", "/audit", "/incidents", "/report", "/report.csv");
    static final List<String> POSTS = List.of("/logout", "/password", "/config/settings", "/config/toggle", "/config/delete",
            "/config/stream", "/config/test-url", "/config/raw", "/settings/token", "/settings/revoke", "/users/add",
            "/users/role", "/users/reset", "/users/delete");
    static final List<String> APIS = List.of("/api/streams", "/api/status", "/api/beats?stream=Secret",
            "/api/outages?stream=Secret", "/api/preview?stream=Secret", "/api/events", "/api/events?stream=Secret",
            "/api/evidence?name=x.jpg", "/api/audit", "/api/incidents", "/api/report");
    /** What an admin gets from each page and API call (the camera is refused: its previews are 502, no evidence exists). */
    static final Map<String, Integer> ADMIN_STATUS = Map.of("/stream/preview.jpg?name=Secret", 502, "/api/preview?stream=Secret", 502,
            "/stream/evidence.jpg?name=x.jpg", 404, "/api/evidence?name=x.jpg", 404);

    @TempDir
    static Path dir;
    static StreamPulseApp app;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = WebTestSupport.freePort();
        int refused = WebTestSupport.freePort();
        String config = """
                heartbeat_seconds: 1
                timezone: Europe/Berlin
                streams:
                  - name: Secret
                    url: rtsp://admin:%s@127.0.0.1:%d/live
                    timeout_seconds: 2
                  - name: "%s"
                    url: http://127.0.0.1:%d/cam
                    timeout_seconds: 2
                """.formatted(SECRET, refused, XSS, refused);
        app = WebTestSupport.start(Mode.RUN, dir, config, port);
        // the first probes also load FFmpeg's natives, which takes a while on a busy machine
        await().atMost(Duration.ofSeconds(90)).until(() -> app.store().latest().containsKey("Secret")
                && app.store().latest().containsKey(XSS));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    @Order(1)
    void withoutSessionPagesRedirectToLoginAndApiSays401() throws Exception {
        WebTestSupport.Client anon = new WebTestSupport.Client(port);
        for (String p : PAGES) {
            HttpResponse<String> r = anon.get(p);
            assertEquals(302, r.statusCode(), p);
            assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login"), p);
        }
        for (String p : POSTS) {
            HttpResponse<String> r = anon.post(p, Map.of("name", "Secret"));
            assertEquals(302, r.statusCode(), "POST " + p);
            assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login"), "POST " + p);
        }
        for (String p : APIS) {
            HttpResponse<String> r = anon.get(p);
            assertEquals(401, r.statusCode(), p);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), p);
        }
        assertEquals(200, anon.get("/login").statusCode());
        // Camel's health endpoint stays open for probes and load balancers
        HttpResponse<String> health = anon.get("/observe/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.headers().firstValue("X-Content-Type-Options").isPresent(), "security headers on /observe too");
        assertEquals(200, anon.get("/static/app.css").statusCode());
        // neither a path out of the static folder nor a name it does not hold
        for (String p : List.of("/static/../config.yaml", "/static/%2e%2e/config.yaml", "/static/nope.js", "/config.yaml", "/users.json")) {
            HttpResponse<String> r = anon.get(p);
            assertEquals(404, r.statusCode(), p);
            assertFalse(r.body().contains("streams:") || r.body().contains("bcrypt"), p + " leaks a file");
        }
        // a Cookie smuggled in as a query parameter is not a session
        assertEquals(302, anon.get("/?Cookie=SP_SESSION%3Dx").statusCode());
    }

    @Test
    @Order(2)
    void securityHeadersOnEveryResponse() throws Exception {
        WebTestSupport.Client anon = new WebTestSupport.Client(port);
        for (String p : List.of("/login", "/", "/static/dashboard.js", "/api/status", "/no-such-page")) {
            HttpResponse<String> r = anon.get(p);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), p + ": " + csp);
            assertFalse(csp.contains("unsafe-inline"), p);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), p);
            assertTrue(r.headers().firstValue("Referrer-Policy").isPresent(), p);
        }
    }

    @Test
    @Order(3)
    void loginForcesPasswordChangeAndIssuesFreshHttpOnlyStrictCookie() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        HttpResponse<String> r = c.login("admin", Users.DEFAULT_PASSWORD);
        assertEquals(302, r.statusCode());
        assertEquals("/password", r.headers().firstValue("Location").orElseThrow());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(s -> s.startsWith(Sessions.COOKIE)).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        String first = c.cookies.get(Sessions.COOKIE);
        // with the default password nothing but the password page opens
        assertEquals("/password", c.get("/").headers().firstValue("Location").orElse(""));
        assertEquals(401, c.get("/api/status").statusCode());
        c.loginAdmin();
        assertEquals(200, c.get("/").statusCode());
        // the default password no longer works, and a second login gets a new session id
        WebTestSupport.Client d = new WebTestSupport.Client(port);
        assertEquals(401, d.login("admin", Users.DEFAULT_PASSWORD).statusCode());
        d.loginAdmin();
        assertNotEquals(first, d.cookies.get(Sessions.COOKIE));
        assertNotEquals(c.cookies.get(Sessions.COOKIE), d.cookies.get(Sessions.COOKIE));
        String users = Files.readString(dir.resolve("users.json"));
        assertFalse(users.contains(WebTestSupport.NEW_PASSWORD) || users.contains(Users.DEFAULT_PASSWORD), "users.json holds hashes only");
        assertTrue(users.contains("$2a$"), users);
    }

    @Test
    @Order(4)
    void nextAfterLoginOnlyFollowsLocalPaths() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        c.loginAdmin();
        for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            assertEquals("/", loginWithNext(next), next);
        }
        assertEquals("/config?x=1", loginWithNext("/config?x=1"));
    }

    private String loginWithNext(String next) throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        HttpResponse<String> form = c.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(m.find());
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_login", m.group(1));
        f.put("username", "admin");
        f.put("password", WebTestSupport.NEW_PASSWORD);
        f.put("next", next);
        HttpResponse<String> r = c.post("/login", f);
        assertEquals(302, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    @Test
    @Order(5)
    void postsWithoutCsrfTokenAre403() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        c.loginAdmin();
        for (String p : POSTS) {
            assertEquals(403, c.post(p, Map.of("name", "Secret", "_csrf", "wrong")).statusCode(), "POST " + p);
            assertEquals(403, c.post(p, Map.of("name", "Secret")).statusCode(), "POST " + p);
        }
        // nothing changed: the stream is still there and enabled
        assertTrue(app.config().current().stream("Secret").orElseThrow().enabled());
        // an anonymous request cannot make the server buffer an unbounded body
        HttpResponse<String> huge = new WebTestSupport.Client(port).post("/login", Map.of("username", "x".repeat(5 << 20)));
        assertEquals(413, huge.statusCode());
        // the login form itself needs its double-submit token
        assertEquals(403, new WebTestSupport.Client(port).post("/login", Map.of("username", "admin", "password", "x")).statusCode());
    }

    @Test
    @Order(6)
    void streamNamesAreEscaped() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        c.loginAdmin();
        String escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
        String q = URLEncoder.encode(XSS, StandardCharsets.UTF_8);
        for (String p : List.of("/", "/config", "/stream?name=" + q, "/config/stream?name=" + q, "/config/raw")) {
            String body = c.get(p).body();
            assertFalse(body.contains(XSS), p + " renders the raw name");
            assertTrue(body.contains(escaped), p + " lacks the escaped name");
        }
    }

    @Test
    @Order(7)
    void noResponseEverContainsTheCameraPassword() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        c.loginAdmin();
        await().atMost(Duration.ofSeconds(20)).until(() -> !app.store().latest().get("Secret").ok());
        for (String p : concat(PAGES, APIS, List.of("/api/status", "/api/beats?stream=Secret&from=0", "/stream/history.csv?name=Secret&from=0"))) {
            HttpResponse<byte[]> r = c.getBytes(p);
            String text = new String(r.body(), StandardCharsets.ISO_8859_1);
            // the exact answer: a page that failed (login redirect, 403, 500) would hold no secret and prove nothing
            assertEquals((int) ADMIN_STATUS.getOrDefault(p, 200), r.statusCode(), p + " -> " + text);
            assertNoSecret(p, text + r.headers().map());
        }
        // the pages that show the stream do show it, masked
        assertTrue(c.get("/config").body().contains("rtsp://admin:***@127.0.0.1"));
        assertTrue(c.get("/api/streams").body().contains("rtsp://admin:***@127.0.0.1"));
        // the editor's Test URL with the masked URL uses the stored password, and does not echo it
        HttpResponse<String> t = c.postCsrf("/config/test-url", Map.of("url", "rtsp://admin:***@127.0.0.1:1/live", "original", "Secret"));
        assertEquals(200, t.statusCode());
        assertNoSecret("test-url", t.body());
        // saving the form with the masked URL keeps the stored password on disk
        Map<String, String> f = new LinkedHashMap<>();
        f.put("original", "Secret");
        f.put("name", "Secret");
        f.put("url", app.config().current().stream("Secret").orElseThrow().safeUrl());
        f.put("enabled", "on");
        f.put("timeout_seconds", "3");
        HttpResponse<String> saved = c.postCsrf("/config/stream", f);
        assertEquals(302, saved.statusCode(), saved.body());
        assertTrue(Files.readString(dir.resolve("config.yaml")).contains("admin:" + SECRET + "@"), "stored password kept");
        assertTrue(Files.exists(dir.resolve("config.yaml.bak")), "previous version kept");
        assertEquals(3, app.config().current().stream("Secret").orElseThrow().timeoutSeconds());
        // the raw view shows the mask, and saving it back keeps the password too
        String raw = c.get("/config/raw").body();
        assertNoSecret("/config/raw", raw);
        Matcher m = Pattern.compile("<textarea[^>]*>(.*?)</textarea>", Pattern.DOTALL).matcher(raw);
        assertTrue(m.find());
        String yaml = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        HttpResponse<String> rawSave = c.postCsrf("/config/raw", Map.of("yaml", yaml + "\n# edited in the raw view\n"));
        assertEquals(302, rawSave.statusCode(), rawSave.body());
        String disk = Files.readString(dir.resolve("config.yaml"));
        assertTrue(disk.contains("admin:" + SECRET + "@") && disk.contains("# edited in the raw view"), disk);
        // and a validation error in the form comes back next to the field, without the password
        f.put("url", "file:///etc/passwd");
        HttpResponse<String> bad = c.postCsrf("/config/stream", f);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"error-url\""), bad.body());
        assertNoSecret("bad form", bad.body());
    }

    @Test
    @Order(8)
    void apiTokenWorksAsBearerAndIsStoredHashed() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        c.loginAdmin();
        HttpResponse<String> created = c.postCsrf("/settings/token", Map.of("label", "test"));
        Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(created.body());
        assertTrue(m.find(), created.body());
        String token = m.group(1);
        WebTestSupport.Client api = new WebTestSupport.Client(port);
        HttpResponse<String> ok = api.send(api.request("/api/status").header("Authorization", "Bearer " + token).GET().build());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"summary\""));
        assertEquals(401, api.send(api.request("/api/status").header("Authorization", "Bearer sp_wrong").GET().build()).statusCode());
        assertFalse(Files.readString(dir.resolve("users.json")).contains(token), "only the token's hash is stored");
    }

    @Test
    @Order(9)
    void logoutEndsTheSession() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        c.loginAdmin();
        String id = c.cookies.get(Sessions.COOKIE);
        assertEquals(302, c.postCsrf("/logout", Map.of()).statusCode());
        WebTestSupport.Client replay = new WebTestSupport.Client(port);
        replay.cookies.put(Sessions.COOKIE, id);
        assertEquals(302, replay.get("/").statusCode());
        assertEquals(401, replay.get("/api/status").statusCode());
    }

    /** Last: it locks the admin account for this app instance. */
    @Test
    @Order(100)
    void failedLoginsAreThrottledPerClientAndUser() throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < LoginThrottle.FREE; i++) codes.add(c.login("admin", "wrong-" + i).statusCode());
        assertEquals(List.of(401, 401, 401, 401, 401), codes);
        long t0 = System.nanoTime();
        HttpResponse<String> locked = c.login("admin", WebTestSupport.NEW_PASSWORD);
        assertEquals(429, locked.statusCode(), "even the right password waits once locked");
        assertTrue(locked.body().contains("Too many failed logins"));
        // the lock is temporary: the right password works again once it has passed
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> c.login("admin", WebTestSupport.NEW_PASSWORD).statusCode() == 302);
        long lockedMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("login lock after " + LoginThrottle.FREE + " failures lasted ~" + lockedMs + " ms");
        assertTrue(lockedMs >= 500, "lock lasted " + lockedMs + " ms");
    }

    static void assertNoSecret(String where, String text) {
        assertFalse(text.contains(SECRET), where + " leaks the camera password");
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) out.addAll(l);
        return out;
    }
}
