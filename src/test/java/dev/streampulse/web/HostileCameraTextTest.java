package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera controls the text of its own errors: an RTSP server on 127.0.0.1 whose reason phrase
 * is a script. The failure detail is stored and shown, and must reach every page escaped.
 */
class HostileCameraTextTest {
    static final String SCRIPT = "<script>alert(3)</script>";

    @TempDir
    Path dir;

    @Test
    void aCamerasErrorTextIsRenderedEscaped() throws Exception {
        try (ServerSocket camera = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serve(camera), "hostile-camera");
            server.setDaemon(true);
            server.start();
            int port = WebTestSupport.freePort();
            String config = "heartbeat_seconds: 1\nstreams:\n  - {name: evil, url: 'rtsp://127.0.0.1:" + camera.getLocalPort()
                    + "/x', timeout_seconds: 2}\n";
            try (StreamPulseApp app = WebTestSupport.start(Mode.RUN, dir, config, port)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> app.store().latest().containsKey("evil"));
                String detail = app.store().latest().get("evil").detail();
                assertTrue(detail.contains(SCRIPT), "the camera's own words are kept: " + detail);
                WebTestSupport.Client c = new WebTestSupport.Client(port);
                c.loginAdmin();
                for (String page : new String[] {"/", "/stream?name=evil"}) {
                    String body = c.get(page).body();
                    assertFalse(body.contains(SCRIPT), page + " renders the camera's text raw");
                    assertTrue(body.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), page + " shows it escaped");
                }
                String csv = c.get("/stream/history.csv?name=" + URLEncoder.encode("evil", StandardCharsets.UTF_8)).body();
                assertTrue(csv.contains("alert(3)"), "the CSV keeps the text for the record");
            }
        }
    }

    /** Answers every RTSP request with a 404 whose reason phrase is a script. */
    private static void serve(ServerSocket camera) {
        while (!camera.isClosed()) {
            try (Socket s = camera.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                String req = n > 0 ? new String(buf, 0, n, StandardCharsets.ISO_8859_1) : "";
                String cseq = req.replaceAll("(?s).*CSeq:\\s*(\\d+).*", "$1");
                OutputStream out = s.getOutputStream();
                out.write(("RTSP/1.0 404 " + SCRIPT + "\r\nCSeq: " + cseq + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (Exception e) {
                // closed
            }
        }
    }
}
