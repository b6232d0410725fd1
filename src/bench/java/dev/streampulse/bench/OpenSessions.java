package dev.streampulse.bench;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an open probe session costs: N threads each probing realistic cameras back to back (half RTSP,
 * half MJPEG, evidence JPEG on, as the monitor does), so about N sessions are open at any moment, most
 * of them waiting for the next keyframe. RSS over the idle process after a warm-up, per open session.
 */
final class OpenSessions {
    private OpenSessions() {}

    record Row(int sessions, long rssIdleMb, long rssAvgMb, long rssMaxMb, double kbPerSession, int threads, double probesPerSecond,
               long meanLatencyMs, long failed) {}

    static List<Row> run(SimProcess sim, int[] sizes) throws Exception {
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        probe.run(sim.rtspUrl("cam1"), 10, FrameProbe.EVIDENCE_WIDTH);
        System.gc();
        Thread.sleep(1000);
        long idle = ProcStats.rssBytes();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong(), latency = new AtomicLong(), failed = new AtomicLong();
        List<Thread> loops = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try {
            for (int n : sizes) {
                while (loops.size() < n) {
                    int id = loops.size();
                    Thread t = new Thread(() -> {
                        for (int k = 0; !stop.get(); k++) {
                            String path = "cam" + (id * 8 + k % 8);
                            FrameProbe.Result r = probe.run(id % 2 == 0 ? sim.rtspUrl(path) : sim.mjpegUrl(path), 10, FrameProbe.EVIDENCE_WIDTH);
                            done.incrementAndGet();
                            latency.addAndGet(r.latencyMs());
                            if (!r.ok()) failed.incrementAndGet();
                        }
                    }, "session-" + id);
                    t.setDaemon(true);
                    t.start();
                    loops.add(t);
                }
                Thread.sleep(8_000); // every loop past its first probe
                long d0 = done.get(), l0 = latency.get(), f0 = failed.get(), sum = 0, max = 0;
                int samples = 10, threads = 0;
                for (int i = 0; i < samples; i++) {
                    Thread.sleep(1000);
                    long rss = ProcStats.rssBytes();
                    sum += rss;
                    max = Math.max(max, rss);
                    threads = Math.max(threads, ProcStats.threads());
                }
                long probes = done.get() - d0;
                long avg = sum / samples;
                Row r = new Row(n, idle >> 20, avg >> 20, max >> 20, (avg - idle) / 1024.0 / n, threads, probes / (double) samples,
                        probes == 0 ? 0 : (latency.get() - l0) / probes, failed.get() - f0);
                System.out.printf(Locale.ROOT, "  %d open sessions: RSS %d -> %d MB (max %d), %.0f KB per session, %d threads, %.1f probes/s, "
                                + "mean %d ms, %d failed%n", n, r.rssIdleMb(), r.rssAvgMb(), r.rssMaxMb(), r.kbPerSession(), threads,
                        r.probesPerSecond(), r.meanLatencyMs(), r.failed());
                rows.add(r);
            }
        } finally {
            stop.set(true);
            for (Thread t : loops) t.join(15_000);
        }
        return rows;
    }
}
