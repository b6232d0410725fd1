package dev.streampulse.web;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Starts StreamPulse on 127.0.0.1 and a free port, and speaks HTTP to it without following redirects. */
public final class WebTestSupport {
    static final String NEW_PASSWORD = "Better-Pass-42";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern LOGIN = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"");

    private WebTestSupport() {}

    static int freePort() throws IOException {
        return dev.streampulse.testing.TestApp.freePort();
    }

    public static StreamPulseApp start(Mode mode, Path dir, String configYaml, int port) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, configYaml);
        return StreamPulseApp.start(mode, config, overrides(port));
    }

    /** What every web test's app runs with: loopback on {@code port}, fast writer and tick, no nightly retention. */
    public static Map<String, String> overrides(int port) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("camel.server.host", "127.0.0.1");
        overrides.put("camel.server.port", Integer.toString(port));
        overrides.put("streampulse.store.batchMillis", "200");
        overrides.put("streampulse.tickMillis", "100");
        overrides.put("streampulse.retention.delayMillis", dev.streampulse.testing.TestApp.NO_RETENTION_MS);
        return overrides;
    }

    /** An HTTP client with its own cookie jar (only the cookies this app sets). */
    public static final class Client {
        final String base;
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final Map<String, String> cookies = new LinkedHashMap<>();
        String csrf;

        public Client(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        public HttpResponse<String> get(String path) throws Exception {
            return send(request(path).GET().build());
        }

        HttpResponse<byte[]> getBytes(String path) throws Exception {
            HttpResponse<byte[]> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            remember(r);
            return r;
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        /** A POST with this session's CSRF token added. */
        HttpResponse<String> postCsrf(String path, Map<String, String> form) throws Exception {
            Map<String, String> f = new LinkedHashMap<>(form);
            f.put("_csrf", csrf);
            return post(path, f);
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
            }
            return b;
        }

        HttpResponse<String> send(HttpRequest req) throws Exception {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            remember(r);
            return r;
        }

        private void remember(HttpResponse<?> r) {
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || c.contains("Max-Age=0")) cookies.remove(name);
                else cookies.put(name, value);
            }
        }

        /** Logs in; returns the response to the login POST. */
        HttpResponse<String> login(String user, String password) throws Exception {
            HttpResponse<String> form = get("/login");
            Matcher m = LOGIN.matcher(form.body());
            if (!m.find()) throw new AssertionError("no login token in " + form.body());
            Map<String, String> f = new LinkedHashMap<>();
            f.put("_login", m.group(1));
            f.put("username", user);
            f.put("password", password);
            f.put("next", "/");
            return post("/login", f);
        }

        /** Logs in as admin, doing the forced password change on the first login. */
        public void loginAdmin() throws Exception {
            HttpResponse<String> r = login("admin", Users.DEFAULT_PASSWORD);
            if (r.statusCode() == 401) r = login("admin", NEW_PASSWORD);
            if (r.headers().firstValue("Location").orElse("").equals("/password")) {
                readCsrf("/password");
                Map<String, String> f = new LinkedHashMap<>();
                f.put("current", Users.DEFAULT_PASSWORD);
                f.put("password", NEW_PASSWORD);
                f.put("repeat", NEW_PASSWORD);
                HttpResponse<String> changed = postCsrf("/password", f);
                if (changed.statusCode() != 302) throw new AssertionError("password change failed: " + changed.body());
            }
            readCsrf("/");
        }

        String readCsrf(String page) throws Exception {
            HttpResponse<String> r = get(page);
            Matcher m = CSRF.matcher(r.body());
            if (!m.find()) throw new AssertionError("no CSRF token on " + page + " (" + r.statusCode() + ")");
            csrf = m.group(1);
            return csrf;
        }
    }
}
