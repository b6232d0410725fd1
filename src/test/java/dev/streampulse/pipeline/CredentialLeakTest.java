package dev.streampulse.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.LogCapture;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camera passwords never reach the log or the stored failure details, at any log level. */
class CredentialLeakTest {
    private static final String SECRET = "SuperSecret99";

    @TempDir
    Path dir;

    @Test
    void passwordsNeverAppearInLogsOrStoredDetails() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        String streams = "heartbeat_seconds: 1\nprobe: {per_host_limit: 0}\nstreams:\n"
                + "  - {name: wrong, url: '" + sim.rtspUrl("digest/cam1", "admin", SECRET) + "'}\n"
                + "  - {name: locked, url: '" + sim.mjpegUrl("401", "admin", SECRET) + "'}\n"
                + "  - {name: hole, url: '" + sim.rtspUrl("blackhole", "admin", SECRET) + "', timeout_seconds: 1}\n"
                + "  - {name: gone, url: 'rtsp://admin:" + SECRET + "@127.0.0.1:" + TestApp.freePort() + "/x'}\n"
                + "  - {name: good, url: '" + sim.rtspUrl("digest/cam2", sim.username(), sim.password()) + "'}\n";
        Path config = TestApp.writeConfig(dir, streams);
        Configurator.setLevel("dev.streampulse", Level.DEBUG);
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
        try (LogCapture log = new LogCapture(); StreamPulseApp app = TestApp.start(config, Map.of())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> app.store().latest().size() == 5);
            // an invalid edit that carries a password is reported without it
            Files.writeString(config, streams + "  - {name: bad, url: 'ftp://admin:" + SECRET + "@127.0.0.1/x'}\n");
            // wait for this edit's own refusal (an earlier, unrelated message must not end the wait)
            await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(app.config().lastError()).contains("streams[5]"));

            Map<String, Heartbeat> latest = app.store().latest();
            assertTrue(latest.get("good").ok(), "the right password still opens the camera");
            assertFalse(latest.get("wrong").ok());
            for (Heartbeat b : latest.values()) assertFalse(String.valueOf(b.detail()).contains(SECRET), b.detail());
            assertTrue(log.text().contains("Config edit refused"), "the broken edit is logged");
            assertFalse(log.text().contains(SECRET), "a password reached the log");
            assertFalse(app.config().lastError().contains(SECRET));
        } finally {
            Configurator.setLevel("dev.streampulse", Level.INFO);
            Configurator.setLevel("org.apache.camel", Level.INFO);
        }
    }
}
