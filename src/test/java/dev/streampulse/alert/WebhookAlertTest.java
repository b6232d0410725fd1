package dev.streampulse.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream goes DOWN; the webhook alert that asked for "down" gets one JSON POST, the other alert nothing. */
class WebhookAlertTest {
    @TempDir
    Path dir;

    @Test
    void downEventReachesTheWebhookAsJson() throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().bind("127.0.0.1").rtspPort(-1).mjpegPort(0).start();
             WebhookReceiver hook = new WebhookReceiver()) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    heartbeat_seconds: 1
                    health: {fail_threshold: 2, recover_threshold: 2}
                    streams:
                      - name: Gate "north"
                        url: %s
                      - name: yard
                        url: %s
                    alerts:
                      - name: ops
                        uri: "netty-http:%s?token=s3cret"
                        events: [down]
                      - name: yard-only
                        uri: "netty-http:%s"
                        streams: [yard]
                        events: [down, frozen]
                    """.formatted(sim.refusedHttpUrl(), sim.mjpegUrl("/cam1"), hook.url("/hook"), hook.url("/yard")));
            try (StreamPulseApp app = StreamPulseApp.start(Mode.RUN, config, Map.of("camel.server.enabled", "false",
                    "streampulse.tickMillis", "50"))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !hook.requests.isEmpty());
                WebhookReceiver.Request r = hook.requests.get(0);
                assertEquals("POST", r.method());
                assertEquals("/hook", r.path());
                assertEquals("application/json; charset=UTF-8", r.contentType());
                assertTrue(r.body().startsWith("{\"alert\":\"ops\","), r.body());
                for (String part : List.of("\"stream\":\"Gate \\\"north\\\"\"", "\"event\":\"down\"", "\"from\":\"UNKNOWN\"",
                        "\"to\":\"DOWN\"", "\"reason\":\"REFUSED\"", "\"online\":false", "\"kind\":\"STATE\"",
                        "\"detail\":\"UNKNOWN → DOWN: refused\"")) {
                    assertTrue(r.body().contains(part), part + " missing in " + r.body());
                }
                // the healthy yard stream's UP is not "down" or "frozen": nothing for yard-only
                await().atMost(Duration.ofSeconds(10)).until(() -> app.health().status("yard").state().name().equals("UP"));
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> hook.requests.size() == 1);
                assertEquals(1, app.camel().getRegistry().lookupByNameAndType("alertSelector", AlertSelector.class).sentCount());
            }
        }
    }
}
