package dev.streampulse.bench;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * What probes blocked in FFmpeg cost: N threads each waiting on a camera that never answers
 * (RTSP {@code /blackhole}: TCP open, OPTIONS sent, no reply; {@code /hang-after-headers}: the whole
 * handshake done, then no RTP), measured as RSS and CPU while they wait.
 */
final class BlockedProbes {
    private BlockedProbes() {}

    /** One row: how many blocked, RSS before and while blocked, CPU seconds spent while blocked. */
    record Row(String path, int probes, long rssBeforeMb, long rssBlockedMb, double kbPerProbe, double cpuSecondsPer10s, int threads) {}

    static List<Row> run(SimProcess sim, int[] sizes) throws Exception {
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        // warm FFmpeg and the JIT up once, so the first row does not pay for it
        probe.run(sim.rtspUrl("cam1"), 10, false);
        List<Row> rows = new ArrayList<>();
        for (String path : List.of("blackhole", "hang-after-headers")) {
            for (int n : sizes) {
                System.gc();
                Thread.sleep(500);
                long before = ProcStats.rssBytes();
                int timeout = 12;
                CountDownLatch done = new CountDownLatch(n);
                for (int i = 0; i < n; i++) {
                    String url = sim.rtspUrl(path + "/" + i);
                    Thread t = new Thread(() -> {
                        try {
                            probe.run(url, timeout, false);
                        } finally {
                            done.countDown();
                        }
                    }, "blocked-" + i);
                    t.setDaemon(true);
                    t.start();
                }
                Thread.sleep(4_000); // every session open and waiting
                double cpu0 = ProcStats.cpuSeconds();
                Thread.sleep(5_000);
                double cpu = (ProcStats.cpuSeconds() - cpu0) * 2;
                long blocked = ProcStats.rssBytes();
                int threads = ProcStats.threads();
                done.await();
                double perProbe = (blocked - before) / 1024.0 / n;
                Row r = new Row(path, n, before >> 20, blocked >> 20, perProbe, cpu, threads);
                System.out.printf(Locale.ROOT, "  %s x %d: RSS %d -> %d MB (%.0f KB per blocked probe), CPU %.2f s per 10 s, %d threads%n",
                        path, n, r.rssBeforeMb(), r.rssBlockedMb(), perProbe, cpu, threads);
                rows.add(r);
            }
        }
        return rows;
    }
}
