package dev.streampulse.bench;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code java -jar streampulse.jar bench [--sizes 100,300,500,1000,2000] [--sizes-1080p 100,500,1000] [--seconds 60]
 * [--camera realistic|instant|both] [--resolutions 640x360,1920x1080] [--concurrency N (probe.max_concurrency; default: the product default)] [--soak 100000]
 * [--probes 60] [--dashboard-streams 1000] [--pg-url jdbc:postgresql://127.0.0.1/bench [--pg-seconds 60]]
 * [--sections probe,fleet,analysis,badfleet,blocked,soak,dashboard,pg,sessions] [--bad-fleets 2000:10,2000:20]
 * [--blocked 100,300] [--sessions 50,150,300] [--out bench]}: runs the simulator in its own JVM and
 * StreamPulse in this one, prints the numbers and writes {@code results.md} and {@code results.json}. All traffic
 * stays on 127.0.0.1. The fleet and the bad fleet run on the realistic simulator by default (reply latency, join at
 * the next keyframe, noisy scene), the fleet once per resolution; probe, blocked, soak and PostgreSQL use the instant
 * one. The PostgreSQL row needs a server: {@code --pg-url} (user and password from STREAMPULSE_DB_USER /
 * STREAMPULSE_DB_PASSWORD); without it the row is left out.
 */
public final class Bench {
    private final Map<String, String> args;
    private final Report report = new Report();

    private Bench(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        Configurator.setLevel("dev.streampulse", Level.WARN);
        Configurator.setLevel("org.apache.camel", Level.WARN);
        new Bench(a).run();
        System.exit(0);
    }

    private int intArg(String name, int dflt) {
        return Integer.parseInt(args.getOrDefault(name, Integer.toString(dflt)));
    }

