package dev.streampulse.probe;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real probes against the simulator's healthy and faulty cameras on 127.0.0.1. */
class FrameProbeTest {
    static CameraSimulator sim;
    static FrameProbe probe;
    static ExecutorService pool;

    @BeforeAll
    static void start() {
        sim = SharedCameras.get();
        probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static String url(String protocol, String path) {
        return protocol.equals("rtsp") ? sim.rtspUrl(path) : sim.mjpegUrl(path);
    }

    @ParameterizedTest
    @CsvSource({"rtsp, h264", "mjpeg, mjpeg"})
    void healthyCameraGivesAFrameWithItsProfile(String protocol, String codec) {
        FrameProbe.Result r = probe.run(url(protocol, "cam1"), 5, true);
        assertTrue(r.ok(), () -> r.reason() + " " + r.detail());
        assertEquals(codec, r.frame().codec());
        assertEquals(640, r.frame().width());
        assertEquals(360, r.frame().height());
        assertNull(r.reason());
        // a real decoded picture: the JPEG is sizeable and the thumbnail is not flat
        assertTrue(r.frame().jpeg().length > 5_000);
        byte[] thumb = r.frame().thumbGray();
        int min = 255, max = 0;
        for (byte b : thumb) {
            min = Math.min(min, b & 0xff);
            max = Math.max(max, b & 0xff);
        }
        assertTrue(max - min > 100, "test pattern has contrast, got " + min + ".." + max);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "rtsp, 401, AUTH",
        "mjpeg, 401, AUTH",
        "rtsp, 404, NOT_FOUND",
        "mjpeg, 404, NOT_FOUND",
        "rtsp, garbage, PROTOCOL",
        "mjpeg, garbage, PROTOCOL",
        "rtsp, bad-sdp, PROTOCOL",
        "rtsp, blackhole, TIMEOUT",
        "mjpeg, blackhole, TIMEOUT",
        "rtsp, hang-after-headers, TIMEOUT",
        "mjpeg, hang-after-headers, TIMEOUT",
        "rtsp, trickle, TIMEOUT",
        "mjpeg, endless-header, TIMEOUT"
    })
    void faultGivesItsReasonWithinTheTimeout(String protocol, String path, Reason expected) {
        int timeout = 2;
        long start = System.nanoTime();
        FrameProbe.Result r = probe.run(url(protocol, path), timeout, false);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertFalse(r.ok());
        assertEquals(expected, r.reason(), r.detail());
        assertNotNull(r.detail());
        assertTrue(wallMs < timeout * 1000L + 1000, "took " + wallMs + " ms, deadline is timeout + 1 s");
    }

    @Test
    void refusedPortReadsRefused() {
        FrameProbe.Result r = probe.run(sim.refusedUrl(), 2, false);
        assertEquals(Reason.REFUSED, r.reason(), r.detail());
    }

    @Test
    void credentialsOpenADigestCameraAndWrongOnesReadAuth() {
        assertTrue(probe.run(sim.rtspUrl("digest/cam1", sim.username(), sim.password()), 5, false).ok());
        FrameProbe.Result wrong = probe.run(sim.rtspUrl("digest/cam1", sim.username(), "wrong-pw-123"), 5, false);
        assertEquals(Reason.AUTH, wrong.reason());
        assertFalse(wrong.detail().contains("wrong-pw-123"), wrong.detail());
    }

    @Test
    void localFilesAndPseudoProtocolsNeverReachFfmpeg() {
        for (String url : List.of("file:///etc/passwd", "concat:/etc/passwd|/etc/hosts", "subfile:,,start,0,end,0,:/etc/passwd",
                "data:image/jpeg;base64,AAAA", "pipe:0", "lavfi:testsrc", "-")) {
            FrameProbe.Result r = probe.run(url, 2, false);
            assertFalse(r.ok(), url);
            assertEquals(Reason.PROTOCOL, r.reason(), url);
            assertTrue(r.detail().startsWith("refused before FFmpeg"), r.detail());
        }
        // and a redirect or nested URL cannot smuggle one in: FFmpeg's whitelist allows network protocols only
        assertFalse(FfmpegGrab.PROTOCOL_WHITELIST.contains("file"));
    }

    @Test
    void probesRunInParallel() throws Exception {
        // /delayed answers after 1 s: four probes one after another would take 4 s
        long start = System.nanoTime();
        List<Future<FrameProbe.Result>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) results.add(pool.submit(() -> probe.run(sim.mjpegUrl("delayed"), 5, false)));
        for (Future<FrameProbe.Result> f : results) {
            FrameProbe.Result r = f.get();
            assertTrue(r.ok(), r.detail());
            assertTrue(r.latencyMs() >= 900, "the camera answers after 1 s, latency " + r.latencyMs());
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(wallMs < 2_500, "4 parallel probes of a 1-s camera took " + wallMs + " ms");
    }

    @Test
    void aBlackholedCameraDoesNotStallOtherProbes() throws Exception {
        Future<FrameProbe.Result> stuck = pool.submit(() -> probe.run(sim.rtspUrl("blackhole"), 3, false));
        Thread.yield();
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) assertTrue(probe.run(sim.rtspUrl("cam" + (10 + i)), 3, false).ok());
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(wallMs < 1_500, "5 healthy probes took " + wallMs + " ms beside a blackholed one");
        assertEquals(Reason.TIMEOUT, stuck.get().reason());
    }

    @Test
    void perHostLimitCapsSessionsToOneCamera() throws Exception {
        FrameProbe limited = new FrameProbe(new CorrectedClock(List.of()), 1);
        long start = System.nanoTime();
        List<Future<FrameProbe.Result>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) results.add(pool.submit(() -> limited.run(sim.mjpegUrl("delayed"), 5, false)));
        for (Future<FrameProbe.Result> f : results) assertTrue(f.get().ok());
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(wallMs >= 2_900, "one session at a time to 127.0.0.1 means ~3 s, took " + wallMs + " ms");
    }
}
