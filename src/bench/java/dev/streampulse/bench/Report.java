package dev.streampulse.bench;

import static dev.streampulse.bench.Bench.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the benchmark's numbers and renders them as Markdown tables and JSON. */
final class Report {
    private final List<String> notes = new ArrayList<>();
    private final List<String> probeRows = new ArrayList<>();
    private final List<String> probeJson = new ArrayList<>();
    private final List<String> fleetRows = new ArrayList<>();
    private final List<String> fleetJson = new ArrayList<>();
    private final List<String> analysisRows = new ArrayList<>();
    private final List<String> analysisJson = new ArrayList<>();
    static final int ANALYSIS_LOOPS = 20_000;
    private String machine = "";
    private String machineJson = "{}";
    private String soak = "";
    private String soakJson = "null";
    private String dashboard = "";
    private String dashboardJson = "null";
    private String pg = "";
    private String pgFleet = "";
    private String pgFleetJson = "null";
    private String pgJson = "null";
    private String simulator = "";
    private String simulatorJson = "null";
    private final String started = Bench.now();
    private final List<String> blockedRows = new ArrayList<>();
    private final List<String> badRows = new ArrayList<>();
    private final List<String> badJson = new ArrayList<>();
    private final List<String> blockedJson = new ArrayList<>();
    private final List<String> sessionRows = new ArrayList<>();
    private final List<String> sessionJson = new ArrayList<>();

    void machine(int cores, String jvm, String os) {
        machine = cores + " cores, " + jvm + ", " + os;
        machineJson = String.format(Locale.ROOT, "{\"cores\": %d, \"jvm\": \"%s\", \"os\": \"%s\"}", cores, jvm, os);
    }

    void note(String text) {
        notes.add(text);
    }

    void probeVsCli(String protocol, int n, double jvmP50, double jvmP95, double jvmCpu, int jvmFailed, double cliP50,
                    double cliP95, double cliCpu, int cliFailed) {
        probeRows.add(String.format(Locale.ROOT, "| %s | %d | %s / %s | %s / %s | **%.2f×** | %.1f | %.1f | **%.2f×** | %d / %d |",
                protocol, n, fmt(jvmP50), fmt(jvmP95), fmt(cliP50), fmt(cliP95), jvmP50 / cliP50, jvmCpu * 1000, cliCpu * 1000,
                jvmCpu / cliCpu, jvmFailed, cliFailed));
        probeJson.add(String.format(Locale.ROOT, "{\"protocol\": \"%s\", \"rounds\": %d, \"probe_ms_p50\": %.2f, \"probe_ms_p95\": %.2f, "
                        + "\"probe_cpu_ms\": %.2f, \"probe_failed\": %d, \"cli_ms_p50\": %.2f, \"cli_ms_p95\": %.2f, \"cli_cpu_ms\": %.2f, "
                        + "\"cli_failed\": %d, \"latency_ratio\": %.3f, \"cpu_ratio\": %.3f}", protocol, n, jvmP50, jvmP95, jvmCpu * 1000,
                jvmFailed, cliP50, cliP95, cliCpu * 1000, cliFailed, jvmP50 / cliP50, jvmCpu / cliCpu));
    }

    /** @param camera which simulator the fleet watched, e.g. "realistic 640x360" */
    void fleet(String camera, int n, int seconds, double expected, int beats, int onTime, int ok, long skipped, double beatsPerSecond,
               double p50, double p95, double cpuPercent, double cpuMsPerProbe, long rss, int threads, double bytesPerDay) {
        double onTimePct = 100.0 * onTime / expected;
        fleetRows.add(String.format(Locale.ROOT, "| %s | %d | %d s | %d / %.0f | **%.2f %%** | %d | %.1f | %s / %s | **%.1f %%** | %.1f | **%d MB** | %d | %s |",
                camera, n, seconds, beats, expected, onTimePct, skipped, beatsPerSecond, fmt(p50), fmt(p95), cpuPercent, cpuMsPerProbe,
                rss >> 20, threads, human(bytesPerDay)));
        fleetJson.add(String.format(Locale.ROOT, "{\"camera\": \"%s\", \"cpu_ms_per_probe\": %.2f, ", camera, cpuMsPerProbe)
                + String.format(Locale.ROOT, "\"cameras\": %d, \"seconds\": %d, \"beats_expected\": %.0f, \"beats\": %d, "
                        + "\"on_time_pct\": %.3f, \"ok\": %d, \"skipped\": %d, \"beats_per_s\": %.2f, \"latency_ms_p50\": %.2f, "
                        + "\"latency_ms_p95\": %.2f, \"cpu_pct_of_all_cores\": %.2f, \"rss_mb\": %d, \"threads\": %d, "
                        + "\"disk_write_bytes_per_day\": %.0f}", n, seconds, expected, beats, onTimePct, ok, skipped, beatsPerSecond, p50,
                p95, cpuPercent, rss >> 20, threads, bytesPerDay));
    }

