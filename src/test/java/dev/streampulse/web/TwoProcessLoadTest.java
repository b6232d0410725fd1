package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's layout under load for a minute: a monitor writing 100 cameras at 1 s and a web
 * process on the same data dir answering dashboards as fast as a client asks. No SQLITE_BUSY
 * reaches anyone, and no beat is lost.
 */
class TwoProcessLoadTest {
    @TempDir
    Path dir;

    @Test
    void monitorAndWebShareTheDataDirUnderLoad() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 1\nprobe: {concurrency: 16, per_host_limit: 0}\nstreams:\n");
        for (int i = 0; i < 100; i++) {
            String url = i % 2 == 0 ? sim.rtspUrl("cam" + (600 + i)) : sim.mjpegUrl("cam" + (600 + i));
            yaml.append("  - {name: c").append(i).append(", url: '").append(url).append("'}\n");
        }
        int monitorPort = WebTestSupport.freePort();
        int webPort = WebTestSupport.freePort();
        try (StreamPulseApp monitor = WebTestSupport.start(Mode.MONITOR, dir, yaml.toString(), monitorPort);
             StreamPulseApp web = WebTestSupport.start(Mode.WEB, dir, yaml.toString(), webPort)) {
            WebTestSupport.Client client = new WebTestSupport.Client(webPort);
            client.loginAdmin();
            AtomicInteger requests = new AtomicInteger();
            long end = System.currentTimeMillis() + 60_000;
            int lastUp = 0;
            while (System.currentTimeMillis() < end) {
                String path = requests.get() % 2 == 0 ? "/api/status" : "/";
                HttpResponse<String> r = client.get(path);
                assertEquals(200, r.statusCode(), path + ": " + r.body());
                assertFalse(r.body().contains("SQLITE_BUSY") || r.body().contains("database is locked"), r.body());
                if (path.equals("/api/status")) lastUp = count(r.body(), "\"status\":\"UP\"");
                requests.incrementAndGet();
                assertNull(monitor.store().writeProblem(), "the writer hit: " + monitor.store().writeProblem());
            }
            assertTrue(requests.get() > 100, "the web process answered " + requests.get() + " requests in a minute");
            assertTrue(lastUp >= 95, "the web process sees the monitor's beats: " + lastUp + " streams UP");
            // no beat lost: everything the writer accepted is in the file, nothing was dropped
            long written = monitor.writer().written();
            assertTrue(written > 100 * 50, "the monitor kept its schedule: " + written + " beats");
            assertEquals(0, monitor.writer().dropped());
            assertTrue(web.store().count() >= written, "the reader sees every committed beat");
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
