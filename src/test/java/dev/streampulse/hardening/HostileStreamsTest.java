package dev.streampulse.hardening;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.Reason;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Streams that attack the client: every probe ends by its deadline with a reason and leaks nothing. */
class HostileStreamsTest {
    static final FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);

    private static String url(String protocol, String path) {
        CameraSimulator sim = SharedCameras.get();
        return protocol.equals("rtsp") ? sim.rtspUrl(path) : sim.mjpegUrl(path);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "rtsp, garbage, PROTOCOL",
        "mjpeg, garbage, PROTOCOL",
        "rtsp, endless-header, TIMEOUT",
        "mjpeg, endless-header, TIMEOUT",
        "rtsp, trickle, TIMEOUT",
        "mjpeg, trickle, TIMEOUT",
        "mjpeg, huge-length, TIMEOUT",
        "rtsp, truncated-nal, DECODE",
        "rtsp, ends, NO_FRAME",
        "rtsp, bad-sdp, PROTOCOL",
        "mjpeg, bad-sdp, PROTOCOL"
    })
    void eachHostileStreamEndsByItsDeadlineWithAReason(String protocol, String path, Reason expected) {
        long start = System.nanoTime();
        FrameProbe.Result r = probe.run(url(protocol, path), 2, false);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertFalse(r.ok());
        assertEquals(expected, r.reason(), r.detail());
        assertTrue(ms < 3_000, path + " took " + ms + " ms against a 2 s timeout");
    }

    @Test
    void noThreadStaysBlockedAndNativeMemoryDoesNotGrow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> urls = List.of(url("rtsp", "garbage"), url("mjpeg", "garbage"), url("rtsp", "bad-sdp"),
                url("mjpeg", "bad-sdp"), url("rtsp", "404"), url("mjpeg", "401"), url("rtsp", "ends"),
                url("rtsp", "truncated-nal"), SharedCameras.get().refusedUrl());
        run(pool, urls, 2_000); // warm-up: JIT, FFmpeg's lazily allocated tables, pool threads
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long rss = rssBytes();
        run(pool, urls, 10_000);
        long grown = rssBytes() - rss;
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "a probe thread is still blocked");
        assertTrue(threadsAfter <= threads + 2, "threads " + threads + " -> " + threadsAfter);
        assertTrue(grown < 40L << 20, "RSS grew by " + (grown >> 20) + " MB over 10,000 hostile probes");
    }

    private static void run(ExecutorService pool, List<String> urls, int n) throws Exception {
        List<Future<FrameProbe.Result>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String u = urls.get(i % urls.size());
            results.add(pool.submit(() -> probe.run(u, 2, false)));
        }
        for (Future<FrameProbe.Result> f : results) {
            FrameProbe.Result r = f.get(30, TimeUnit.SECONDS);
            assertFalse(r.ok());
            assertNotNull(r.reason());
        }
    }

    private static long rssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
        throw new IllegalStateException("no VmRSS");
    }
}
