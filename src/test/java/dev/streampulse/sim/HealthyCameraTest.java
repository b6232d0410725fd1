package dev.streampulse.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Healthy cameras over real RTSP and real MJPEG, as the ffmpeg CLI and raw sockets see them. */
class HealthyCameraTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static CameraSimulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static void assertTestPattern(BufferedImage img, int width, int height) {
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        double luma = Pictures.meanLuma(img);
        double spread = Pictures.colourStdDev(img);
        assertTrue(luma > 60, "mean luma " + luma);
        assertTrue(spread > 50, "colour spread " + spread);
    }

    @Test
    void ffmpegGrabsTestPatternOverRtspTcp() {
        FfmpegCli.Result r = FfmpegCli.grab(dir, TIMEOUT, List.of("-rtsp_transport", "tcp"), sim.rtspUrl("cam1"));
        assertTrue(r.gotFrame(), r::toString);
        assertTestPattern(Pictures.read(r.output()), 640, 360);
    }

    @Test
    void ffmpegFallsBackToTcpAfter461() {
        FfmpegCli.Result r = FfmpegCli.grab(dir, TIMEOUT, FfmpegCli.FAST, sim.rtspUrl("cam7"));
        assertTrue(r.gotFrame(), r::toString);
        assertTrue(r.stderr().contains("461"), r::toString);
    }

    @Test
    void ffmpegGrabsTestPatternOverMjpeg() {
        FfmpegCli.Result r = FfmpegCli.grab(dir, TIMEOUT, List.of(), sim.mjpegUrl("cam1"));
        assertTrue(r.gotFrame(), r::toString);
        assertTestPattern(Pictures.read(r.output()), 640, 360);
    }

    @Test
    void anyCamPathExists() {
        FfmpegCli.Result r = FfmpegCli.grab(dir, TIMEOUT, concat(FfmpegCli.FAST, "-rtsp_transport", "tcp"), sim.rtspUrl("cam1999"));
        assertTrue(r.gotFrame(), r::toString);
    }

    @Test
    void describeAnswersWithH264Sdp() throws IOException {
        try (Socket s = connect(sim.rtspPort())) {
            String url = sim.rtspUrl("cam3");
            String reply = rtsp(s, "DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n");
            assertTrue(reply.startsWith("RTSP/1.0 200 OK"), reply);
            for (String want : List.of("CSeq: 2", "application/sdp", "m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000",
                    "packetization-mode=1", "profile-level-id=", "sprop-parameter-sets=", "a=control:trackID=0", "a=framerate:10")) {
                assertTrue(reply.contains(want), want + " missing in\n" + reply);
            }
            String setup = rtsp(s, "SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
            assertTrue(setup.startsWith("RTSP/1.0 200 OK") && setup.contains("interleaved=0-1"), setup);
            String session = header(setup, "Session").split(";")[0];
            String play = rtsp(s, "PLAY " + url + " RTSP/1.0\r\nCSeq: 4\r\nSession: " + session + "\r\nRange: npt=0.000-\r\n\r\n");
            assertTrue(play.contains("RTP-Info: url=") && play.contains("Range: npt=0.000-") && play.contains("Session: " + session), play);
            // then interleaved RTP: '$', channel 0, RTP version 2, payload type 96
            InputStream in = s.getInputStream();
            byte[] h = in.readNBytes(5);
            assertEquals('$', h[0]);
            assertEquals(0, h[1]);
            assertEquals(0x80, h[4] & 0xC0);
        }
    }

    @Test
    void udpSetupIsRefusedWith461() throws IOException {
        try (Socket s = connect(sim.rtspPort())) {
            String url = sim.rtspUrl("cam3");
            rtsp(s, "DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            String setup = rtsp(s, "SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
            assertTrue(setup.startsWith("RTSP/1.0 461"), setup);
        }
    }

    @Test
    void mjpegWireFormatIsMotions() throws IOException {
        try (Socket s = connect(sim.mjpegPort())) {
            s.getOutputStream().write("GET /cam2 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(s.getInputStream(), "Content-Length: ", 4096);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(head.contains("Content-Type: multipart/x-mixed-replace; boundary=BoundaryString\r\n"), head);
            assertTrue(head.contains("Transfer-Encoding: chunked\r\n"), head);
            assertTrue(head.endsWith("--BoundaryString\r\nContent-type: image/jpeg\r\nContent-Length: "), head);
            String len = new String(s.getInputStream().readNBytes(13), StandardCharsets.US_ASCII);
            assertTrue(len.matches(" *[0-9]+\r\n\r\n") && len.length() == 13, "length field padded to 9: '" + len + "'");
        }
    }

    @Test
    void mjpegOverHttp10IsNotChunked() throws IOException {
        try (Socket s = connect(sim.mjpegPort())) {
            s.getOutputStream().write("GET /cam2 HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(s.getInputStream(), "Content-Length: ", 4096);
            assertTrue(head.startsWith("HTTP/1.0 200 OK\r\n"), head);
            assertTrue(!head.toLowerCase().contains("transfer-encoding"), head);
            assertTrue(head.contains("\r\n\r\n--BoundaryString\r\nContent-type: image/jpeg\r\n"), head);
        }
    }

    @Test
    void snapshotsAreSingleJpegs() throws IOException {
        for (String path : List.of("snapshot.jpg", "cam5/snapshot.jpg")) {
            HttpURLConnection c = (HttpURLConnection) new URL(sim.mjpegUrl(path)).openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            try {
                assertEquals(200, c.getResponseCode());
                assertEquals("image/jpeg", c.getContentType());
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(c.getInputStream().readAllBytes()));
                assertTestPattern(img, 640, 360);
            } finally {
                c.disconnect();
            }
        }
    }

    @Test
    void digestAndBasicAuthOverRtsp() {
        FfmpegCli.Result ok = FfmpegCli.grab(dir, TIMEOUT, concat(FfmpegCli.FAST, "-rtsp_transport", "tcp"),
                sim.rtspUrl("digest/cam1", "admin", "secret"));
        assertTrue(ok.gotFrame(), ok::toString);
        FfmpegCli.Result basic = FfmpegCli.grab(dir, TIMEOUT, concat(FfmpegCli.FAST, "-rtsp_transport", "tcp"),
                sim.rtspUrl("basic/cam1", "admin", "secret"));
        assertTrue(basic.gotFrame(), basic::toString);
        FfmpegCli.Result wrong = FfmpegCli.grab(dir, TIMEOUT, concat(FfmpegCli.FAST, "-rtsp_transport", "tcp"),
                sim.rtspUrl("digest/cam1", "admin", "wrong"));
        assertTrue(!wrong.gotFrame() && wrong.stderr().contains("401 Unauthorized"), wrong::toString);
        FfmpegCli.Result none = FfmpegCli.grab(dir, TIMEOUT, concat(FfmpegCli.FAST, "-rtsp_transport", "tcp"), sim.rtspUrl("basic/cam1"));
        assertTrue(!none.gotFrame() && none.stderr().contains("401 Unauthorized"), none::toString);
    }

    @Test
    void digestAndBasicAuthOverMjpeg() {
        FfmpegCli.Result ok = FfmpegCli.grab(dir, TIMEOUT, FfmpegCli.FAST, sim.mjpegUrl("digest/cam1", "admin", "secret"));
        assertTrue(ok.gotFrame(), ok::toString);
        FfmpegCli.Result basic = FfmpegCli.grab(dir, TIMEOUT, FfmpegCli.FAST, sim.mjpegUrl("basic/cam1", "admin", "secret"));
        assertTrue(basic.gotFrame(), basic::toString);
        FfmpegCli.Result wrong = FfmpegCli.grab(dir, TIMEOUT, FfmpegCli.FAST, sim.mjpegUrl("digest/cam1", "admin", "nope"));
        assertTrue(!wrong.gotFrame() && wrong.stderr().contains("401 Unauthorized"), wrong::toString);
    }

    static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends a request and reads one reply (headers plus Content-Length body). */
    static String rtsp(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readUntil(s.getInputStream(), "\r\n\r\n", 65536);
        String cl = header(head, "Content-Length");
        int len = cl == null ? 0 : Integer.parseInt(cl.trim());
        return head + new String(s.getInputStream().readNBytes(len), StandardCharsets.ISO_8859_1);
    }

    static String header(String reply, String name) {
        for (String line : reply.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    static String readUntil(InputStream in, String end, int max) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (buf.size() < max) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            buf.write(b);
            if (buf.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
                break;
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }
}