    void badFleet(BadFleet.Result r) {
        double pct = 100.0 * r.healthyOnTime() / Math.max(1, r.healthyDue());
        String reasons = r.badReasons().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        badRows.add(String.format(Locale.ROOT, "| %,d | %d (%d %%) | %,d / %,d | **%.2f %%** | %s | %d | %d | %.1f %% | **%d MB** | %d | %d | "
                        + "%.1f / %d (%d + %d) | %s | %,d of %,d |", r.cameras(), r.bad(), 100 * r.bad() / r.cameras(), r.healthyOnTime(), r.healthyDue(),
                pct, reasons, r.skipped(), r.hostWaits(), r.cpuPercent(), r.rssPeak() >> 20, r.threadsPeak(), r.inFlightPeak(), r.needed(),
                r.ceiling(), r.fastThreads(), r.slowThreads(),
                r.downSamples() == 0 ? "UP" : "DOWN " + r.downSamples() + " of " + r.samples() + " s", r.silentlyLate(), r.healthyNotOnTime()));
        badJson.add(String.format(Locale.ROOT, "{\"cameras\": %d, \"bad\": %d, \"seconds\": %d, \"healthy_due\": %d, \"healthy_on_time\": %d, "
                        + "\"healthy_on_time_pct\": %.3f, \"skipped\": %d, \"host_waits\": %d, \"cpu_pct_of_all_cores\": %.2f, "
                        + "\"rss_peak_mb\": %d, \"threads_peak\": %d, \"in_flight_peak\": %d, \"sessions_needed\": %.1f, "
                        + "\"fast_threads\": %d, \"slow_threads\": %d, \"ceiling\": %d, \"readiness_down_s\": %d, \"samples\": %d, "
                        + "\"healthy_not_on_time\": %d, \"silently_late\": %d}",
                r.cameras(), r.bad(), r.seconds(), r.healthyDue(), r.healthyOnTime(), pct, r.skipped(), r.hostWaits(), r.cpuPercent(),
                r.rssPeak() >> 20, r.threadsPeak(), r.inFlightPeak(), r.needed(), r.fastThreads(), r.slowThreads(), r.ceiling(),
                r.downSamples(), r.samples(), r.healthyNotOnTime(), r.silentlyLate()));
    }

    void sessions(List<OpenSessions.Row> rows) {
        for (OpenSessions.Row r : rows) {
            sessionRows.add(String.format(Locale.ROOT, "| %d | %d MB | %d MB (max %d) | **%.0f KB** | %d | %.1f | %d | %d |", r.sessions(),
                    r.rssIdleMb(), r.rssAvgMb(), r.rssMaxMb(), r.kbPerSession(), r.threads(), r.probesPerSecond(), r.meanLatencyMs(), r.failed()));
            sessionJson.add(String.format(Locale.ROOT, "{\"sessions\": %d, \"rss_idle_mb\": %d, \"rss_avg_mb\": %d, \"rss_max_mb\": %d, "
                    + "\"kb_per_session\": %.1f, \"threads\": %d, \"probes_per_s\": %.2f, \"mean_latency_ms\": %d, \"failed\": %d}",
                    r.sessions(), r.rssIdleMb(), r.rssAvgMb(), r.rssMaxMb(), r.kbPerSession(), r.threads(), r.probesPerSecond(),
                    r.meanLatencyMs(), r.failed()));
        }
    }

    void blocked(List<BlockedProbes.Row> rows) {
        for (BlockedProbes.Row r : rows) {
            blockedRows.add(String.format(Locale.ROOT, "| `%s` | %d | %d MB | %d MB | **%.0f KB** | %.2f s | %d |", r.path(), r.probes(),
                    r.rssBeforeMb(), r.rssBlockedMb(), r.kbPerProbe(), r.cpuSecondsPer10s(), r.threads()));
            blockedJson.add(String.format(Locale.ROOT, "{\"path\": \"%s\", \"probes\": %d, \"rss_before_mb\": %d, \"rss_blocked_mb\": %d, "
                    + "\"kb_per_probe\": %.1f, \"cpu_s_per_10s\": %.3f, \"threads\": %d}", r.path(), r.probes(), r.rssBeforeMb(),
                    r.rssBlockedMb(), r.kbPerProbe(), r.cpuSecondsPer10s(), r.threads()));
        }
    }

