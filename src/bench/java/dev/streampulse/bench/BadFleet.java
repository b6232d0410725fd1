package dev.streampulse.bench;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.ProbeCapacity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet with a bad part, as a new user meets it: N cameras at a 15 s heartbeat, default timeouts and
 * probe settings, a share of them bad — half of the bad ones blackholed, 30 % answering every step 1 s
 * late ({@code /delayed}), 20 % sending a frame every 5 s ({@code /slow}). Counts the healthy cameras'
 * beats that are ok and started within 1 s of due, and what the probe lanes did.
 */
final class BadFleet {
    private BadFleet() {}

    record Result(int cameras, int bad, int seconds, long healthyDue, long healthyOnTime, Map<String, Integer> badReasons,
                  long skipped, long hostWaits, double cpuPercent, long rssPeak, int threadsPeak, int inFlightPeak,
                  double needed, int fastThreads, int slowThreads, int ceiling, int downSamples, int samples,
                  long healthyNotOnTime, long silentlyLate) {}

    /** A healthy beat that was late or failed counts as announced when readiness read DOWN within this long of its start. */
    static final long ANNOUNCED_WITHIN_MS = 5_000;

    static Result run(SimProcess sim, int n, int badPercent, int seconds) throws Exception {
        int heartbeat = 15;
        int bad = n * badPercent / 100;
        int dead = bad / 2, delayed = bad * 3 / 10, slow = bad - dead - delayed;
        Path dir = Files.createTempDirectory("streampulse-badfleet-");
        // every simulated camera shares 127.0.0.1 and one port: per_host_limit would make them one camera
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: " + heartbeat + "\nprobe: {per_host_limit: 0}\nstreams:\n");
        for (int i = 1; i <= n - bad; i++) {
            String url = i % 2 == 1 ? sim.rtspUrl("cam" + i) : sim.mjpegUrl("cam" + i);
            yaml.append("  - {name: ok-").append(i).append(", url: '").append(url).append("'}\n");
        }
        for (int i = 1; i <= dead; i++) yaml.append("  - {name: dead-").append(i).append(", url: '").append(sim.rtspUrl("blackhole/" + i)).append("'}\n");
        for (int i = 1; i <= delayed; i++) yaml.append("  - {name: delayed-").append(i).append(", url: '").append(sim.rtspUrl("delayed/" + i)).append("'}\n");
        for (int i = 1; i <= slow; i++) yaml.append("  - {name: slow-").append(i).append(", url: '").append(sim.rtspUrl("slow/" + i)).append("'}\n");
        Files.writeString(dir.resolve("config.yaml"), yaml);
        System.out.printf("bad fleet: %d cameras, %d bad (%d blackholed, %d delayed, %d slow): warming up, then measuring %d s%n",
                n, bad, dead, delayed, slow, seconds);
        try (StreamPulseApp app = StreamPulseApp.start(Mode.MONITOR, dir.resolve("config.yaml"),
                Map.of("camel.server.enabled", "false", "camel.management.enabled", "false",
                        "streampulse.retention.delayMillis", Bench.NO_RETENTION_MS))) {
            Thread.sleep(3 * heartbeat * 1000L + 2000);
            long from = System.currentTimeMillis();
            double cpu0 = ProcStats.cpuSeconds();
            long skipped0 = app.scheduler().skipped();
            long hostWaits0 = app.scheduler().hostWaits();
            long rssPeak = 0;
            int threadsPeak = 0, inFlightPeak = 0, down = 0, samples = 0;
            ProbeCapacity.Plan plan = app.capacity().plan();
            double neededPeak = 0;
            long healthySlowPeak = 0;
            java.util.List<Long> downTimes = new java.util.ArrayList<>();
            while (System.currentTimeMillis() < from + seconds * 1000L) {
                Thread.sleep(1000);
                rssPeak = Math.max(rssPeak, ProcStats.rssBytes());
                threadsPeak = Math.max(threadsPeak, ProcStats.threads());
                inFlightPeak = Math.max(inFlightPeak, app.capacity().inFlight());
                ProbeCapacity.Plan p = app.capacity().plan();
                if (p.needed() >= neededPeak) {
                    neededPeak = p.needed();
                    plan = p;
                }
                samples++;
                if (app.capacity().problem() != null) {
                    down++;
                    downTimes.add(System.currentTimeMillis());
                }
                // healthy cameras whose probes averaged 3 s or more under the load probe in the slow lane
                long healthySlow = app.scheduler().demand().loads().stream().filter(l -> l.slow() && l.stream().startsWith("ok-")).count();
                healthySlowPeak = Math.max(healthySlowPeak, healthySlow);
            }
            long to = System.currentTimeMillis();
            double cpu = ProcStats.cpuSeconds() - cpu0;
            long skipped = app.scheduler().skipped() - skipped0;
            long hostWaits = app.scheduler().hostWaits() - hostWaits0;
            Thread.sleep(6000); // the last batch commits
            long due = 0, onTime = 0, healthyLate = 0, notOnTime = 0, silent = 0;
            Map<String, Integer> badReasons = new TreeMap<>();
            Map<String, Integer> badLate = new TreeMap<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("streams.db"));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT s.name, b.late_ms, b.ok, b.reason, b.ts FROM (SELECT stream_id, ts, late_ms, ok, reason "
                         + "FROM heartbeat_inbox UNION ALL SELECT stream_id, ts, late_ms, ok, reason FROM heartbeat) b JOIN stream s "
                         + "ON s.id = b.stream_id WHERE b.ts - b.late_ms >= " + from + " AND b.ts - b.late_ms < " + to)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.startsWith("ok-")) {
                        due++;
                        if (rs.getInt(3) == 1 && rs.getLong(2) < 1000) onTime++;
                        else {
                            if (rs.getInt(3) == 1) healthyLate++;
                            else badReasons.merge("healthy " + rs.getString(4), 1, Integer::sum);
                            // never silently late: readiness must have said so around the beat's start
                            long start = rs.getLong(5);
                            notOnTime++;
                            if (downTimes.stream().noneMatch(t -> t >= start && t <= start + ANNOUNCED_WITHIN_MS)) silent++;
                        }
                    } else {
                        String kind = name.substring(0, name.indexOf('-'));
                        badReasons.merge(kind + " " + (rs.getInt(3) == 1 ? "ok" : rs.getString(4)), 1, Integer::sum);
                        if (rs.getLong(2) >= 1000) badLate.merge(kind, 1, Integer::sum);
                    }
                }
            }
            // healthy beats due in the window, whether or not they were taken (a skipped beat is a late beat)
            long expected = Math.max(due, Math.round((double) (n - bad) * (to - from) / (heartbeat * 1000.0)));
            double secs = (to - from) / 1000.0;
            Result r = new Result(n, bad, seconds, expected, onTime, badReasons, skipped, hostWaits,
                    100.0 * cpu / secs / Runtime.getRuntime().availableProcessors(), rssPeak, threadsPeak, inFlightPeak,
                    plan.needed(), plan.fast(), plan.slow(), plan.ceiling(), down, samples, expected - onTime, silent + (expected - due));
            System.out.printf("  healthy on time %d / %d (%.2f %%), bad %s, RSS peak %d MB, threads peak %d, in flight peak %d, "
                            + "needed %.1f of %d, readiness DOWN %d of %d s, healthy streams in the slow lane (peak) %d%n", onTime, expected,
                    100.0 * onTime / expected, badReasons, rssPeak >> 20, threadsPeak, inFlightPeak, plan.needed(), plan.ceiling(), down, samples,
                    healthySlowPeak);
            System.out.printf("  bad cameras' beats started 1 s or more late, by kind: %s; slow lane from %d ms%n", badLate,
                    app.scheduler().slowLaneMs());
            System.out.printf("  healthy beats ok but started 1 s or more late: %d; not on time (late, failed or missing) %d, of them while "
                    + "readiness read UP (silently late, missing beats included): %d%n", healthyLate, expected - onTime, silent + (expected - due));
            return r;
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
            System.gc();
        }
    }
}
