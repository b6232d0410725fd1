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
 * {@code /} (the table), {@code /?view=wall} (the camera wall), {@code /api/status} (full), the delta
 * poll {@code /api/status?since=V} without and with changes, and a tile's picture (200, and 304 by
 * ETag), requests one after another, after a warm-up; then what the wall's pictures cost (per probe,
 * and in memory for 2,000 cameras). Prints the numbers and writes them to
 * {@code target/dashboard-bench.txt} (or {@code -Ddashboard.out=FILE}).
 */
public final class DashboardBench {
    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "DashboardBench %s: %d streams x %d days, %d requests each, %d cores%n",
                java.time.Instant.now(), streams, days, requests, Runtime.getRuntime().availableProcessors()));
        for (Timing t : measure(dir, streams, days, requests)) {
            out.append(String.format(Locale.ROOT, "%-36s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  (%,d bytes)%n",
                    t.path(), t.requests(), t.p50(), t.p95(), t.p99(), t.max(), t.bytes()));
        }
        out.append(wallCost(2000).describe()).append(System.lineSeparator());
        System.out.print(out);
        Path file = Path.of(System.getProperty("dashboard.out", "target/dashboard-bench.txt"));
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println("Written to " + file);
    }

    /**
     * What the wall's pictures cost. {@code jpegMs}: a probe's extra time for its 320 px JPEG (made with
     * every scheduled beat for the evidence anyway, so the wall adds no encode), p50 of probes with and
     * without it; {@code keepNs}: the wall's own work per beat (WallFrames.keep); {@code heapBytes}:
     * the heap that {@code cameras} pictures take.
     */
    public record WallCost(int cameras, int jpegBytes, double jpegMs, double keepNs, long pictureBytes, long heapBytes) {
        public String describe() {
            return String.format(Locale.ROOT, "wall pictures: %d B JPEG (320 px, the realistic simulated camera at 640x360); "
                    + "its encode adds %.2f ms to a probe (already paid for the evidence); keeping it %.0f ns per beat; "
                    + "%,d cameras hold %.1f MB of JPEG, %.1f MB of heap", jpegBytes, jpegMs, keepNs, cameras,
                    pictureBytes / 1e6, heapBytes / 1e6);
        }
    }

    /** A real 320 px JPEG and what making it adds to a probe. */
    record Grab(byte[] jpeg, double jpegMs) {}

    /** Probes the simulator's realistic camera (RTSP on 127.0.0.1) with and without the JPEG, 12 times each after a warm-up. */
    static Grab grab() throws Exception {
        byte[] jpeg;
        double jpegMs;
        try (dev.streampulse.sim.CameraSimulator sim = dev.streampulse.sim.CameraSimulator.builder().bind("127.0.0.1")
                .rtspPort(0).mjpegPort(0).start()) {
            dev.streampulse.probe.FrameProbe probe = new dev.streampulse.probe.FrameProbe(
                    new dev.streampulse.clock.CorrectedClock(List.of()), 0);
            String url = sim.rtspUrl("cam1");
            List<Double> with = new ArrayList<>(), without = new ArrayList<>();
            jpeg = null;
            for (int i = 0; i < 15; i++) {
                dev.streampulse.probe.FrameProbe.Result a = probe.run(url, 10, dev.streampulse.probe.FrameProbe.EVIDENCE_WIDTH);
                dev.streampulse.probe.FrameProbe.Result b = probe.run(url, 10, 0);
                if (!a.ok() || !b.ok()) throw new IllegalStateException("the simulated camera gave no frame: " + a.detail() + b.detail());
                if (i >= 3) { // after a warm-up
                    with.add((double) a.latencyMs());
                    without.add((double) b.latencyMs());
                }
                jpeg = a.frame().jpeg();
            }
            Collections.sort(with);
            Collections.sort(without);
            jpegMs = pct(with, 50) - pct(without, 50);
        }
        return new Grab(jpeg, jpegMs);
    }

    /** The grabbed JPEG kept for {@code cameras} streams: memory, and the wall's work per beat. */
    public static WallCost wallCost(int cameras) throws Exception {
        Grab g = grab();
        byte[] jpeg = g.jpeg();
        dev.streampulse.web.WallFrames frames = new dev.streampulse.web.WallFrames(dev.streampulse.web.WallFrames.DEFAULT_REFRESH_MS,
                dev.streampulse.web.WallFrames.DEFAULT_MAX_BYTES);
        List<dev.streampulse.probe.Observation> seen = new ArrayList<>(cameras);
        for (int i = 0; i < cameras; i++) {
            String name = "cam-" + i;
            dev.streampulse.probe.GrabbedFrame f = new dev.streampulse.probe.GrabbedFrame("h264", 640, 360, 25, 0, 0, null, jpeg.clone());
            seen.add(new dev.streampulse.probe.Observation(new dev.streampulse.config.StreamConfig(name, "rtsp://127.0.0.1/x", true, 15, 10,
                    Map.of()), new dev.streampulse.probe.Heartbeat(name, 1_000, 0, true, 40, null, null, "h264", 640, 360, 25, "system"), f));
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (dev.streampulse.probe.Observation o : seen) frames.keep(o);
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory() - before + (long) cameras * jpeg.length; // the arrays existed before keep
        // the per-beat cost: beats within the refresh interval (the common case) and ones that replace the picture
        int rounds = 100;
        long ns = 0;
        for (int r = 1; r <= rounds; r++) {
            long ts = 1_000 + r * 5_000L; // a 5 s heartbeat: every other beat replaces the picture
            List<dev.streampulse.probe.Observation> beat = new ArrayList<>(cameras);
            for (dev.streampulse.probe.Observation o : seen) {
                beat.add(new dev.streampulse.probe.Observation(o.stream(), new dev.streampulse.probe.Heartbeat(o.stream().name(), ts, 0,
                        true, 40, null, null, "h264", 640, 360, 25, "system"), o.frame()));
            }
            long t0 = System.nanoTime();
            for (dev.streampulse.probe.Observation o : beat) frames.keep(o);
            ns += System.nanoTime() - t0;
        }
        double keepNs = ns / (double) (rounds * cameras);
        return new WallCost(cameras, jpeg.length, g.jpegMs(), keepNs, frames.bytes(), heap);
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
        byte[] jpeg = grab().jpeg();
        try (StreamPulseApp app = StreamPulseApp.start(Mode.WEB, dir.resolve("config.yaml"),
                Map.of("camel.server.host", "127.0.0.1", "camel.server.port", Integer.toString(port)))) {
            Client c = new Client("http://127.0.0.1:" + port);
            c.login();
            // web mode probes nothing: the wall's pictures come from one real frame, as the probe route would keep them
            dev.streampulse.web.WallFrames frames = app.camel().getRegistry().lookupByNameAndType("wallFrames", dev.streampulse.web.WallFrames.class);
            long[] frameTs = {System.currentTimeMillis() - 5_000};
            java.util.function.IntConsumer newPictures = n -> {
                frameTs[0] += dev.streampulse.web.WallFrames.DEFAULT_REFRESH_MS;
                for (int i = 1; i <= n; i++) frames.keep(observation(BenchData.name(i), frameTs[0], jpeg));
            };
            newPictures.accept(streams);
            for (String path : List.of("/", "/?view=wall", "/api/status")) {
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
            // the delta poll, as an open dashboard sends it every 5 s: nothing changed since its version ...
            String version = new io.vertx.core.json.JsonObject(new String(c.get("/api/status").body(), StandardCharsets.UTF_8)).getString("version");
            out.add(timed(requests, () -> c.get("/api/status?since=" + version), "/api/status?since=V (no change)"));
            // ... and 10 new pictures (10 streams' beat fields) since the previous poll
            String[] last = {version};
            out.add(timed(requests, () -> {
                newPictures.accept(10);
                return null;
            }, () -> {
                HttpResponse<byte[]> r = c.get("/api/status?since=" + last[0]);
                last[0] = new io.vertx.core.json.JsonObject(new String(r.body(), StandardCharsets.UTF_8)).getString("version");
                return r;
            }, "/api/status?since=V (10 changed)"));
            // a tile's picture: a new one (200), and one the browser has (304 by ETag)
            String picture = "/stream/frame.jpg?name=" + Client.enc(BenchData.name(1));
            out.add(timed(requests, () -> c.get(picture), "/stream/frame.jpg (200)"));
            String etag = c.get(picture).headers().firstValue("ETag").orElseThrow();
            out.add(timed(requests, () -> c.get(picture, "If-None-Match", etag), "/stream/frame.jpg (304 by ETag)", 304));
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

    interface Call {
        HttpResponse<byte[]> call() throws Exception;
    }

    static Timing timed(int requests, Call call, String label) throws Exception {
        return timed(requests, () -> null, call, label, 200);
    }

    static Timing timed(int requests, Call call, String label, int status) throws Exception {
        return timed(requests, () -> null, call, label, status);
    }

    static Timing timed(int requests, Call before, Call call, String label) throws Exception {
        return timed(requests, before, call, label, 200);
    }

    /** {@code before} runs untimed ahead of each request; the last answer's size is reported. */
    static Timing timed(int requests, Call before, Call call, String label, int status) throws Exception {
        for (int i = 0; i < 20; i++) {
            before.call();
            call.call();
        }
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < requests; i++) {
            before.call();
            long t = System.nanoTime();
            HttpResponse<byte[]> r = call.call();
            ms.add((System.nanoTime() - t) / 1e6);
            if (r.statusCode() != status) throw new IllegalStateException(label + " answered " + r.statusCode());
            bytes = r.body().length;
        }
        Collections.sort(ms);
        return new Timing(label, requests, pct(ms, 50), pct(ms, 95), pct(ms, 99), ms.get(ms.size() - 1), bytes);
    }

    static dev.streampulse.probe.Observation observation(String name, long ts, byte[] jpeg) {
        return new dev.streampulse.probe.Observation(new dev.streampulse.config.StreamConfig(name, "rtsp://127.0.0.1/x", true, 15, 10, Map.of()),
                new dev.streampulse.probe.Heartbeat(name, ts, 0, true, 40, null, null, "h264", 640, 360, 25, "system"),
                new dev.streampulse.probe.GrabbedFrame("h264", 640, 360, 25, 0, 0, null, jpeg));
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

        HttpResponse<byte[]> get(String path, String header, String value) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header(header, value).build(),
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
