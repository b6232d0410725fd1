package dev.streampulse.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.sim.CameraSimulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A camera with a Tapo's session cap (2): the third concurrent session is refused (RTSP 453, MJPEG
 * 503) and StreamPulse reads BUSY, not TIMEOUT or DECODE; StreamPulse's own per-host cap (2) never
 * makes it refuse one of our probes.
 */
class SessionCapTest {
    static CameraSimulator sim;

    @BeforeAll
    static void start() {
        // a camera's reply latency (20-60 ms) but a GOP cache, so 120 probes take seconds. With 0 ms replies a
        // session opened the instant ours closed can reach the camera before our TEARDOWN is processed: a
        // real camera's own latency (and a real probe schedule) leaves it time.
        sim = CameraSimulator.builder().instant().replyDelay(Duration.ofMillis(20), Duration.ofMillis(60))
                .maxSessions(2).rtspPort(0).mjpegPort(0).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void thirdRtspSessionReadsBusy() throws Exception {
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        String url = sim.rtspUrl("cam31");
        assertTrue(probe.run(url, 5, 0).ok(), "one session is fine");
        try (Socket a = rtspSession("cam31"); Socket b = rtspSession("cam31")) {
            FrameProbe.Result r = probe.run(url, 5, 0);
            assertEquals(Reason.BUSY, r.reason(), r.detail());
            assertTrue(r.detail().contains("453"), r.detail());
            assertTrue(r.latencyMs() < 2_000, "refused at once, not a timeout: " + r.latencyMs() + " ms");
            assertTrue(probe.run(sim.rtspUrl("cam32"), 5, 0).ok(), "the cap is per camera");
        }
        awaitOk(probe, url); // the two sessions closed: their slots are free again
    }

    @Test
    void thirdMjpegStreamReadsBusy() throws Exception {
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        String url = sim.mjpegUrl("cam41");
        try (Socket a = mjpegStream("cam41"); Socket b = mjpegStream("cam41")) {
            FrameProbe.Result r = probe.run(url, 5, 0);
            assertEquals(Reason.BUSY, r.reason(), r.detail());
            assertTrue(r.detail().contains("503"), r.detail());
        }
        awaitOk(probe, url);
    }

    /**
     * Six threads probe one camera back to back. With StreamPulse's default per-host cap of 2 the
     * camera never refuses a session; without a cap it does (so the check can fail).
     */
    @Test
    void ourPerHostCapNeverMakesTheCameraRefuse() throws Exception {
        Map<Reason, Integer> capped = hammer(new FrameProbe(new CorrectedClock(List.of()), 2), "cam51", 60);
        assertEquals(Map.of(), capped, "failures with per_host_limit 2");
        Map<Reason, Integer> uncapped = hammer(new FrameProbe(new CorrectedClock(List.of()), 0), "cam52", 60);
        assertTrue(uncapped.getOrDefault(Reason.BUSY, 0) > 0, "without a cap the camera refuses: " + uncapped);
        assertEquals(java.util.Set.of(Reason.BUSY), uncapped.keySet(), "refusals read BUSY, nothing else");
    }

    private static Map<Reason, Integer> hammer(FrameProbe probe, String path, int probes) throws Exception {
        Map<Reason, Integer> failures = new ConcurrentHashMap<>();
        AtomicInteger left = new AtomicInteger(probes);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                fs.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        FrameProbe.Result r = probe.run(sim.rtspUrl(path), 10, 0);
                        if (!r.ok()) failures.merge(r.reason(), 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    private static void awaitOk(FrameProbe probe, String url) {
        await("slot freed").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> probe.run(url, 5, 0).ok());
    }

    /** An RTSP client that has described the stream (holding a session slot) and stays connected. */
    private static Socket rtspSession(String path) throws Exception {
        Socket s = new Socket("127.0.0.1", sim.rtspPort());
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        out.write(("DESCRIBE " + sim.rtspUrl(path) + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertTrue(readHead(s.getInputStream()).startsWith("RTSP/1.0 200"), "session slot taken");
        return s;
    }

    /** An MJPEG viewer that keeps its stream open. */
    private static Socket mjpegStream(String path) throws Exception {
        Socket s = new Socket("127.0.0.1", sim.mjpegPort());
        s.setSoTimeout(5_000);
        s.getOutputStream().write(("GET /" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 200"), "stream open");
        return s;
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            sb.append((char) c);
        }
        return sb.toString();
    }
}