    void analysis(String stream, String frame, double micros, String change) {
        analysisRows.add(String.format(Locale.ROOT, "| %s | %s | **%.1f** | %s |", stream, frame, micros, change));
        analysisJson.add(String.format(Locale.ROOT, "{\"stream\": \"%s\", \"frame\": \"%s\", \"us_per_beat\": %.2f}", stream, frame, micros));
    }

    void soak(int total, int failed, double seconds, long[][] marks) {
        StringBuilder sb = new StringBuilder("| point | probes done | RSS | threads |\n|---|---|---|---|\n");
        String[] names = {"start", "middle", "end"};
        List<String> js = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (marks[i] == null) continue;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d MB | %d |%n", names[i], marks[i][0], marks[i][1] >> 20, marks[i][2]));
            js.add(String.format(Locale.ROOT, "{\"at\": \"%s\", \"probes\": %d, \"rss_mb\": %d, \"threads\": %d}", names[i], marks[i][0],
                    marks[i][1] >> 20, marks[i][2]));
        }
        soak = String.format(Locale.ROOT, "%d probes (%d failed) in %.0f s, %.0f probes/s on 8 threads:%n%n", total, failed, seconds,
                total / seconds) + sb;
        soakJson = String.format(Locale.ROOT, "{\"probes\": %d, \"failed\": %d, \"seconds\": %.1f, \"marks\": [%s]}", total, failed,
                seconds, String.join(", ", js));
    }

    void dashboard(int streams, int days, List<DashboardBench.Timing> timings) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%d streams x %d days of beats at 15 s (hourly rollups for 30 days, raw beats for the last day), "
                        + "web mode, logged in, sequential requests after a warm-up:%n%n", streams, days));
        sb.append("| request | n | p50 ms | p95 ms | p99 ms | max ms | bytes |\n|---|---|---|---|---|---|---|\n");
        List<String> js = new ArrayList<>();
        for (DashboardBench.Timing t : timings) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %d | %.1f | **%.1f** | %.1f | %.1f | %d |%n", t.path(), t.requests(), t.p50(),
                    t.p95(), t.p99(), t.max(), t.bytes()));
            js.add(String.format(Locale.ROOT, "{\"path\": \"%s\", \"n\": %d, \"p50_ms\": %.2f, \"p95_ms\": %.2f, \"p99_ms\": %.2f, "
                    + "\"max_ms\": %.2f, \"bytes\": %d}", t.path(), t.requests(), t.p50(), t.p95(), t.p99(), t.max(), t.bytes()));
        }
        dashboard = sb.toString();
        dashboardJson = "[" + String.join(", ", js) + "]";
    }

    void pgFleet(PgFleet.Result r) {
        pgFleet = String.format(Locale.ROOT, "%d monitor processes (the jar, `monitor` mode, `-Xmx128m` Pi settings), one site "
                + "of %,d simulated cameras each at a 15 s heartbeat, real probes, all writing into one PostgreSQL on 127.0.0.1; "
                + "counted from the database over %d s after a 45 s warm-up.%n%n"
                + "| nodes x cameras | beats written / due | beats/s | on time (≤ 1 s late) | ok | nodes seen | CPU per node | RSS per node |%n"
                + "|---|---|---|---|---|---|---|---|%n"
                + "| %d x %,d | %,d / %,.0f | **%.1f** | %.2f %% | %.2f %% | %d | %.1f %% of a core | %d MB |%n%n", r.nodes(),
                r.cameras(), r.seconds(), r.nodes(), r.cameras(), r.beats(), r.expected(), r.beats() / (double) r.seconds(),
                100.0 * r.onTime() / Math.max(1, r.beats()), 100.0 * r.ok() / Math.max(1, r.beats()), r.nodesSeen(), 100 * r.cpuPerNode(),
                r.rssPerNodeMb());
        pgFleetJson = String.format(Locale.ROOT, "{\"nodes\": %d, \"cameras_per_node\": %d, \"seconds\": %d, \"beats\": %d, "
                + "\"expected\": %.0f, \"beats_per_second\": %.2f, \"on_time\": %d, \"ok\": %d, \"nodes_seen\": %d, "
                + "\"cpu_per_node_core_share\": %.4f, \"rss_per_node_mb\": %d}", r.nodes(), r.cameras(), r.seconds(), r.beats(),
                r.expected(), r.beats() / (double) r.seconds(), r.onTime(), r.ok(), r.nodesSeen(), r.cpuPerNode(), r.rssPerNodeMb());
    }

    void pgIngest(PgIngest.Result r, String server) {
        pg = String.format(Locale.ROOT, "%s on 127.0.0.1. %d nodes, each its own store and connections and its coordinator "
                + "renewing leases every second, %,d cameras each; each node commits batches of %d beats (what a 15 s "
                + "heartbeat gives in 5 s) back to back for %.0f s while one node compacts every 5 s. Synthetic beats: "
                + "this is the database's ceiling, to set against what the fleet asks.%n%n"
                + "| nodes x cameras | beats written | beats/s | fleet needs | headroom | commits | commit ms p50 / p95 | "
                + "compaction ms p95 |%n|---|---|---|---|---|---|---|---|%n"
                + "| %d x %,d | %,d | **%,.0f** | %,.0f | %.0fx | %,d | %.1f / %.1f | %.0f |%n", server, r.nodes(), r.cameras(),
                r.cameras() / 3, r.seconds(), r.nodes(), r.cameras(), r.beats(), r.beatsPerSecond(), r.needed(),
                r.beatsPerSecond() / r.needed(), r.commits(), r.commitP50(), r.commitP95(), r.compactMsP95());
        pgJson = String.format(Locale.ROOT, "{\"server\": \"%s\", \"nodes\": %d, \"cameras_per_node\": %d, \"seconds\": %.1f, "
                + "\"beats\": %d, \"beats_per_second\": %.1f, \"needed_beats_per_second\": %.1f, \"commits\": %d, "
                + "\"commit_ms_p50\": %.2f, \"commit_ms_p95\": %.2f, \"compact_ms_p95\": %.1f, \"compacted\": %d}", server,
                r.nodes(), r.cameras(), r.seconds(), r.beats(), r.beatsPerSecond(), r.needed(), r.commits(), r.commitP50(),
                r.commitP95(), r.compactMsP95(), r.compacted());
    }

    void simulator(double cpuSeconds, long rss) {
        simulator = String.format(Locale.ROOT, "Simulator JVM over the whole run: %.0f CPU seconds, RSS %d MB at the end.", cpuSeconds,
                rss >> 20);
        simulatorJson = String.format(Locale.ROOT, "{\"cpu_seconds\": %.1f, \"rss_mb\": %d}", cpuSeconds, rss >> 20);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# StreamPulse benchmark\n\n");
        sb.append("Run ").append(started).append(" on ").append(machine).append(".\n\n");
        for (String n : notes) sb.append(n).append("\n\n");
        if (!probeRows.isEmpty()) {
            sb.append("## Probe vs ffmpeg CLI (same stream, interleaved)\n\n");
            sb.append("`ffmpeg -rtsp_transport tcp -probesize 32 -analyzeduration 0 -threads 1 -i URL -frames:v 1 -f null -` "
                    + "(the binary shipped in org.bytedeco:ffmpeg) against StreamPulse's in-JVM probe. Latency is wall time to "
                    + "the first decoded frame (the CLI's includes its process start, as a script pays it); CPU is per probe.\n\n");
            sb.append("| stream | rounds | probe ms p50 / p95 | CLI ms p50 / p95 | latency ratio | probe CPU ms | CLI CPU ms | CPU ratio | failed (probe / CLI) |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|\n");
            probeRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!fleetRows.isEmpty()) {
            sb.append("\n## Fleet scale (15 s heartbeat)\n\n");
            sb.append("On time = beats that started within 1 s of their due time, over the beats due in the window. "
                    + "CPU is the StreamPulse JVM only, as a share of all cores. Disk = bytes this process wrote to storage "
                    + "(`/proc/self/io`) over the window, scaled to a day, plus one measured compaction times 144 (one every "
                    + "10 minutes). Camera: `realistic` is the simulator's default (20-60 ms per reply, a session starts at "
                    + "the next keyframe of a 2 s GOP, noisy corridor scene: a probe takes ~0.2-2.2 s), `instant` its fast preset "
                    + "(GOP cache, no reply delay, test card); CPU ms/probe is the StreamPulse JVM's CPU time over the window "
                    + "divided by its beats.\n\n");
            sb.append("| camera | cameras | window | beats / due | on time | skipped | beats/s | latency ms p50 / p95 | CPU | CPU ms/probe | RSS | threads | disk writes/day |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            fleetRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!analysisRows.isEmpty()) {
            sb.append("\n## Frame analysis per beat\n\n");
            sb.append("`FrameAnalysis.of` + `PictureTracker.observe` on real first frames of the realistic simulator, "
                    + "alternating two frames of one stream so the still-scene comparison of luma samples runs on every beat "
                    + "(the costly case; a moving picture is told apart by its thumbnail alone). The probe's own cost of "
                    + "taking the samples is inside its CPU per probe.\n\n");
            sb.append("| stream | frame | µs per beat (mean of " + ANALYSIS_LOOPS + ") | verdict input |\n|---|---|---|---|\n");
            analysisRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!soak.isEmpty()) sb.append("\n## Soak\n\n").append(soak);
        if (!badRows.isEmpty()) {
            sb.append("\n## Fleet with a bad part (15 s heartbeat, default timeouts and probe settings)\n\n");
            sb.append("Of the bad cameras half are blackholed, 30 % answer every RTSP step 1 s late (`/delayed`), 20 % send a frame "
                    + "every 5 s (`/slow`). On time = healthy beats ok and started within 1 s of due, over the healthy beats due in "
                    + "the window. RSS, threads and probes in flight are the peaks of one-second samples; sessions = the most the "
                    + "capacity rule asked for in the window / the ceiling (fast + slow lane threads then); readiness = seconds of "
                    + "the window the monitor check read DOWN (probing cannot keep up).\n\n");
            sb.append("| cameras | bad | healthy on time | on time | bad beats | skipped | HOST_WAIT | CPU | RSS | threads | in flight | "
                    + "sessions needed / ceiling (threads) | readiness | not on time while readiness UP |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            badRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!sessionRows.isEmpty()) {
            sb.append("\n## Open probe sessions\n\n");
            sb.append("N threads each probing the realistic camera back to back (half RTSP, half MJPEG, 640x360, evidence JPEG on): "
                    + "about N sessions open at any moment, most waiting for the next keyframe. Per session = (RSS - idle RSS) / N; "
                    + "run it with the service unit's JVM settings.\n\n");
            sb.append("| open sessions | RSS idle | RSS | per session | threads | probes/s | mean ms | failed |\n|---|---|---|---|---|---|---|---|\n");
            sessionRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!blockedRows.isEmpty()) {
            sb.append("\n## Probes blocked in FFmpeg\n\n");
            sb.append("N probes at once, each on its own thread, waiting on a camera that never answers (12 s timeout); RSS "
                    + "after GC before, and while they wait; CPU of the whole JVM over 10 s of waiting.\n\n");
            sb.append("| path | blocked probes | RSS before | RSS blocked | per probe | CPU per 10 s | threads |\n|---|---|---|---|---|---|---|\n");
            blockedRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!simulator.isEmpty()) sb.append("\n").append(simulator).append('\n');
        if (!dashboard.isEmpty()) sb.append("\n## Dashboard\n\n").append(dashboard);
        if (!pg.isEmpty() || !pgFleet.isEmpty()) sb.append("\n## Scale-out: PostgreSQL\n\n").append(pgFleet).append(pg);
        return sb.toString();
    }

    String json() {
        return "{\n  \"started\": \"" + started + "\",\n  \"machine\": " + machineJson + ",\n  \"probe_vs_cli\": [\n    "
                + String.join(",\n    ", probeJson) + "\n  ],\n  \"fleet\": [\n    " + String.join(",\n    ", fleetJson)
                + "\n  ],\n  \"analysis\": [\n    " + String.join(",\n    ", analysisJson)
                + "\n  ],\n  \"soak\": " + soakJson + ",\n  \"simulator\": " + simulatorJson + ",\n  \"dashboard\": " + dashboardJson
                + ",\n  \"blocked\": [" + String.join(", ", blockedJson) + "]"
                + ",\n  \"sessions\": [" + String.join(", ", sessionJson) + "]"
                + ",\n  \"bad_fleet\": [" + String.join(", ", badJson) + "]"
                + ",\n  \"pg_fleet\": " + pgFleetJson + ",\n  \"pg_ingest\": " + pgJson + "\n}\n";
    }

    private static String human(double bytes) {
        if (bytes >= 1e9) return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
