package dev.streampulse.bench;

import dev.streampulse.cluster.NodeCoordinator;
import dev.streampulse.config.NodeSettings;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.store.Database;
import dev.streampulse.store.HeartbeatStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Beats/s that {@code nodes} monitor nodes, {@code cameras} cameras each, write into one PostgreSQL.
 * Each node is what a monitor process has: its own store (writer + reader connections) and its
 * coordinator beating and renewing leases every second; it commits batches of the size a 15 s
 * heartbeat gives in 5 s (cameras / 3) back to back, so the number is the ceiling, to compare with the
 * {@code nodes * cameras / 15} beats/s a real fleet asks for. One node compacts meanwhile, as the
 * singleton job does. Beats are synthetic: the probe's own cost is measured in the fleet rows.
 */
final class PgIngest {
    record Result(int nodes, int cameras, double seconds, long beats, long commits, double beatsPerSecond, double needed,
                  double commitP50, double commitP95, double compactMsP95, long compacted, long rowsAtEnd) {}

    private PgIngest() {}

    static Result run(String url, String user, String password, int nodes, int cameras, int seconds) throws Exception {
        List<Database> stores = new ArrayList<>();
        List<NodeCoordinator> coordinators = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(nodes + 2);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int n = 0; n < nodes; n++) {
                Database s = Database.open(url, user, password);
                s.setNodeId("bench-" + n);
                stores.add(s);
                coordinators.add(new NodeCoordinator(s.nodes(), new NodeSettings("bench-" + n, null, n, nodes, 1, 4, true), true,
                        "127.0.0.1", System::currentTimeMillis));
            }
            int batch = Math.max(1, cameras / 3);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long started = System.nanoTime();
            List<Future<List<Double>>> writers = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                HeartbeatStore s = stores.get(n).heartbeats();
                String prefix = "bench" + n + "-cam";
                writers.add(pool.submit(() -> {
                    List<Double> commitMs = new ArrayList<>();
                    long ts = System.currentTimeMillis();
                    int cam = 0;
                    while (System.nanoTime() < end) {
                        List<Heartbeat> beats = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            beats.add(new Heartbeat(prefix + cam, ts, 3, true, 40 + cam % 50, null, null, "h264", 1920, 1080,
                                    15, "ntp", (long) cam * 0x9E3779B97F4A7C15L, 96.5));
                            if (++cam == cameras) {
                                cam = 0;
                                ts += 15_000; // the next round of this node's cameras, one heartbeat later
                            }
                        }
                        long t0 = System.nanoTime();
                        s.insert(beats);
                        commitMs.add((System.nanoTime() - t0) / 1e6);
                    }
                    return commitMs;
                }));
            }
            Future<?> ticks = pool.submit(() -> {
                while (!stop.get()) {
                    coordinators.forEach(NodeCoordinator::tick);
                    sleep(1_000);
                }
            });
            List<Double> compactMs = new ArrayList<>();
            long[] compacted = {0};
            Future<?> compactor = pool.submit(() -> {
                while (!stop.get()) {
                    sleep(5_000);
                    long t0 = System.nanoTime();
                    compacted[0] += stores.get(0).heartbeats().compact();
                    compactMs.add((System.nanoTime() - t0) / 1e6);
                }
            });
            List<Double> commits = new ArrayList<>();
            for (Future<List<Double>> f : writers) commits.addAll(f.get());
            double elapsed = (System.nanoTime() - started) / 1e9;
            stop.set(true);
            ticks.get();
            compactor.get();
            long beats = (long) commits.size() * batch;
            long rows = stores.get(0).heartbeats().count();
            return new Result(nodes, cameras, elapsed, beats, commits.size(), beats / elapsed, nodes * cameras / 15.0,
                    Stats.percentile(commits, 50), Stats.percentile(commits, 95),
                    compactMs.isEmpty() ? 0 : Stats.percentile(compactMs, 95), compacted[0], rows);
        } finally {
            stop.set(true);
            pool.shutdownNow();
            coordinators.forEach(NodeCoordinator::stop);
            stores.forEach(Database::close);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
