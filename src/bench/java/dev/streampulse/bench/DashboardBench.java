package dev.streampulse.bench;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -cp target/streampulse.jar dev.streampulse.bench.DashboardBench [dataDir] [streams] [days] [requests]}
 * (defaults: target/bench 1000 30 200): seeds a data dir (see {@link BenchData}) unless it already
 * holds one, starts StreamPulse in web mode on 127.0.0.1, logs in, and reports p50/p95/p99 of
 * {@code /} and {@code /api/status} (and, for reference, one stream's page), requests one after
 * another, after a warm-up.
 */
public final class DashboardBench {
    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        for (Timing t : measure(dir, streams, days, requests)) {
            System.out.printf(Locale.ROOT, "%-20s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  (%,d bytes)%n",
                    t.path(), t.requests(), t.p50(), t.p95(), t.p99(), t.max(), t.bytes());
        }
    }

    /** One path's response times over sequential requests after a warm-up. */
    public record Timing(String path, int requests, double p50, double p95, double p99, double max, long bytes) {}

    /** Seeds {@code dir} (unless it holds data), starts web mode there and times the dashboard and the status API. */
    public static List<Timing> measure(Path dir, int streams, int days, int requests) throws Exception {
        if (!Files.exists(dir.resolve("streams.db"))) {
            System.out.printf("Seeding %d streams x %d days at 15 s into %s ...%n", streams, days, dir);
            BenchData.Seeded s = BenchData.seed(dir, streams, days, System.currentTimeMillis());
            System.out.printf("Seeded in %.1f s: %,d hourly rollups, %,d raw beats (last day), %,d inbox beats (last 10 min)%n",
                    s.millis() / 1000.0, s.hourlyRows(), s.rawRows(), s.inboxRows());
        } else {
            System.out.println("Using the existing data in " + dir + " (delete it to seed afresh; the last day moves on)");
        }
        Files.deleteIfExists(dir.resolve("users.json"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<Timing> out = new ArrayList<>();
        try (StreamPulseApp app = StreamPulseApp.start(Mode.WEB, dir.resolve("config.yaml"),
                Map.of("camel.server.host", "127.0.0.1", "camel.server.port", Integer.toString(port)))) {
            Client c = new Client("http://127.0.0.1:" + port);
            c.login();
            for (String path : List.of("/", "/api/status")) {
                for (int i = 0; i < 20; i++) c.get(path);
                List<Double> ms = new ArrayList<>();
                long bytes = 0;
                for (int i = 0; i < requests; i++) {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> r = c.get(path);
                    ms.add((System.nanoTime() - t) / 1e6);
                    if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode());
                    bytes = r.body().length;
                }
                Collections.sort(ms);
                out.add(new Timing(path, requests, pct(ms, 50), pct(ms, 95), pct(ms, 99), ms.get(ms.size() - 1), bytes));
            }
            // several dashboards open at once: 4 clients polling /api/status together
            List<Double> ms = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    try {
                        for (int i = 0; i < requests / 4; i++) {
                            long t0 = System.nanoTime();
                            c.get("/api/status");
                            ms.add((System.nanoTime() - t0) / 1e6);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread t : threads) t.join();
            List<Double> sorted = new ArrayList<>(ms);
            Collections.sort(sorted);
            out.add(new Timing("/api/status x4 clients", sorted.size(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                    sorted.get(sorted.size() - 1), 0));
        }
        return out;
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Just enough HTTP to log in (forced password change included) and fetch pages. */
    static final class Client {
        final String base;
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String cookie = "";

        Client(String base) {
            this.base = base;
        }

        HttpResponse<byte[]> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String sc : r.headers().allValues("Set-Cookie")) {
                if (sc.startsWith("SP_SESSION=")) cookie = sc.split(";", 2)[0];
            }
            return r;
        }

        void login() throws Exception {
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            String loginToken = find(form.body(), "_login");
            cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            post("/login", "_login=" + enc(loginToken) + "&username=admin&password=admin123&next=/");
            String csrf = find(new String(get("/password").body(), StandardCharsets.UTF_8), "_csrf");
            HttpResponse<String> r = post("/password", "_csrf=" + enc(csrf) + "&current=admin123&password=bench-pass-1&repeat=bench-pass-1");
            if (r.statusCode() != 302) throw new IllegalStateException("login failed: " + r.statusCode());
        }

        static String find(String html, String field) {
            Matcher m = Pattern.compile("name=\"" + field + "\" value=\"([^\"]+)\"").matcher(html);
            if (!m.find()) throw new IllegalStateException("no " + field + " field");
            return m.group(1);
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
