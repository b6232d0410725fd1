package dev.streampulse.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.testing.TestApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunTest {
    @TempDir
    Path dir;

    @Test
    void aFreshDataDirGetsTheDemoCameraAndItsBeats() throws Exception {
        for (int port : new int[] {8554, 8081}) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(s.isBound());
            } catch (java.io.IOException e) {
                fail("the demo camera's default port " + port + " is taken on this machine: " + e.getMessage());
            }
        }
        Path config = dir.resolve("data/config.yaml");
        assertFalse(Files.exists(config));
        // the default config beats every 15 s: shorten nothing, just wait for the first beats
        try (StreamPulseApp app = TestApp.start(config, Map.of())) {
            assertTrue(Files.exists(config), "default config written");
            await().atMost(Duration.ofSeconds(20)).until(() -> app.store().latest().size() == 2);
            for (Heartbeat b : app.store().latest().values()) assertTrue(b.ok(), b.toString());
            assertTrue(Files.exists(dir.resolve("data/streams.db")));
        }
    }

    @Test
    void monitorAndWebProcessesShareOneDataDir() throws Exception {
        String url = dev.streampulse.testing.SharedCameras.get().rtspUrl("cam50");
        Path config = TestApp.writeConfig(dir, "heartbeat_seconds: 1\nstreams:\n  - {name: shared, url: '" + url + "'}\n");
        try (StreamPulseApp monitor = TestApp.start(config, Mode.MONITOR, Map.of());
             StreamPulseApp web = TestApp.start(config, Mode.WEB, Map.of())) {
            assertEquals(0, web.scheduler().size(), "the web process does not probe");
            await().atMost(Duration.ofSeconds(10)).until(() -> web.store().count() >= 3);
            Heartbeat seen = web.store().latest().get("shared");
            assertTrue(seen.ok());
            // the reader keeps up while the writer commits every 200 ms
            long before = web.store().count();
            await().atMost(Duration.ofSeconds(5)).until(() -> web.store().count() > before);
            assertNull(monitor.store().writeProblem(), "no SQLITE_BUSY for the writer");
        }
    }
}
