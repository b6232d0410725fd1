package dev.streampulse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The real thing at scale-out: {@code nodes} monitor processes (the jar, each its own JVM with the
 * Pi settings), one site of {@code cameras} simulated cameras each, at a 15 s heartbeat, all writing
 * into one PostgreSQL. Counts from the database what landed in a window after a warm-up.
 */
final class PgFleet {
    record Result(int nodes, int cameras, int seconds, long beats, double expected, long onTime, long ok, int nodesSeen,
                  double cpuPerNode, long rssPerNodeMb) {}

    private PgFleet() {}

    static Result run(SimProcess sim, String url, String user, String password, int nodes, int cameras, int seconds)
            throws Exception {
        Path dir = Files.createTempDirectory("streampulse-pgfleet");
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 15\nprobe: {per_host_limit: 0}\n"
                + "evidence_files: 0\nnode: {heartbeat_seconds: 5, timeout_seconds: 30}\nstreams:\n");
        for (int n = 0; n < nodes; n++) {
            for (int i = 0; i < cameras; i++) {
                int k = n * cameras + i;
                String camUrl = k % 2 == 0 ? sim.rtspUrl("cam" + (k + 1)) : sim.mjpegUrl("cam" + (k + 1));
                yaml.append("  - {name: site").append(n).append("-cam").append(i).append(", url: '").append(camUrl)
                        .append("', labels: {site: site").append(n).append("}}\n");
            }
        }
        List<Process> monitors = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                Path nodeDir = Files.createDirectories(dir.resolve("node" + n));
                Files.writeString(nodeDir.resolve("config.yaml"), yaml);
                ProcessBuilder pb = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                        "-Dstreampulse.retention.delayMillis=" + Bench.NO_RETENTION_MS, "-cp",
                        System.getProperty("java.class.path"), "dev.streampulse.StreamPulse", "monitor", "--config",
                        nodeDir.resolve("config.yaml").toString(), "--host", "127.0.0.1", "--port",
                        Integer.toString(Bench.freePort())));
                pb.environment().put("STREAMPULSE_DB_URL", url);
                if (user != null) pb.environment().put("STREAMPULSE_DB_USER", user);
                if (password != null) pb.environment().put("STREAMPULSE_DB_PASSWORD", password);
                pb.environment().put("STREAMPULSE_NODE_ID", "bench-node-" + n);
                pb.environment().put("STREAMPULSE_NODE_SITE", "site" + n);
                pb.environment().put("MALLOC_ARENA_MAX", "2");
                monitors.add(pb.redirectErrorStream(true).redirectOutput(nodeDir.resolve("monitor.log").toFile()).start());
            }
            Thread.sleep(45_000); // start-up, the first lease round and one full heartbeat of every camera
            double[] cpu0 = monitors.stream().mapToDouble(p -> ProcStats.cpuSeconds(p.pid())).toArray();
            long from = System.currentTimeMillis();
            Thread.sleep(seconds * 1000L);
            long to = System.currentTimeMillis();
            double cpu = 0;
            long rss = 0;
            for (int n = 0; n < nodes; n++) {
                cpu += ProcStats.cpuSeconds(monitors.get(n).pid()) - cpu0[n];
                rss += ProcStats.rssBytes(monitors.get(n).pid());
            }
            Thread.sleep(7_000); // the last batch of the window is committed (5 s batches)
            try (Connection c = DriverManager.getConnection(url, user, password);
                 PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE late_ms <= 1000), "
                         + "count(*) FILTER (WHERE ok = 1), count(DISTINCT node) FROM (SELECT ts, late_ms, ok, node FROM "
                         + "heartbeat_inbox UNION ALL SELECT ts, late_ms, ok, node FROM heartbeat) AS b WHERE ts >= ? AND ts < ?")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    double window = (to - from) / 1000.0;
                    return new Result(nodes, cameras, seconds, rs.getLong(1), nodes * cameras * window / 15.0, rs.getLong(2),
                            rs.getLong(3), rs.getInt(4), cpu / window / nodes, (rss / nodes) >> 20);
                }
            }
        } finally {
            for (Process p : monitors) p.destroy();
            for (Process p : monitors) {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
