package dev.streampulse.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A black camera: a text mail with a subject reaches an SMTP server on 127.0.0.1. */
class MailAlertTest {
    @TempDir
    Path dir;

    @Test
    void blackCameraSendsAMail() throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(0).start();
             SmtpSink smtp = new SmtpSink()) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    heartbeat_seconds: 1
                    health: {fail_threshold: 2, recover_threshold: 2}
                    streams:
                      - {name: porch, url: "%s"}
                    alerts:
                      - name: mail
                        uri: "smtp://127.0.0.1:%d?from=streampulse@localhost&to=owner@localhost"
                        format: text
                        events: [black]
                    """.formatted(sim.mjpegUrl("/black"), smtp.port()));
            try (StreamPulseApp app = StreamPulseApp.start(Mode.RUN, config, Map.of("camel.server.enabled", "false",
                    "streampulse.tickMillis", "50"))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !smtp.messages.isEmpty());
                String mail = smtp.messages.get(0);
                assertTrue(mail.contains("Subject: [StreamPulse] porch: degraded"), mail);
                assertTrue(mail.contains("[StreamPulse] porch: UNKNOWN =E2=86=92 DEGRADED: black (BLACK)")
                        || mail.contains("[StreamPulse] porch: UNKNOWN → DEGRADED: black (BLACK)"), mail);
            }
        }
    }
}
