package dev.streampulse.sim;

import static dev.streampulse.sim.HealthyCameraTest.concat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live, not replayed: sessions opened 1, 2, 15, 30 and 60 s after a first one see other pictures
 * (the clip loops every 37 s, a length none of these intervals is a multiple of), while frozen and
 * frozen-clock keep theirs. The waits run in parallel on a schedule; the test takes ~62 s.
 */
// runs beside the sequential tests (src/test/resources/junit-platform.properties): sessions up to a minute apart: it waits, and its instant camera costs little CPU
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("paced-tests") // one of them at a time beside the sequence
class LiveStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> RTSP_TCP = concat(FfmpegCli.FAST, "-rtsp_transport", "tcp");
    private static final long[] OFFSETS_S = {1, 2, 15, 30, 60};
    /** Keyframes of different seconds differ by >= 16 on average (bars, band hue, counter, ball); equal ones by < 1. */
    private static final double DIFFERENT = 8.0;
    private static final double SAME = 1.0;
    /** The clock band is mostly black; its text alone moves the band's mean by ~1-4. */
    private static final double CLOCK_TICKED = 0.3;

    @TempDir
    Path dir;

    @Test
    void newSessionsJoinLiveWhileFrozenCamerasStayFrozen() throws Exception {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start()) {
            ClipLibrary.video(ClipLibrary.Id.FROZEN_CLOCK).get();
            ClipLibrary.jpeg(ClipLibrary.Id.FROZEN_CLOCK).get();
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("rtsp cam1", sim.rtspUrl("cam1"));
            urls.put("mjpeg cam1", sim.mjpegUrl("cam1"));
            urls.put("rtsp frozen", sim.rtspUrl("frozen"));
            urls.put("mjpeg frozen", sim.mjpegUrl("frozen"));
            urls.put("rtsp frozen-clock", sim.rtspUrl("frozen-clock"));
            urls.put("mjpeg frozen-clock", sim.mjpegUrl("frozen-clock"));

            Map<String, BufferedImage> first = new LinkedHashMap<>();
            urls.forEach((k, u) -> first.put(k, grab(k, u).join()));
            // offsets count from the end of the first sessions, so a later PLAY is never < offset after the first
            long t0 = System.currentTimeMillis();

            List<CompletableFuture<String>> checks = new ArrayList<>();
            for (long off : OFFSETS_S) {
                for (String key : urls.keySet()) {
                    boolean frozenKind = key.contains("frozen");
                    if (frozenKind && off != 30 && off != 60) {
                        continue;
                    }
                    CompletableFuture<String> check = new CompletableFuture<>();
                    long delay = t0 + off * 1000 - System.currentTimeMillis();
                    timer.schedule(() -> grab(key, urls.get(key)).thenApply(img -> compare(key, off, first.get(key), img))
                            .whenComplete((msg, err) -> {
                                if (err != null) {
                                    check.completeExceptionally(err);
                                } else {
                                    check.complete(msg);
                                }
                            }), delay, TimeUnit.MILLISECONDS);
                    checks.add(check);
                }
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(100, TimeUnit.SECONDS);
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<String> c : checks) {
                String msg = c.join();
                System.out.println(msg);
                if (msg.startsWith("FAIL")) {
                    failures.add(msg);
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            timer.shutdownNow();
        }
    }

    private CompletableFuture<BufferedImage> grab(String key, String url) {
        return CompletableFuture.supplyAsync(() -> {
            FfmpegCli.Result r = FfmpegCli.grab(dir, TIMEOUT, key.startsWith("rtsp") ? RTSP_TCP : FfmpegCli.FAST, url);
            if (!r.gotFrame()) {
                throw new AssertionError(key + ": no frame: " + r);
            }
            return Pictures.read(r.output());
        });
    }

    private static String compare(String key, long off, BufferedImage a, BufferedImage b) {
        String what = key + " +" + off + "s: ";
        if (key.endsWith("frozen-clock")) {
            int band = Pictures.clockBandTop(a);
            double picture = Pictures.meanAbsDiff(a, b, 0, band);
            double clock = Pictures.meanAbsDiff(a, b, band, a.getHeight());
            boolean ok = picture < SAME && clock > CLOCK_TICKED;
            return (ok ? "ok   " : "FAIL ") + what + "picture diff " + fmt(picture) + " (want < " + SAME + "), clock band diff "
                    + fmt(clock) + " (want > " + CLOCK_TICKED + ")";
        }
        double diff = Pictures.meanAbsDiff(a, b);
        if (key.endsWith("frozen")) {
            return (diff < SAME ? "ok   " : "FAIL ") + what + "diff " + fmt(diff) + " (want < " + SAME + ")";
        }
        return (diff > DIFFERENT ? "ok   " : "FAIL ") + what + "diff " + fmt(diff) + " (want > " + DIFFERENT + ")";
    }

    private static String fmt(double d) {
        return String.format("%.2f", d);
    }
}
