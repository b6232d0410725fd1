package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * Issue 17 part B over HTTP against the app in run mode: roles on every page and action, users
 * page, API tokens with role/expiry/last use, the audit log, the login lock per (account, client),
 * session rotation, the throttled current-password check and bcrypt's byte limit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlTest {
    static final String SECRET = "CamSecret77";
    static final String ADMIN_PW = "Admin-Pass-1";
    static final String VIEWER_PW = "Viewer-Pass-1";
    static final String OPERATOR_PW = "Operator-Pass-1";
    /** every form action there is, with fields that would change something if the role let them through */
    static final Map<String, Map<String, String>> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("/config/settings", Map.of("heartbeat_seconds", "5", "timezone", "UTC"));
        ACTIONS.put("/config/toggle", Map.of("name", "Cam"));
        ACTIONS.put("/config/delete", Map.of("name", "Cam"));
        ACTIONS.put("/config/stream", Map.of("original", "", "name", "Added", "url", "rtsp://127.0.0.1:1/x", "enabled", "on"));
        ACTIONS.put("/config/test-url", Map.of("url", "rtsp://admin:***@127.0.0.1:1/live", "original", "Cam"));
        ACTIONS.put("/config/raw", Map.of("yaml", "streams: []\n"));
        ACTIONS.put("/config/find-cameras", Map.of("addresses", "127.0.0.1:1"));
        ACTIONS.put("/config/add-cameras", Map.of("picks", "[{\"device\": \"http://127.0.0.1:1/onvif/device_service\", \"profile\": \"main\"}]"));
        ACTIONS.put("/settings/token", Map.of("label", "x", "role", "admin"));
        ACTIONS.put("/settings/revoke", Map.of("id", "whatever"));
        ACTIONS.put("/users/add", Map.of("name", "mallory", "role", "admin", "password", "Mallory-Pass-1"));
        ACTIONS.put("/users/role", Map.of("name", "vera", "role", "admin"));
        ACTIONS.put("/users/reset", Map.of("name", "admin", "password", "Taken-Over-1"));
        ACTIONS.put("/users/delete", Map.of("name", "admin"));
    }

    @TempDir
    static Path dir;
    static StreamPulseApp app;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = WebTestSupport.freePort();
        int refused = WebTestSupport.freePort();
        Files.createDirectories(dir);
        Users setup = new Users(dir.resolve("users.json"));
        assertEquals(null, setup.resetPassword("admin", ADMIN_PW, false));
        assertEquals(null, setup.addUser("vera", Role.VIEWER, VIEWER_PW, false));
        assertEquals(null, setup.addUser("otto", Role.OPERATOR, OPERATOR_PW, false));
        app = WebTestSupport.start(Mode.RUN, dir, """
                heartbeat_seconds: 60
                streams:
                  - name: Cam
                    url: rtsp://admin:%s@127.0.0.1:%d/live
                    timeout_seconds: 2
                """.formatted(SECRET, refused), port);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static WebTestSupport.Client as(String user, String password) throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        HttpResponse<String> r = c.login(user, password);
        assertEquals(302, r.statusCode(), user + ": " + r.body());
        c.readCsrf("/");
        return c;
    }

    @Test
    @Order(1)
    void usersPageAddsChangesResetsAndDeletesUsers() throws Exception {
        WebTestSupport.Client admin = as("admin", ADMIN_PW);
        assertEquals(200, admin.get("/users").statusCode());
        HttpResponse<String> added = admin.postCsrf("/users/add", Map.of("name", "newbie", "role", "viewer", "password", "First-Pass-1"));
        assertEquals(302, added.statusCode(), added.body());
        assertTrue(Files.readString(dir.resolve("users.json")).contains("\"role\" : \"viewer\""));
        // an admin-chosen first password must be changed at the first login
        WebTestSupport.Client newbie = new WebTestSupport.Client(port);
        assertEquals("/password", newbie.login("newbie", "First-Pass-1").headers().firstValue("Location").orElse(""));
        // a look-alike of an existing name is the same account, not a new one
        for (String twin : List.of("NEWBIE", "ｎｅｗｂｉｅ", "new\u200bbie")) {
            HttpResponse<String> dup = admin.postCsrf("/users/add", Map.of("name", twin, "role", "admin", "password", "Other-Pass-1"));
            assertEquals(400, dup.statusCode(), twin);
        }
        assertEquals(400, admin.postCsrf("/users/add", Map.of("name", "has space", "role", "viewer", "password", "First-Pass-1")).statusCode());
        assertEquals(302, admin.postCsrf("/users/role", Map.of("name", "newbie", "role", "operator")).statusCode());
        assertEquals(Role.OPERATOR, new Users(dir.resolve("users.json")).role("newbie"));
        assertEquals(302, admin.postCsrf("/users/reset", Map.of("name", "newbie", "password", "Second-Pass-1")).statusCode());
        WebTestSupport.Client again = new WebTestSupport.Client(port);
        assertEquals(401, again.login("newbie", "First-Pass-1").statusCode());
        assertEquals("/password", again.login("newbie", "Second-Pass-1").headers().firstValue("Location").orElse(""));
        // deleting ends the user's session at its next request
        assertEquals(302, admin.postCsrf("/users/delete", Map.of("name", "newbie")).statusCode());
        assertTrue(again.get("/password").headers().firstValue("Location").orElse("").startsWith("/login"));
        assertEquals(401, new WebTestSupport.Client(port).login("newbie", "Second-Pass-1").statusCode());
        // the last admin stays one
        HttpResponse<String> demote = admin.postCsrf("/users/role", Map.of("name", "admin", "role", "viewer"));
        assertEquals(400, demote.statusCode());
        assertTrue(demote.body().contains("last admin"), demote.body());
        assertEquals(400, admin.postCsrf("/users/delete", Map.of("name", "admin")).statusCode());
    }

    @Test
    @Order(2)
    void viewerSeesTheDashboardButGets403OnEveryActionAndOnConfigUsersTokensPages() throws Exception {
        String configBefore = Files.readString(dir.resolve("config.yaml"));
        String usersBefore = Files.readString(dir.resolve("users.json"));
        WebTestSupport.Client vera = as("vera", VIEWER_PW);
        for (String p : List.of("/", "/stream?name=Cam", "/api/status", "/api/streams", "/api/events", "/api/beats?stream=Cam")) {
            assertEquals(200, vera.get(p).statusCode(), p);
        }
        assertNotEquals(403, vera.getBytes("/stream/preview.jpg?name=Cam").statusCode(), "previews are for viewers");
        String dashboard = vera.get("/").body();
        assertFalse(dashboard.contains("href=\"/config\"") || dashboard.contains("href=\"/users\""), "no links the role cannot use");
        for (String p : List.of("/config", "/config/stream", "/config/stream?name=Cam", "/config/raw", "/settings", "/users", "/audit")) {
            HttpResponse<String> r = vera.get(p);
            assertEquals(403, r.statusCode(), p);
            assertTrue(r.body().contains("needs the"), p + ": " + r.body());
        }
        assertEquals(403, vera.get("/api/audit").statusCode());
        for (var a : ACTIONS.entrySet()) {
            assertEquals(403, vera.postCsrf(a.getKey(), a.getValue()).statusCode(), "POST " + a.getKey());
        }
        assertEquals(configBefore, Files.readString(dir.resolve("config.yaml")), "no action reached the config");
        assertEquals(usersBefore, Files.readString(dir.resolve("users.json")), "no action reached the users");
    }

    @Test
    @Order(3)
    void operatorTogglesAStreamButCannotEditTheConfig() throws Exception {
        WebTestSupport.Client otto = as("otto", OPERATOR_PW);
        HttpResponse<String> list = otto.get("/config");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("action=\"/config/toggle\""));
        assertFalse(list.body().contains("/config/raw") || list.body().contains("action=\"/config/delete\""), "edit controls are for admins");
        HttpResponse<String> off = otto.postCsrf("/config/toggle", Map.of("name", "Cam"));
        assertEquals(302, off.statusCode(), off.body());
        assertFalse(app.config().current().stream("Cam").orElseThrow().enabled());
        assertEquals(302, otto.postCsrf("/config/toggle", Map.of("name", "Cam")).statusCode());
        assertTrue(app.config().current().stream("Cam").orElseThrow().enabled());
        String before = Files.readString(dir.resolve("config.yaml"));
        for (String p : List.of("/config/settings", "/config/delete", "/config/stream", "/config/raw", "/config/test-url",
                "/config/find-cameras", "/config/add-cameras", "/settings/token", "/users/add")) {
            assertEquals(403, otto.postCsrf(p, ACTIONS.get(p)).statusCode(), "POST " + p);
        }
        for (String p : List.of("/config/raw", "/config/stream", "/settings", "/users", "/audit")) {
            assertEquals(403, otto.get(p).statusCode(), p);
        }
        assertEquals(before, Files.readString(dir.resolve("config.yaml")));
        // a role change applies to a running session at once
        WebTestSupport.Client admin = as("admin", ADMIN_PW);
        assertEquals(302, admin.postCsrf("/users/role", Map.of("name", "otto", "role", "viewer")).statusCode());
        assertEquals(403, otto.postCsrf("/config/toggle", Map.of("name", "Cam")).statusCode());
        assertEquals(302, admin.postCsrf("/users/role", Map.of("name", "otto", "role", "operator")).statusCode());
    }

    @Test
    @Order(4)
    void tokensActWithTheirRoleExpireAndShowTheirLastUseWithoutAWritePerRequest() throws Exception {
        WebTestSupport.Client admin = as("admin", ADMIN_PW);
        String viewerToken = newToken(admin, "viewer", "30");
        String adminToken = newToken(admin, "admin", "");
        WebTestSupport.Client api = new WebTestSupport.Client(port);
        assertEquals(200, bearer(api, "/api/status", viewerToken).statusCode());
        assertEquals(403, bearer(api, "/api/audit", viewerToken).statusCode(), "a viewer token cannot read the audit log");
        assertEquals(200, bearer(api, "/api/audit", adminToken).statusCode());
        assertEquals(200, bearer(api, "/metrics", viewerToken).statusCode());
        // never from the query string (platform-http copies query parameters into its headers)
        String q = "?Authorization=" + URLEncoder.encode("Bearer " + adminToken, StandardCharsets.UTF_8)
                + "&access_token=" + adminToken + "&token=" + adminToken;
        assertEquals(401, api.get("/api/status" + q).statusCode());
        assertEquals(401, api.get("/api/audit" + q).statusCode());
        assertEquals(401, api.get("/metrics" + q).statusCode());
        // a token of a user who is now a viewer acts as a viewer, whatever its own role
        Users users = new Users(dir.resolve("users.json"));
        Users.NewToken ottoAdmin = users.createToken("otto", "otto's", Role.ADMIN, 0);
        assertEquals(403, bearer(api, "/api/audit", ottoAdmin.token()).statusCode());
        // expiry
        Users.NewToken shortLived = users.createToken("admin", "short", Role.ADMIN, System.currentTimeMillis() + 1500);
        assertEquals(200, bearer(api, "/api/audit", shortLived.token()).statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> bearer(api, "/api/status", shortLived.token()).statusCode() == 401);
        // last use is shown, and using a token does not write users.json each time
        String file = Files.readString(dir.resolve("users.json"));
        for (int i = 0; i < 10; i++) assertEquals(200, bearer(api, "/api/streams", viewerToken).statusCode());
        assertEquals(file, Files.readString(dir.resolve("users.json")), "no disk write per request");
        String page = admin.get("/settings").body();
        Matcher used = Pattern.compile("<td class=\"role\">viewer</td><td>[^<]*</td><td class=\"expires\">([^<]*)</td><td class=\"used\">([^<]*)</td>")
                .matcher(page);
        assertTrue(used.find(), page);
        assertNotEquals("never", used.group(1), "expires in 30 days");
        assertNotEquals("never", used.group(2), "used just now");
        assertEquals(400, admin.postCsrf("/settings/token", Map.of("label", "bad", "role", "root")).statusCode());
        assertEquals(400, admin.postCsrf("/settings/token", Map.of("label", "bad", "expires_days", "-1")).statusCode());
    }

    static String newToken(WebTestSupport.Client admin, String role, String days) throws Exception {
        HttpResponse<String> created = admin.postCsrf("/settings/token", Map.of("label", role, "role", role, "expires_days", days));
        Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }

    static HttpResponse<String> bearer(WebTestSupport.Client c, String path, String token) throws Exception {
        return c.send(c.request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    @Test
    @Order(5)
    void auditLogSaysWhoDidWhatWhenAndFromWhereWithSecretsMasked() throws Exception {
        WebTestSupport.Client admin = as("admin", ADMIN_PW);
        assertEquals(401, new WebTestSupport.Client(port).login("otto", "not-his-password").statusCode());
        // a raw edit that changes the camera's password and its timeout
        String raw = Files.readString(dir.resolve("config.yaml")).replace(SECRET, "NewCamSecret88").replace("timeout_seconds: 2", "timeout_seconds: 3");
        assertEquals(302, admin.postCsrf("/config/raw", Map.of("yaml", raw)).statusCode());
        long t0 = System.currentTimeMillis() - 120_000;
        HttpResponse<String> r = admin.get("/api/audit?from=" + t0);
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains(SECRET) || r.body().contains("NewCamSecret88"), r.body());
        JsonArray entries = new JsonArray(r.body());
        assertTrue(has(entries, "login.ok", "vera", "vera", null), "a viewer's login");
        assertTrue(has(entries, "login.failed", "otto", "otto", "wrong password"));
        assertTrue(has(entries, "user.add", "admin", "newbie", "role viewer"));
        assertTrue(has(entries, "user.role", "admin", "otto", "operator → viewer"));
        assertTrue(has(entries, "user.delete", "admin", "newbie", null));
        assertTrue(has(entries, "token.create", "admin", null, "role viewer"));
        assertTrue(has(entries, "config.edit", "otto", "Cam", "enabled: true → false"), "the operator's toggle");
        assertTrue(has(entries, "config.edit", "admin", "Cam", "url: password changed"), "a password change, masked");
        assertTrue(has(entries, "config.edit", "admin", "Cam", "timeout_seconds: 2 → 3"));
        for (int i = 0; i < entries.size(); i++) {
            assertEquals("127.0.0.1", entries.getJsonObject(i).getString("client"), "from where");
            assertTrue(entries.getJsonObject(i).getLong("ts") >= t0, "when");
        }
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.getJsonObject(i - 1).getLong("ts") >= entries.getJsonObject(i).getLong("ts"), "newest first");
        }
        HttpResponse<String> page = admin.get("/audit");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("url: password changed") && !page.body().contains("NewCamSecret88"));
    }

    static boolean has(JsonArray entries, String action, String actor, String target, String detailPart) {
        for (int i = 0; i < entries.size(); i++) {
            JsonObject e = entries.getJsonObject(i);
            if (e.getString("action").equals(action) && e.getString("actor").equals(actor)
                    && (target == null || target.equals(e.getString("target")))
                    && (detailPart == null || (e.getString("detail") != null && e.getString("detail").contains(detailPart)))) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Order(6)
    void passwordChangeEndsTheOtherSessionsAndIssuesANewId() throws Exception {
        WebTestSupport.Client a = as("otto", OPERATOR_PW);
        WebTestSupport.Client b = as("otto", OPERATOR_PW);
        String oldId = a.cookies.get(Sessions.COOKIE);
        a.readCsrf("/password");
        HttpResponse<String> changed = a.postCsrf("/password", Map.of("current", OPERATOR_PW, "password", "Operator-Pass-2",
                "repeat", "Operator-Pass-2"));
        assertEquals(302, changed.statusCode(), changed.body());
        String newId = a.cookies.get(Sessions.COOKIE);
        assertNotEquals(oldId, newId, "a new session id");
        assertEquals(200, a.get("/").statusCode(), "the current browser goes on");
        assertEquals(302, b.get("/").statusCode(), "the other session ended");
        WebTestSupport.Client replay = new WebTestSupport.Client(port);
        replay.cookies.put(Sessions.COOKIE, oldId);
        assertEquals(302, replay.get("/").statusCode(), "the old id is worth nothing");
    }

    @Test
    @Order(7)
    void theCurrentPasswordCheckIsThrottled() throws Exception {
        WebTestSupport.Client a = as("otto", "Operator-Pass-2");
        a.readCsrf("/password");
        for (int i = 0; i < LoginThrottle.FREE; i++) {
            assertEquals(400, a.postCsrf("/password", Map.of("current", "guess-" + i, "password", "Whatever-1", "repeat", "Whatever-1"))
                    .statusCode());
        }
        HttpResponse<String> locked = a.postCsrf("/password", Map.of("current", "Operator-Pass-2", "password", "Operator-Pass-3",
                "repeat", "Operator-Pass-3"));
        assertEquals(429, locked.statusCode(), "even the right password waits once locked");
        assertTrue(locked.body().contains("Too many wrong passwords"));
        assertTrue(new Users(dir.resolve("users.json")).check("otto", "Operator-Pass-2") != null, "unchanged");
    }

    @Test
    @Order(8)
    void bcryptsLimitIsCountedInBytesWithAClearErrorNeverA500() throws Exception {
        Users users = new Users(dir.resolve("users.json"));
        assertEquals(null, users.addUser("utf", Role.VIEWER, "Plain-Pass-1", false));
        WebTestSupport.Client c = as("utf", "Plain-Pass-1");
        c.readCsrf("/password");
        String tooLong = "€".repeat(25); // 25 characters, 75 bytes
        HttpResponse<String> r = c.postCsrf("/password", Map.of("current", "Plain-Pass-1", "password", tooLong, "repeat", tooLong));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("75 bytes") && r.body().contains("at most 72 bytes"), r.body());
        String fits = "€".repeat(24); // 72 bytes
        assertEquals(302, c.postCsrf("/password", Map.of("current", "Plain-Pass-1", "password", fits, "repeat", fits)).statusCode());
        assertEquals(302, new WebTestSupport.Client(port).login("utf", fits).statusCode());
        // a login with more than 72 bytes is a wrong password, not a server error
        assertEquals(401, new WebTestSupport.Client(port).login("utf", "€".repeat(60)).statusCode());
        assertEquals(401, new WebTestSupport.Client(port).login("utf", fits + "x").statusCode());
    }

    /** Last: it locks vera out at 127.0.0.1. */
    @Test
    @Order(100)
    void aLockedOutClientDoesNotLockTheOwnerOutElsewhere() throws Exception {
        WebTestSupport.Client attacker = new WebTestSupport.Client(port);
        // look-alike spellings of the name count against the one account
        List<String> spellings = List.of("vera", "VERA", " vera ", "ｖｅｒａ", "ve\u200bra");
        for (String name : spellings) assertEquals(401, attacker.login(name, "guess").statusCode(), name);
        // two more failures, each once the previous lock ran out (1 s, 2 s): now locked for 4 s
        for (int i = 0; i < 2; i++) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> attacker.login("vera", "guess").statusCode() == 401);
        }
        HttpResponse<String> locked = attacker.login("vera", VIEWER_PW);
        assertEquals(429, locked.statusCode(), "this client waits, even with the right password");
        assertEquals(429, attacker.login("Vera", VIEWER_PW).statusCode(), "under any spelling");
        // the owner at another address logs in at once
        RawHttp.Response form = RawHttp.send("127.0.0.2", port, "GET", "/login", null, null);
        assertEquals(200, form.status());
        Matcher m = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(m.find(), form.body());
        String loginCookie = form.first("Set-Cookie").split(";", 2)[0];
        String body = "_login=" + m.group(1) + "&username=vera&password=" + URLEncoder.encode(VIEWER_PW, StandardCharsets.UTF_8) + "&next=/";
        RawHttp.Response owner = RawHttp.send("127.0.0.2", port, "POST", "/login", loginCookie, body);
        assertEquals(302, owner.status(), owner.body());
        String session = owner.all("Set-Cookie").stream().filter(s -> s.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        RawHttp.Response dashboard = RawHttp.send("127.0.0.2", port, "GET", "/", session.split(";", 2)[0], null);
        assertEquals(200, dashboard.status());
        assertEquals(429, attacker.login("vera", VIEWER_PW).statusCode(), "the first client is still locked out");
        // and the audit log saw the failed tries from 127.0.0.1 and the login from 127.0.0.2
        JsonArray entries = new JsonArray(as("admin", ADMIN_PW).get("/api/audit?limit=50").body());
        boolean fromSecond = false;
        for (int i = 0; i < entries.size(); i++) {
            JsonObject e = entries.getJsonObject(i);
            if (e.getString("action").equals("login.ok") && e.getString("actor").equals("vera")) {
                fromSecond |= e.getString("client").equals("127.0.0.2");
            }
        }
        assertTrue(fromSecond, entries.encodePrettily());
        assertTrue(has(entries, "login.failed", "vera", "vera", "this client now waits 4 s"), "the failure that locked it");
    }
}
