package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS end to end: {@code web.tls: {self_signed: true}} generates a certificate into data_dir/tls,
 * the server speaks only TLS, and clients that trust that certificate (Java's HttpClient, Debian's
 * curl with --cacert) get the pages, with Secure cookies, the __Host- session cookie and HSTS.
 */
class TlsWebTest {
    private static final Pattern LOGIN = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"");
    @TempDir
    static Path dir;
    static StreamPulseApp app;
    static int port;
    static HttpClient https;
    static Path cert;

    @BeforeAll
    static void start() throws Exception {
        port = WebTestSupport.freePort();
        String config = """
                heartbeat_seconds: 5
                web:
                  tls: {self_signed: true, hsts_seconds: 600}
                streams:
                  - {name: cam, url: "http://127.0.0.1:%d/x", timeout_seconds: 1}
                """.formatted(WebTestSupport.freePort());
        // web mode: the dashboard without probing; TLS is the same server either way
        app = WebTestSupport.start(Mode.WEB, dir, config, port);
        cert = dir.resolve("tls").resolve(TlsKeys.SELF_CERT);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("streampulse", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) b.header("Cookie", cookie);
        return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loginOverHttpsGivesASecureHostOnlySessionCookieAndHsts() throws Exception {
        HttpResponse<String> form = get("/login", null);
        assertEquals(200, form.statusCode());
        assertEquals("max-age=600", form.headers().firstValue("Strict-Transport-Security").orElse(""));
        String loginCookie = form.headers().allValues("Set-Cookie").get(0);
        assertTrue(loginCookie.startsWith("SP_LOGIN=") && loginCookie.contains("; Secure"), loginCookie);
        Matcher m = LOGIN.matcher(form.body());
        assertTrue(m.find());
        String body = "_login=" + m.group(1) + "&username=admin&password=" + URLEncoder.encode(Users.DEFAULT_PASSWORD, StandardCharsets.UTF_8) + "&next=/";
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie.split(";", 2)[0])
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("SP_SESSION=")).findFirst().orElseThrow();
        assertTrue(session.startsWith("__Host-SP_SESSION="), session);
        assertTrue(session.contains("; Secure") && session.contains("Path=/;") && session.contains("HttpOnly")
                && session.contains("SameSite=Strict") && !session.toLowerCase().contains("domain="), session);
        String id = session.substring("__Host-SP_SESSION=".length(), session.indexOf(';'));
        // the prefixed cookie is the session (first login: on to the password page, not back to /login)
        assertEquals("/password", get("/", "__Host-SP_SESSION=" + id).headers().firstValue("Location").orElse(""));
        // the same id without the prefix (planted over plain HTTP or by a sibling host) is no session
        assertTrue(get("/", "SP_SESSION=" + id).headers().firstValue("Location").orElse("").startsWith("/login"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls").resolve(TlsKeys.SELF_KEY))));
    }

    @Test
    void plainHttpIsNotServedAndCurlTrustingTheCertificateGetsHealth() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/observe/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        Process curl = new ProcessBuilder(List.of("curl", "-sS", "--max-time", "20", "--cacert", cert.toString(),
                "https://127.0.0.1:" + port + "/observe/health")).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, curl.exitValue(), out);
        assertTrue(out.contains("\"status\" : \"UP\""), out);
        // without the certificate curl refuses: it really is our self-signed one
        Process untrusting = new ProcessBuilder(List.of("curl", "-sS", "--max-time", "20", "https://127.0.0.1:" + port + "/login"))
                .redirectErrorStream(true).start();
        untrusting.getInputStream().readAllBytes();
        assertTrue(untrusting.waitFor(30, TimeUnit.SECONDS));
        assertFalse(untrusting.exitValue() == 0);
    }
}
