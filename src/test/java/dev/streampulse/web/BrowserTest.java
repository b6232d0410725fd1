package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole GUI in real headless Chromium against simulated cameras: login with the forced
 * password change, live statuses and reasons, adding a stream, a live preview, logout.
 * Uses Debian's chromium and chromedriver; Selenium Manager never downloads anything.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    CameraSimulator sim;
    StreamPulseApp app;
    WebDriver browser;
    String base;

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("BrowserTest needs Debian's chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** StreamPulse in run mode with this config, on a free port of 127.0.0.1. */
    void startApp(String config) throws Exception {
        int port = WebTestSupport.freePort();
        base = "http://127.0.0.1:" + port;
        app = WebTestSupport.start(Mode.RUN, dir, config, port);
    }

    /** Logs in as admin, doing the forced password change, and switches the dashboard to its table. */
    void login(WebDriverWait wait) {
        loginToWall(wait);
        browser.get(base + "/?view=table"); // remembered in a cookie from here on
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("streams")));
    }

    /** Logs in as admin, doing the forced password change, and waits for the dashboard: the wall for a small fleet. */
    void loginToWall(WebDriverWait wait) {
        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(Users.DEFAULT_PASSWORD);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.urlContains("/password"));
        browser.findElement(By.id("current")).sendKeys(Users.DEFAULT_PASSWORD);
        browser.findElement(By.id("newpassword")).sendKeys(WebTestSupport.NEW_PASSWORD);
        browser.findElement(By.id("repeat")).sendKeys(WebTestSupport.NEW_PASSWORD);
        browser.findElement(By.id("change")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wall")));
        assertEquals(base + "/", browser.getCurrentUrl());
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit();
        if (app != null) app.close();
        if (sim != null) sim.close();
    }

    @Test
    void loginDashboardEditorPreviewLogout() throws Exception {
        startApp("""
                heartbeat_seconds: 1
                timezone: Europe/Berlin
                streams:
                  - name: Front door
                    url: %s
                    timeout_seconds: 5
                  - name: Garden MJPEG
                    url: %s
                    timeout_seconds: 5
                  - name: Locked
                    url: %s
                    timeout_seconds: 5
                  - name: Unplugged
                    url: %s
                    timeout_seconds: 5
                """.formatted(sim.rtspUrl("cam1"), sim.mjpegUrl("cam2"), sim.rtspUrl("401"), sim.refusedUrl()));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));

        // login, then the forced password change
        login(wait);

        // the dashboard updates itself (no reload) until every camera shows its real state
        wait.until(d -> status(d, "Front door").equals("UP") && status(d, "Garden MJPEG").equals("UP")
                && status(d, "Locked").equals("DOWN") && status(d, "Unplugged").equals("DOWN"));
        wait.until(d -> reason(d, "Locked").startsWith("Login refused") && reason(d, "Unplugged").startsWith("Connection refused"));
        assertEquals("RTSP", cell(browser, "Front door", "proto"));
        assertEquals("HTTP", cell(browser, "Garden MJPEG", "proto"));
        assertTrue(cell(browser, "Front door", "latency").endsWith("ms"));
        wait.until(d -> d.findElement(By.id("n-up")).getText().equals("2") && d.findElement(By.id("n-down")).getText().equals("2"));
        // the filter box hides what does not match
        browser.findElement(By.id("filter")).sendKeys("garden");
        wait.until(d -> !row(d, "Front door").isDisplayed() && row(d, "Garden MJPEG").isDisplayed());
        browser.findElement(By.id("filter")).clear();
        browser.findElement(By.id("filter")).sendKeys(" ");
        screenshot("dashboard.png");

        // add a stream in the editor; it is probed and shows up with a status
        browser.get(base + "/config");
        browser.findElement(By.id("add-stream")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stream-form")));
        browser.findElement(By.id("name")).sendKeys("Added later");
        browser.findElement(By.id("url")).sendKeys(sim.mjpegUrl("cam3"));
        browser.findElement(By.id("test-url")).click();
        wait.until(d -> d.findElement(By.id("test-result")).getText().startsWith("Frame decoded"));
        wait.until(d -> imageLoaded(d, "test-image"));
        screenshot("editor.png");
        browser.findElement(By.id("save-stream")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        screenshot("config.png");
        browser.get(base + "/");
        wait.until(d -> { // a new row appears after a reload; the page reloads itself when the set changes
            if (d.findElements(By.cssSelector("tr[data-name='Added later']")).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return status(d, "Added later").equals("UP");
        });

        // the stream page: a frame on demand
        browser.findElement(By.linkText("Front door")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grab")));
        browser.findElement(By.id("grab")).click();
        wait.until(d -> imageLoaded(d, "preview"));
        assertTrue(browser.findElement(By.id("grab-result")).getText().matches("Grabbed in \\d+ ms"),
                browser.findElement(By.id("grab-result")).getText());
        assertTrue(browser.findElement(By.id("history")).getText().contains("ok"));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 2200)); // the whole page
        screenshot("stream.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));

        // the preview route hands out the JPEG bytes untouched (checked outside the browser too)
        WebTestSupport.Client http = new WebTestSupport.Client(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        http.cookies.put(Sessions.COOKIE, browser.manage().getCookieNamed(Sessions.COOKIE).getValue());
        java.net.http.HttpResponse<byte[]> jpeg = http.getBytes("/stream/preview.jpg?name=Front%20door");
        assertEquals(200, jpeg.statusCode());
        assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
        byte[] b = jpeg.body();
        assertTrue(b.length > 1000 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8
                && (b[b.length - 2] & 0xFF) == 0xFF && (b[b.length - 1] & 0xFF) == 0xD9, "a whole JPEG, " + b.length + " bytes");
        java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(b));
        assertTrue(decoded != null && decoded.getWidth() > 0, "the bytes decode as an image");

        // logout ends the session
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    /**
     * The camera wall: a tile per stream whose picture decodes for every stream with a good beat, the
     * black camera's picture under its verdict, tile colours as /api/status says, a camera unplugged
     * turning its tile DOWN without a reload, grouping and filtering by label; names escaped, no
     * credentials. Outside the browser: the picture's ETag gives 304, and a poll with ?since= carries
     * only what changed (the disabled stream never changes, so it is in the full answer only).
     */
    @Test
    void cameraWallShowsPicturesStatesAndChangesWithoutReload() throws Exception {
        CameraSimulator gateCam = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start();
        try {
            startApp("""
                    heartbeat_seconds: 1
                    streams:
                      - name: 'North "door" <1>'
                        url: %s
                        timeout_seconds: 5
                        labels: {site: north, switch: sw1}
                      - name: North yard
                        url: %s
                        timeout_seconds: 5
                        labels: {site: north}
                      - name: Dark lobby
                        url: %s
                        timeout_seconds: 5
                        labels: {site: south}
                      - name: Gate
                        url: %s
                        timeout_seconds: 2
                        labels: {site: south}
                      - name: Spare
                        url: %s
                        enabled: false
                    """.formatted(sim.rtspUrl("cam1", "viewer", "s3cret-pw"), sim.mjpegUrl("cam2"), sim.mjpegUrl("black"),
                    gateCam.rtspUrl("cam4"), sim.rtspUrl("cam5")));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
            loginToWall(wait);
            List<String> live = List.of("North \"door\" <1>", "North yard", "Dark lobby", "Gate");
            assertEquals(List.of("North \"door\" <1>", "North yard", "Dark lobby", "Gate", "Spare"), js(
                    "return Array.from(document.querySelectorAll('#wall .tile')).map(t => t.querySelector('.tname').textContent)"));

            // pictures arrive by the poll (the page was rendered before the first beat) and decode
            wait.until(d -> live.stream().allMatch(n -> tileImage(n)) && tileState("Dark lobby").equals("DEGRADED")
                    && tileState("Gate").equals("UP") && tileState("North yard").equals("UP"));
            assertEquals("lazy", js("return document.querySelector('#wall .tile img').loading"));
            assertEquals(false, js("return document.querySelector(\"#wall .tile[data-name='Spare'] img\").naturalWidth > 0"));
            // the black camera: its picture with the verdict over it
            WebElement dark = tile("Dark lobby");
            assertEquals("DEGRADED BLACK", dark.findElement(By.className("verdict")).getText().trim());
            assertTrue(dark.findElement(By.className("age")).getText().matches("picture \\d+ s old"),
                    dark.findElement(By.className("age")).getText());
            assertTrue(!tile("North yard").findElement(By.className("verdict")).isDisplayed(), "no verdict over an UP tile");
            // colours as /api/status says
            Object check = ((JavascriptExecutor) browser).executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    var colour = {UP: 'rgb(46, 158, 79)', DEGRADED: 'rgb(217, 138, 0)', DOWN: 'rgb(214, 69, 69)', UNKNOWN: 'rgb(138, 143, 152)'};
                    fetch('/api/status', {credentials: 'same-origin'}).then(r => r.json()).then(function (data) {
                      done(data.streams.map(function (s) {
                        var t = document.querySelector('#wall .tile[data-name="' + CSS.escape(s.name) + '"]');
                        var c = getComputedStyle(t).borderTopColor;
                        return t.classList.contains(s.status) && c === colour[s.status] ? 'ok' : s.name + ' ' + s.status + ' ' + t.className + ' ' + c;
                      }).join(','));
                    }, e => done('error ' + e));
                    """);
            assertEquals("ok,ok,ok,ok,ok", check);
            // names escaped, credentials nowhere
            String html = browser.getPageSource();
            assertTrue(!html.contains("s3cret-pw") && !html.contains("<1>"), "escaped, redacted");

            // grouped by site (the default grouping when streams have a site), then filtered
            assertEquals(List.of("site: north (2)", "site: south (2)", "no site (1)"),
                    js("return Array.from(document.querySelectorAll('#wall .group h3')).map(h => h.textContent)"));
            browser.findElement(By.id("filter")).sendKeys("lobby");
            wait.until(d -> tile("Dark lobby").isDisplayed() && !tile("Gate").isDisplayed());
            browser.findElement(By.id("filter")).clear();
            browser.findElement(By.id("filter")).sendKeys(" ");
            screenshot("wall.png");

            // the gate camera is unplugged: its tile turns DOWN in place
            ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
            gateCam.close();
            wait.until(d -> tileState("Gate").equals("DOWN"));
            assertEquals(true, js("return window.notReloaded === true"), "changed without a reload");
            assertTrue(tile("Gate").findElement(By.className("verdict")).getText().startsWith("DOWN"));
            screenshot("wall-down.png");

            // outside the browser, with the browser's session
            int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
            WebTestSupport.Client http = new WebTestSupport.Client(port);
            http.cookies.put(Sessions.COOKIE, browser.manage().getCookieNamed(Sessions.COOKIE).getValue());
            String picture = "/stream/frame.jpg?name=North%20yard";
            java.net.http.HttpResponse<byte[]> again = null;
            // the picture is replaced at most every 10 s: asked again at once it is the same one, unless
            // it was replaced just between the two requests (then its ETag differs and we ask once more)
            for (int attempt = 0; attempt < 3 && (again == null || again.statusCode() != 304); attempt++) {
                java.net.http.HttpResponse<byte[]> pic = http.getBytes(picture);
                assertEquals(200, pic.statusCode());
                String etag = pic.headers().firstValue("ETag").orElse("");
                assertTrue(etag.startsWith("\"") && pic.body().length > 1000, etag + " " + pic.body().length);
                assertEquals("private, no-cache", pic.headers().firstValue("Cache-Control").orElse(""));
                again = http.http.send(http.request(picture).header("If-None-Match", etag).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                if (again.statusCode() != 304) assertTrue(!etag.equals(again.headers().firstValue("ETag").orElse("")), "200 for the same ETag");
            }
            assertEquals(304, again.statusCode());
            assertEquals(0, again.body().length);
            assertEquals(200, http.http.send(http.request(picture).header("If-None-Match", "\"old\"").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            assertEquals(302, new WebTestSupport.Client(port).get(picture).statusCode(), "pictures need a login");

            // the delta poll: the full answer has every stream, one since its version only what changed after it
            io.vertx.core.json.JsonObject full = new io.vertx.core.json.JsonObject(http.get("/api/status").body());
            assertEquals(true, full.getBoolean("full"));
            assertEquals(5, full.getJsonArray("streams").size());
            io.vertx.core.json.JsonObject delta = new io.vertx.core.json.JsonObject(
                    http.get("/api/status?since=" + full.getString("version")).body());
            assertEquals(false, delta.getBoolean("full"), delta.encode());
            assertTrue(delta.getJsonArray("streams").stream().map(o -> ((io.vertx.core.json.JsonObject) o).getString("name"))
                    .noneMatch("Spare"::equals), "the disabled stream did not change: " + delta.encode());
            assertEquals(true, new io.vertx.core.json.JsonObject(http.get("/api/status?since=elsewhere.3").body()).getBoolean("full"));
        } finally {
            gateCam.close();
        }
    }

    /**
     * ONVIF "Find cameras" in the editor: search the simulator on 127.0.0.1, tick one profile, add;
     * the stream is in the editor's list and probes ok (the simulator's stream URIs are real).
     */
    @Test
    void findCamerasAndAddOneProfileInOneClick() throws Exception {
        try (dev.streampulse.sim.onvif.OnvifSimulator onvif = dev.streampulse.sim.SimOnvif.start(sim, 1, java.util.Map.of(), 0, 0)) {
            startApp("heartbeat_seconds: 1\nstreams: []\n");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
            login(wait);
            browser.get(base + "/config");
            browser.findElement(By.id("onvif-addresses")).sendKeys("127.0.0.1:" + onvif.discoveryPort());
            browser.findElement(By.id("onvif-user")).sendKeys(sim.username());
            browser.findElement(By.id("onvif-password")).sendKeys(sim.password());
            browser.findElement(By.id("onvif-search")).click();
            WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#onvif-cameras input.onvif-profile")));
            assertEquals("StreamPulse", browser.findElement(By.cssSelector("#onvif-cameras tbody td")).getText());
            assertTrue(browser.findElement(By.id("onvif-cameras")).getText().contains("H264 · " + sim.width() + "×" + sim.height()));
            box.click();
            screenshot("onvif-found.png");
            browser.findElement(By.id("onvif-add")).click();
            String name = "StreamPulse cam1 MainStream";
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#config-streams tr[data-name='" + name + "']")));
            assertTrue(browser.findElement(By.id("saved")).getText().contains(name));
            String listed = browser.findElement(By.id("config-streams")).getText();
            assertTrue(listed.contains("onvif_serial=SPS") && !listed.contains(sim.password()), listed);
            browser.get(base + "/?view=table");
            wait.until(d -> status(d, name).equals("UP"));
            screenshot("onvif-added.png");
        }
    }

    WebElement tile(String name) {
        return browser.findElement(By.cssSelector("#wall .tile[data-name='" + name.replace("'", "\\'") + "']"));
    }

    String tileState(String name) {
        return tile(name).findElement(By.cssSelector(".verdict .st")).getAttribute("textContent").trim();
    }

    boolean tileImage(String name) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                "var i = arguments[0].querySelector('img'); return !i.hidden && i.complete && i.naturalWidth > 0;", tile(name)));
    }

    @SuppressWarnings("unchecked")
    <T> T js(String script) {
        return (T) ((JavascriptExecutor) browser).executeScript(script);
    }

    /**
     * Scale-out: the monitor nodes table and each camera's node, live. This process is node edge-1 (a
     * node: section turns the coordination on, here over the SQLite file); edge-2 beats once and then
     * goes quiet: the page, without a reload, shows it gone within its timeout.
     */
    @Test
    void monitorNodesAndTheNodeOfEachCamera() throws Exception {
        startApp("""
                heartbeat_seconds: 1
                node: {id: edge-1, site: porch, heartbeat_seconds: 1, timeout_seconds: 3}
                streams:
                  - name: Porch
                    url: %s
                    labels: {site: porch}
                """.formatted(sim.rtspUrl("cam5")));
        app.database().nodes().nodeBeat("edge-2", "yard", null, "pi-yard", System.currentTimeMillis());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
        login(wait);
        wait.until(d -> status(d, "Porch").equals("UP") && cell(d, "Porch", "node").equals("edge-1"));
        // the nodes table was on the page from the start or appears after its own reload
        wait.until(d -> !d.findElements(By.cssSelector("#nodes tr[data-node='edge-2']")).isEmpty() || refresh(d));
        assertEquals("site porch", nodeCell(browser, "edge-1", 1));
        wait.until(d -> nodeCell(d, "edge-1", 3).equals("alive") && nodeCell(d, "edge-1", 5).equals("1"));
        wait.until(d -> nodeCell(d, "edge-2", 3).equals("gone"));
        assertTrue(browser.findElement(By.cssSelector("#nodes tr[data-node='edge-2'] .nstate")).getAttribute("class")
                .contains("STALE"), "a gone node is marked like a stale stream");
        screenshot("nodes.png");
    }

    /**
     * Roles in the browser: a viewer sees the dashboard and gets 403 on every action and on the
     * config, users and token pages (fetched by Chromium itself, with its own cookie and the page's
     * CSRF token); an operator disables a stream with the button, but may not edit the config.
     */
    @Test
    void viewerIsRefusedEveryActionAndOperatorTogglesButCannotEdit() throws Exception {
        Users users = new Users(dir.resolve("users.json"));
        assertEquals(null, users.addUser("vera", Role.VIEWER, "Viewer-Pass-1", false));
        assertEquals(null, users.addUser("otto", Role.OPERATOR, "Operator-Pass-1", false));
        startApp("""
                heartbeat_seconds: 60
                streams:
                  - name: Porch
                    url: %s
                    timeout_seconds: 2
                """.formatted(sim.refusedUrl()));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));

        loginAs(wait, "vera", "Viewer-Pass-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wall")));
        browser.get(base + "/?view=table");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("streams")));
        assertEquals("viewer", browser.findElement(By.id("who")).getAttribute("data-role"));
        assertTrue(browser.findElements(By.cssSelector("nav a[href='/config'], nav a[href='/users'], nav a[href='/settings']")).isEmpty(),
                "no links a viewer cannot use");
        String statuses = statuses(List.of("/", "/stream?name=Porch", "/config", "/config/raw", "/config/stream", "/settings",
                "/users", "/audit", "/api/audit"), List.of("/config/toggle", "/config/delete", "/config/stream", "/config/settings",
                "/config/raw", "/config/test-url", "/settings/token", "/settings/revoke", "/users/add", "/users/role",
                "/users/reset", "/users/delete"));
        assertEquals("GET /=200,GET /stream?name=Porch=200,GET /config=403,GET /config/raw=403,GET /config/stream=403,"
                + "GET /settings=403,GET /users=403,GET /audit=403,GET /api/audit=403,POST /config/toggle=403,"
                + "POST /config/delete=403,POST /config/stream=403,POST /config/settings=403,POST /config/raw=403,"
                + "POST /config/test-url=403,POST /settings/token=403,POST /settings/revoke=403,POST /users/add=403,"
                + "POST /users/role=403,POST /users/reset=403,POST /users/delete=403", statuses);
        browser.get(base + "/config");
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("needs the operator role"));
        assertTrue(app.config().current().stream("Porch").orElseThrow().enabled(), "nothing changed");
        browser.get(base + "/");
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login"));

        loginAs(wait, "otto", "Operator-Pass-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#wall, #streams"))); // the view vera chose stays
        browser.findElement(By.cssSelector("nav a[href='/config']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("config-streams")));
        assertTrue(browser.findElements(By.id("add-stream")).isEmpty() && browser.findElements(By.linkText("Edit")).isEmpty()
                && browser.findElements(By.id("settings")).isEmpty(), "no edit controls for an operator");
        browser.findElement(By.cssSelector("tr[data-name='Porch'] form[action='/config/toggle'] button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        assertTrue(browser.findElement(By.cssSelector("tr[data-name='Porch']")).getText().contains("disabled"));
        assertTrue(!app.config().current().stream("Porch").orElseThrow().enabled(), "the operator disabled it");
        assertEquals("POST /config/raw=403,POST /config/stream=403,POST /config/delete=403", statuses(List.of(),
                List.of("/config/raw", "/config/stream", "/config/delete")));
        assertEquals(1, app.config().current().streams().size());
        screenshot("operator.png");
    }

    void loginAs(WebDriverWait wait, String user, String password) {
        browser.get(base + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
    }

    /** "GET /x=200,POST /y=403,…": requests made by the page itself, POSTs with its CSRF token and a stream name. */
    String statuses(List<String> gets, List<String> posts) {
        Object out = ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var csrf = document.querySelector('form.logout input[name=_csrf]').value;
                var asks = arguments[0].map(function (p) {
                  return fetch(p, {credentials: 'same-origin', redirect: 'manual'}).then(function (r) { return 'GET ' + p + '=' + r.status; });
                }).concat(arguments[1].map(function (p) {
                  var body = new URLSearchParams({_csrf: csrf, name: 'Porch', yaml: 'streams: []', id: 'x', role: 'admin',
                      password: 'Mallory-Pass-1', url: 'rtsp://127.0.0.1:1/x', heartbeat_seconds: '5', timezone: 'UTC'});
                  return fetch(p, {method: 'POST', credentials: 'same-origin', redirect: 'manual', body: body})
                      .then(function (r) { return 'POST ' + p + '=' + r.status; });
                }));
                Promise.all(asks).then(function (a) { done(a.join(',')); }, function (e) { done('error ' + e); });
                """, gets, posts);
        return String.valueOf(out);
    }

    static boolean refresh(WebDriver d) {
        d.navigate().refresh();
        return false;
    }

    /** A cell of the nodes table (0 node, 1 probes, 2 host, 3 state, 4 last seen, 5 streams). */
    static String nodeCell(WebDriver d, String node, int column) {
        return d.findElements(By.cssSelector("#nodes tr[data-node='" + node + "'] td")).get(column).getText().trim();
    }

    static WebElement row(WebDriver d, String name) {
        return d.findElement(By.cssSelector("#streams tr[data-name='" + name + "']"));
    }

    static String cell(WebDriver d, String name, String cls) {
        return row(d, name).findElement(By.className(cls)).getText().trim();
    }

    /** The state word alone (the cell also holds its reason, e.g. "DOWN REFUSED"). */
    static String status(WebDriver d, String name) {
        return row(d, name).findElement(By.cssSelector(".status .st")).getText().trim();
    }

    static String reason(WebDriver d, String name) {
        return cell(d, name, "reason");
    }

    static boolean imageLoaded(WebDriver d, String id) {
        Object ok = ((JavascriptExecutor) d).executeScript(
                "var i = document.getElementById(arguments[0]); return !!i && !i.hidden && i.complete && i.naturalWidth > 0;", id);
        return Boolean.TRUE.equals(ok);
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