    private void run() throws Exception {
        Path out = Path.of(args.getOrDefault("out", "bench"));
        report.machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                + Runtime.version(), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        java.util.Set<String> sections = java.util.Set.of(args.getOrDefault("sections", "probe,fleet,analysis,sessions,badfleet,blocked,soak,dashboard,pg").split(","));
        String pgUrl = sections.contains("pg") ? args.get("pg-url") : null;
        if (pgUrl != null && !pgUrl.startsWith("jdbc:postgresql://127.0.0.1") && !pgUrl.startsWith("jdbc:postgresql://localhost")) {
            throw new IllegalArgumentException("the benchmark talks to loopback only: --pg-url jdbc:postgresql://127.0.0.1…");
        }
        String pgUser = System.getenv("STREAMPULSE_DB_USER");
        String pgPassword = System.getenv("STREAMPULSE_DB_PASSWORD");
        if (sections.contains("fleet") || sections.contains("analysis")) {
            String camera = args.getOrDefault("camera", "realistic");
            for (String res : args.getOrDefault("resolutions", "640x360,1920x1080").split(",")) {
                res = res.trim();
                boolean hd = !res.equals("640x360");
                for (String kind : camera.equals("both") ? List.of("realistic", "instant") : List.of(camera)) {
                    List<String> opts = new ArrayList<>(List.of("--resolution", res));
                    if (kind.equals("instant")) opts.add("--instant");
                    else if (!kind.equals("realistic")) throw new IllegalArgumentException("--camera realistic, instant or both");
                    System.out.println("simulator: " + kind + " camera, " + res + " (encoding its clips) ...");
                    try (SimProcess sim = SimProcess.start(opts)) {
                        report.note("Fleet simulator, " + kind + " camera at " + res + ": its own JVM (pid " + sim.pid()
                                + "); cameras alternate RTSP (H.264 10 fps) and MJPEG.");
                        if (sections.contains("analysis") && kind.equals("realistic")) analysis(sim, res);
                        if (sections.contains("fleet")) {
                            String sizes = hd ? args.getOrDefault("sizes-1080p", "100,500,1000") : args.getOrDefault("sizes", "100,300,500,1000,2000");
                            for (String size : sizes.split(",")) {
                                fleet(sim, kind + " " + res, Integer.parseInt(size.trim()), intArg("seconds", 60));
                            }
                        }
                    }
                }
            }
        }
        if (sections.contains("sessions")) {
            // what an open session costs, on the camera the fleet rows use (a probe waits for its next keyframe)
            try (SimProcess sim = SimProcess.start(List.of())) {
                System.out.println("open sessions: RSS per probe session held open against the realistic camera ...");
                int[] sizes = java.util.Arrays.stream(args.getOrDefault("sessions", "50,150,300").split(","))
                        .mapToInt(x -> Integer.parseInt(x.trim())).toArray();
                report.sessions(OpenSessions.run(sim, sizes));
            }
        }
        if (sections.contains("badfleet")) {
            // the fleet-isolation rows stand on cameras that behave like cameras: healthy probes take real time
            String kind = args.getOrDefault("camera", "realistic").equals("instant") ? "instant" : "realistic";
            System.out.println("simulator: " + kind + " camera, 640x360, for the bad fleets ...");
            try (SimProcess sim = SimProcess.start(kind.equals("instant") ? List.of("--instant") : List.of())) {
                report.note("Bad-fleet simulator, " + kind + " camera at 640x360: its own JVM (pid " + sim.pid() + ").");
                for (String spec : args.getOrDefault("bad-fleets", "2000:10,2000:20").split(",")) {
                    String[] nb = spec.trim().split(":");
                    report.badFleet(BadFleet.run(sim, Integer.parseInt(nb[0]), Integer.parseInt(nb[1]), intArg("seconds", 60)));
                }
            }
        }
        if (sections.contains("probe") || sections.contains("soak") || sections.contains("blocked") || pgUrl != null) {
            try (SimProcess sim = SimProcess.start()) {
                report.note("Simulator in its own JVM (pid " + sim.pid() + "), RTSP " + sim.rtspPort() + ", MJPEG " + sim.mjpegPort()
                        + "; the instant camera (GOP cache, no reply delay, test card); cameras alternate RTSP (H.264 640x360 10 fps) and MJPEG (640x360).");
                if (sections.contains("probe")) new ProbeVsCli(sim, report).run(intArg("probes", 60));
                if (sections.contains("soak")) soak(sim, intArg("soak", 100_000));
                if (sections.contains("blocked")) {
                    System.out.println("blocked probes: RSS and CPU of probes waiting on cameras that never answer ...");
                    int[] sizes = java.util.Arrays.stream(args.getOrDefault("blocked", "100,300").split(","))
                            .mapToInt(x -> Integer.parseInt(x.trim())).toArray();
                    report.blocked(BlockedProbes.run(sim, sizes));
                }
                if (pgUrl != null) {
                    System.out.println("PostgreSQL: 3 monitor processes x 1,000 cameras ...");
                    report.pgFleet(PgFleet.run(sim, pgUrl, pgUser, pgPassword, 3, 1_000, intArg("pg-seconds", 60)));
                }
                report.simulator(sim.cpuSeconds(), sim.rssBytes());
            }
        }
        if (sections.contains("dashboard")) dashboard(intArg("dashboard-streams", 1000), intArg("dashboard-days", 30));
        if (pgUrl != null) {
            System.out.println("PostgreSQL ingest ceiling: 3 nodes x 1,000 cameras ...");
            report.pgIngest(PgIngest.run(pgUrl, pgUser, pgPassword, 3, 1_000, intArg("pg-seconds", 60)), pgServer(pgUrl));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), report.markdown());
        Files.writeString(out.resolve("results.json"), report.json());
        System.out.println(report.markdown());
        System.out.println("Wrote " + out.resolve("results.md") + " and " + out.resolve("results.json"));
    }

    /** The server's own version string, for the report. */
    private static String pgServer(String url) {
        try (Connection c = DriverManager.getConnection(url, System.getenv("STREAMPULSE_DB_USER"), System.getenv("STREAMPULSE_DB_PASSWORD"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            return rs.next() ? "PostgreSQL " + rs.getString(1) : "PostgreSQL";
        } catch (java.sql.SQLException e) {
            return "PostgreSQL";
        }
    }

    /** N cameras at a 15 s heartbeat: schedule, throughput, latency, CPU, memory and disk writes. */
    private void fleet(SimProcess sim, String camera, int n, int seconds) throws Exception {
        int heartbeat = 15;
        Path dir = Files.createTempDirectory("streampulse-bench-");
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: " + heartbeat
                + "\nprobe: {" + (args.containsKey("concurrency") ? "max_concurrency: " + args.get("concurrency") + ", " : "")
                + "per_host_limit: 0}\nstreams:\n");
        for (int i = 1; i <= n; i++) {
            String url = i % 2 == 1 ? sim.rtspUrl("cam" + i) : sim.mjpegUrl("cam" + i);
            yaml.append("  - {name: cam").append(i).append(", url: '").append(url).append("'}\n");
        }
        Files.writeString(dir.resolve("config.yaml"), yaml);
        System.out.printf("fleet %d cameras: warming up three intervals, then measuring %d s%n", n, seconds);
        try (StreamPulseApp app = StreamPulseApp.start(Mode.MONITOR, dir.resolve("config.yaml"),
                Map.of("camel.server.enabled", "false", "camel.management.enabled", "false",
                        "streampulse.retention.delayMillis", NO_RETENTION_MS))) {
            // three intervals: every stream has had its first beats and its UNKNOWN -> UP event (recover_threshold 2)
            Thread.sleep(3 * heartbeat * 1000L + 2000);
            long from = System.currentTimeMillis();
            double cpu0 = ProcStats.cpuSeconds();
            long io0 = ProcStats.writeBytes();
            long skipped0 = app.scheduler().skipped();
            Thread.sleep(seconds * 1000L);
            long to = System.currentTimeMillis();
            double cpu = ProcStats.cpuSeconds() - cpu0;
            long written = ProcStats.writeBytes() - io0;
            long skipped = app.scheduler().skipped() - skipped0;
            long rss = ProcStats.rssBytes();
            int threads = ProcStats.threads();
            Thread.sleep(6000); // let the last batch commit
            List<Double> latency = new ArrayList<>();
            int beats = 0, onTime = 0, ok = 0;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("streams.db"));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT ts, late_ms, latency_ms, ok FROM (SELECT ts, late_ms, latency_ms, ok "
                         + "FROM heartbeat_inbox UNION ALL SELECT ts, late_ms, latency_ms, ok FROM heartbeat) "
                         + "WHERE ts - late_ms >= " + from + " AND ts - late_ms < " + to)) {
                while (rs.next()) {
                    beats++;
                    if (rs.getLong(2) < 1000) onTime++;
                    if (rs.getInt(4) == 1) ok++;
                    latency.add((double) rs.getLong(3));
                }
            }
            // the compaction runs every 10 minutes, outside a short window: measure one and count 144 a day
            long c0 = ProcStats.writeBytes();
            app.store().compact();
            long compactBytes = ProcStats.writeBytes() - c0;
            System.out.printf("  writes: %.1f MB in the window, %.1f MB for one compaction%n", written / 1e6, compactBytes / 1e6);
            double expected = Math.max(beats, (double) n * seconds / heartbeat);
            double seconds_ = (to - from) / 1000.0;
            report.fleet(camera, n, seconds, expected, beats, onTime, ok, skipped, beats / seconds_, Stats.percentile(latency, 50),
                    Stats.percentile(latency, 95), 100.0 * cpu / seconds_ / Runtime.getRuntime().availableProcessors(),
                    beats == 0 ? 0 : cpu * 1000 / beats, rss, threads, written / seconds_ * 86_400 + compactBytes * 144.0);
        } finally {
            deleteTree(dir);
        }
        System.gc();
    }

    /**
     * What the frozen/black/uniform analysis costs per beat on the realistic camera's frames: two first
     * frames of one stream (a still scene, and the live one) fed alternately, so the luma-sample
     * comparison runs every time.
     */
    private void analysis(SimProcess sim, String res) throws Exception {
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        for (String path : List.of("still/1", "cam1")) {
            for (boolean rtsp : List.of(true, false)) {
                String url = rtsp ? sim.rtspUrl(path) : sim.mjpegUrl(path);
                long ready = System.currentTimeMillis() + 180_000; // the simulator encodes a scene's clip on its first request
                while (!probe.run(url, 10, 0).ok() && System.currentTimeMillis() < ready) Thread.sleep(1_000);
                FrameProbe.Result a = probe.run(url, 10, 0);
                Thread.sleep(1_000);
                FrameProbe.Result b = probe.run(url, 10, 0);
                if (!a.ok() || !b.ok()) {
                    System.out.println("analysis: probe of " + url + " failed: " + (a.ok() ? b : a).detail());
                    continue;
                }
                dev.streampulse.health.PictureTracker tracker = new dev.streampulse.health.PictureTracker();
                String change = "";
                long t0 = System.nanoTime();
                for (int i = 0; i < Report.ANALYSIS_LOOPS; i++) {
                    var f = i % 2 == 0 ? a.frame() : b.frame();
                    tracker.observe(f, dev.streampulse.health.FrameAnalysis.of(f));
                    if (i == 1) {
                        var c = tracker.lastChange();
                        change = c == null ? "thumbnails differ" : String.format(Locale.ROOT, "noise %.2f, whiteness %.2f, changed tiles %d: %s",
                                c.noise(), c.whiteness(), c.changedTiles(), c.live() ? "live" : "same picture");
                    }
                }
                double us = (System.nanoTime() - t0) / 1000.0 / Report.ANALYSIS_LOOPS;
                report.analysis((rtsp ? "RTSP /" : "MJPEG /") + path, a.frame().width() + "x" + a.frame().height(), us, change);
                System.out.printf(Locale.ROOT, "analysis %s %s: %.1f µs per beat (%s)%n", url, res, us, change);
            }
        }
    }

    /** The dashboard and the status API over 1,000 streams x 30 days of history. */
    private void dashboard(int streams, int days) throws Exception {
        if (streams <= 0) return;
        Path dir = Files.createTempDirectory("streampulse-dash-");
        try {
            report.dashboard(streams, days, DashboardBench.measure(dir, streams, days, 200));
            report.note(DashboardBench.wallCost(2000).describe());
        } finally {
            deleteTree(dir);
        }
    }

    /** Many probes back to back: native leaks show as RSS or threads that keep growing. */
    private void soak(SimProcess sim, int total) throws Exception {
        if (total <= 0) return;
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[][] marks = new long[3][];
        marks[0] = new long[] {0, ProcStats.rssBytes(), ProcStats.threads()};
        long start = System.nanoTime();
        System.out.printf("soak: %d probes on 8 threads%n", total);
        for (int i = 0; i < total; i++) {
            int k = i;
            pool.execute(() -> {
                String url = k % 2 == 0 ? sim.rtspUrl("cam" + (k % 500 + 1)) : sim.mjpegUrl("cam" + (k % 500 + 1));
                if (!probe.run(url, 10, false).ok()) failed.incrementAndGet();
                int d = done.incrementAndGet();
                if (d == total / 2) {
                    synchronized (marks) {
                        marks[1] = new long[] {d, ProcStats.rssBytes(), ProcStats.threads()};
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        double secs = (System.nanoTime() - start) / 1e9;
        marks[2] = new long[] {total, ProcStats.rssBytes(), ProcStats.threads()};
        report.soak(total, failed.get(), secs, marks);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * The retention timer's first run in measured processes: after any window. The nightly job is not
     * the steady state, and in its hour it would compact the inbox a window counts.
     */
    static final String NO_RETENTION_MS = "86400000";

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String now() {
        return Instant.now().toString();
    }
}
