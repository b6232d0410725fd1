package dev.streampulse.sim;

import static dev.streampulse.sim.HealthyCameraTest.concat;
import static dev.streampulse.sim.HealthyCameraTest.connect;
import static dev.streampulse.sim.HealthyCameraTest.readUntil;
import static dev.streampulse.sim.HealthyCameraTest.rtsp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per fault path: what FFmpeg (or a raw socket) sees, on RTSP and MJPEG. */
class FaultModesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> RTSP_TCP = concat(FfmpegCli.FAST, "-rtsp_transport", "tcp");
    /** RTSP socket I/O timeout of 2 s (microseconds). */
    private static final List<String> RTSP_2S = concat(RTSP_TCP, "-timeout", "2000000");
    private static final List<String> HTTP_2S = concat(FfmpegCli.FAST, "-rw_timeout", "2000000");
    private static final long SLOW_MS = 1500;

    private static CameraSimulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0)
                .slowInterval(Duration.ofMillis(SLOW_MS)).openDelay(Duration.ofMillis(1000)).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Runs an RTSP and an HTTP client at once: the fault tests mostly wait on timeouts. */
    private FfmpegCli.Result[] both(List<String> rtspOpts, String rtspUrl, List<String> httpOpts, String httpUrl) {
        CompletableFuture<FfmpegCli.Result> a = CompletableFuture.supplyAsync(() -> FfmpegCli.grab(dir, TIMEOUT, rtspOpts, rtspUrl));
        CompletableFuture<FfmpegCli.Result> b = CompletableFuture.supplyAsync(() -> FfmpegCli.grab(dir, TIMEOUT, httpOpts, httpUrl));
        return new FfmpegCli.Result[] {a.join(), b.join()};
    }

    private static void assertNoFrame(FfmpegCli.Result r, String expectedError) {
        assertFalse(r.gotFrame(), r::toString);
        assertFalse(r.timedOut(), r::toString);
        if (expectedError != null) {
            assertTrue(r.stderr().contains(expectedError), () -> "wanted '" + expectedError + "' in " + r);
        }
    }

    @Test
    void refusedPortRefusesConnections() {
        FfmpegCli.Result[] r = both(RTSP_TCP, sim.refusedUrl(), FfmpegCli.FAST, sim.refusedHttpUrl());
        assertNoFrame(r[0], "Connection refused");
        assertNoFrame(r[1], "Connection refused");
        assertTrue(sim.refusedUrl().matches("rtsp://127\\.0\\.0\\.1:\\d+/refused"), sim.refusedUrl());
    }

    @Test
    void blackholeAcceptsButNeverAnswers() throws IOException {
        FfmpegCli.Result[] r = both(RTSP_2S, sim.rtspUrl("blackhole"), HTTP_2S, sim.mjpegUrl("blackhole/2"));
        for (FfmpegCli.Result x : r) {
            assertNoFrame(x, null);
            assertTrue(x.elapsedMs() >= 1500 && x.elapsedMs() < 10_000, x::toString);
        }
        for (int port : new int[] {sim.rtspPort(), sim.blackholePort()}) {
            try (Socket s = connect(port)) {
                s.setSoTimeout(700);
                s.getOutputStream().write(("OPTIONS " + sim.rtspUrl("blackhole") + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            }
        }
        FfmpegCli.Result port = FfmpegCli.grab(dir, TIMEOUT, RTSP_2S, sim.blackholeUrl());
        assertNoFrame(port, null);
        assertTrue(port.elapsedMs() >= 1500, port::toString);
    }

    @Test
    void path401AlwaysChallengesWithDigest() throws IOException {
        FfmpegCli.Result[] r = both(RTSP_TCP, sim.rtspUrl("401", "admin", "secret"), FfmpegCli.FAST, sim.mjpegUrl("401/x", "admin", "secret"));
        assertNoFrame(r[0], "401 Unauthorized");
        assertNoFrame(r[1], "401 Unauthorized");
        try (Socket s = connect(sim.rtspPort())) {
            String reply = rtsp(s, "DESCRIBE " + sim.rtspUrl("401") + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertTrue(reply.startsWith("RTSP/1.0 401") && reply.contains("WWW-Authenticate: Digest realm="), reply);
        }
    }

    @Test
    void path404AndUnknownPathsAreNotFound() {
        FfmpegCli.Result[] r = both(RTSP_TCP, sim.rtspUrl("404"), FfmpegCli.FAST, sim.mjpegUrl("404"));
        assertNoFrame(r[0], "404 Not Found");
        assertNoFrame(r[1], "404 Not Found");
        FfmpegCli.Result[] unknown = both(RTSP_TCP, sim.rtspUrl("no-such-camera"), FfmpegCli.FAST, sim.mjpegUrl("cam1x"));
        assertNoFrame(unknown[0], "404 Not Found");
        assertNoFrame(unknown[1], "404 Not Found");
    }

    @Test
    void hangAfterHeadersNeverDeliversAFrame() throws IOException {
        FfmpegCli.Result[] r = both(RTSP_2S, sim.rtspUrl("hang-after-headers"), HTTP_2S, sim.mjpegUrl("hang-after-headers"));
        assertNoFrame(r[0], null);
        assertNoFrame(r[1], null);
        try (Socket s = connect(sim.mjpegPort())) {
            s.getOutputStream().write("GET /hang-after-headers HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(s.getInputStream(), "\r\n\r\n", 4096);
            assertTrue(head.startsWith("HTTP/1.1 200 OK") && head.contains("multipart/x-mixed-replace"), head);
            s.setSoTimeout(1000);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
        }
    }

    @Test
    void slowSendsOneFramePerInterval() throws IOException {
        FfmpegCli.Result[] r = both(RTSP_TCP, sim.rtspUrl("slow"), FfmpegCli.FAST, sim.mjpegUrl("slow"));
        for (FfmpegCli.Result x : r) {
            assertTrue(x.gotFrame(), x::toString);
            assertTrue(x.elapsedMs() >= SLOW_MS - 200, x::toString);
        }
        // over ~2.5 intervals an MJPEG client gets 2 pictures, where a live camera sends ~37
        try (Socket s = connect(sim.mjpegPort())) {
            s.getOutputStream().write("GET /slow/1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String seen = readFor(s, SLOW_MS * 5 / 2);
            assertEquals(2, count(seen, "--BoundaryString"), "parts in " + SLOW_MS * 5 / 2 + " ms");
        }
    }

    @Test
    void endsClosesTheConnection() throws IOException {
        FfmpegCli.Result rtsp = FfmpegCli.grab(dir, TIMEOUT, RTSP_TCP, sim.rtspUrl("ends"));
        assertNoFrame(rtsp, null);
        assertTrue(rtsp.elapsedMs() < 8000, rtsp::toString);
        try (Socket s = connect(sim.mjpegPort())) {
            s.getOutputStream().write("GET /ends HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1); // returns at EOF
            assertEquals(3, count(all, "--BoundaryString"));
            assertFalse(all.endsWith("0\r\n\r\n"), "closed mid-stream, without the last chunk");
        }
    }

    @Test
    void garbageIsNotAProtocolReply() throws IOException {
        FfmpegCli.Result[] r = both(RTSP_TCP, sim.rtspUrl("garbage"), FfmpegCli.FAST, sim.mjpegUrl("garbage"));
        assertNoFrame(r[0], null);
        assertNoFrame(r[1], null);
        try (Socket s = connect(sim.rtspPort())) {
            s.getOutputStream().write(("OPTIONS " + sim.rtspUrl("garbage") + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] got = s.getInputStream().readNBytes(8);
            assertEquals(8, got.length);
            assertFalse(new String(got, StandardCharsets.ISO_8859_1).startsWith("RTSP/"));
        }
    }

    @Test
    void badSdpIsUnusable() throws IOException {
        FfmpegCli.Result[] r = both(RTSP_TCP, sim.rtspUrl("bad-sdp"), FfmpegCli.FAST, sim.mjpegUrl("bad-sdp"));
        assertNoFrame(r[0], null);
        assertNoFrame(r[1], null);
        try (Socket s = connect(sim.rtspPort())) {
            String reply = rtsp(s, "DESCRIBE " + sim.rtspUrl("bad-sdp") + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertTrue(reply.startsWith("RTSP/1.0 200 OK") && reply.contains("application/sdp"), reply);
            assertFalse(reply.contains("m=video"), reply);
        }
    }

    @Test
    void frozenRepeatsTheSamePicture() throws Exception {
        FfmpegCli.Result[] first = both(RTSP_TCP, sim.rtspUrl("frozen/7"), FfmpegCli.FAST, sim.mjpegUrl("frozen/8"));
        long at = System.currentTimeMillis();
        awaitMillisSince(at, 1200);
        FfmpegCli.Result[] second = both(RTSP_TCP, sim.rtspUrl("frozen"), FfmpegCli.FAST, sim.mjpegUrl("frozen"));
        for (int i = 0; i < 2; i++) {
            BufferedImage a = picture(first[i]);
            BufferedImage b = picture(second[i]);
            assertTrue(Pictures.meanLuma(a) > 60, "frozen still shows a picture");
            double diff = Pictures.meanAbsDiff(a, b);
            assertTrue(diff < 1.0, "frozen frames differ by " + diff);
        }
    }

    @Test
    void blackIsBlack() {
        for (FfmpegCli.Result r : both(RTSP_TCP, sim.rtspUrl("black"), FfmpegCli.FAST, sim.mjpegUrl("black"))) {
            double luma = Pictures.meanLuma(picture(r));
            assertTrue(luma < 8, "black luma " + luma);
        }
    }

    @Test
    void uniformIsOneFlatColour() {
        for (FfmpegCli.Result r : both(RTSP_TCP, sim.rtspUrl("uniform"), FfmpegCli.FAST, sim.mjpegUrl("uniform"))) {
            BufferedImage img = picture(r);
            double luma = Pictures.meanLuma(img);
            double spread = Pictures.colourStdDev(img);
            assertTrue(luma > 40, "uniform is not black: " + luma);
            // across R, G and B of grey-blue the spread is the colour's own (~22); within each channel it is flat
            int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
            for (int y = 0; y < img.getHeight(); y += 17) {
                for (int x = 0; x < img.getWidth(); x += 13) {
                    assertTrue(Math.abs(Pictures.luma(img.getRGB(x, y)) - Pictures.luma(rgb)) < 6, "flat at " + x + "," + y);
                }
            }
            assertTrue(spread < 30, "spread " + spread);
        }
    }

    @Test
    void delayedAnswersLateThenWorks() throws IOException {
        FfmpegCli.Result[] r = both(RTSP_TCP, sim.rtspUrl("delayed"), FfmpegCli.FAST, sim.mjpegUrl("delayed"));
        assertTrue(r[0].gotFrame(), r[0]::toString);
        assertTrue(r[1].gotFrame(), r[1]::toString);
        // RTSP: OPTIONS, DESCRIBE, SETUP and PLAY each wait 1 s; MJPEG: the response headers do
        assertTrue(r[0].elapsedMs() >= 4000, r[0]::toString);
        assertTrue(r[1].elapsedMs() >= 1000, r[1]::toString);
        try (Socket s = connect(sim.rtspPort())) {
            long t0 = System.nanoTime();
            String reply = rtsp(s, "OPTIONS " + sim.rtspUrl("delayed") + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(reply.startsWith("RTSP/1.0 200 OK") && ms >= 950, ms + " ms: " + reply);
        }
    }

    @Test
    void truncatedNalsMakeDecodersComplain() {
        FfmpegCli.Result r = FfmpegCli.run(dir, TIMEOUT, concat(RTSP_TCP, "-i", sim.rtspUrl("truncated-nal"),
                "-frames:v", "5", "-f", "null", "-"), dir.resolve("none"));
        assertTrue(r.stderr().contains("error while decoding") || r.stderr().contains("concealing")
                || r.stderr().contains("Invalid NAL"), r::toString);
    }

    @Test
    void trickleSendsOneBytePerSecond() throws IOException {
        try (Socket s = connect(sim.rtspPort())) {
            s.getOutputStream().write(("OPTIONS " + sim.rtspUrl("trickle") + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String seen = readFor(s, 2500);
            assertTrue(seen.length() >= 2 && seen.length() <= 4 && "RTSP/1.0 200 OK".startsWith(seen), "'" + seen + "'");
        }
    }

    @Test
    void endlessHeaderNeverEnds() throws IOException {
        for (boolean http : new boolean[] {false, true}) {
            try (Socket s = connect(http ? sim.mjpegPort() : sim.rtspPort())) {
                String req = http ? "GET /endless-header HTTP/1.1\r\nHost: x\r\n\r\n"
                        : "OPTIONS " + sim.rtspUrl("endless-header") + " RTSP/1.0\r\nCSeq: 1\r\n\r\n";
                s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
                String seen = readFor(s, 1200);
                assertTrue(seen.startsWith(http ? "HTTP/1.1 200 OK\r\n" : "RTSP/1.0 200 OK\r\n"), seen);
                assertTrue(count(seen, "X-Padding-") >= 5, seen);
                assertFalse(seen.contains("\r\n\r\n"), seen);
            }
        }
    }

    @Test
    void hugeLengthClaimsTwoGigabytes() throws IOException {
        try (Socket s = connect(sim.mjpegPort())) {
            s.getOutputStream().write("GET /huge-length HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String seen = readFor(s, 800);
            assertTrue(seen.contains("Content-type: image/jpeg\r\nContent-Length: 2147483647\r\n\r\n"), seen.substring(0, Math.min(400, seen.length())));
        }
    }

    private BufferedImage picture(FfmpegCli.Result r) {
        assertTrue(r.gotFrame(), r::toString);
        return Pictures.read(r.output());
    }

    /** Everything the socket delivers within {@code ms} (or until it closes). */
    static String readFor(Socket s, long ms) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + ms;
        byte[] b = new byte[65536];
        InputStream in = s.getInputStream();
        while (true) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            int n;
            try {
                s.setSoTimeout((int) Math.max(1, left));
                n = in.read(b);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            buf.write(b, 0, n);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits (polling) until {@code ms} have passed since {@code since}. */
    static void awaitMillisSince(long since, long ms) {
        org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofMillis(ms + 5000))
                .until(() -> System.currentTimeMillis() - since >= ms);
    }
}
