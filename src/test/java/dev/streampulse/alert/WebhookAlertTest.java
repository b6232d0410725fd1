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
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(0).start();
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

    @Test
    void aFailingWebhookIsRetriedWithBackOff() throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(-1).start();
             WebhookReceiver hook = new WebhookReceiver()) {
            hook.failFirst.set(2);
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    heartbeat_seconds: 1
                    health: {fail_threshold: 1}
                    streams:
                      - {name: gate, url: "%s"}
                    alerts:
                      - {name: ops, uri: "netty-http:%s", events: [down]}
                    """.formatted(sim.refusedHttpUrl(), hook.url("/hook")));
            try (StreamPulseApp app = StreamPulseApp.start(Mode.RUN, config, Map.of("camel.server.enabled", "false",
                    "streampulse.tickMillis", "50", "streampulse.alerts.retryDelayMillis", "300"))) {
                AlertSelector alerts = app.camel().getRegistry().lookupByNameAndType("alertSelector", AlertSelector.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> alerts.sentCount() == 1);
                assertEquals(3, hook.requests.size(), "503, 503, then accepted");
                assertEquals(hook.requests.get(0).body(), hook.requests.get(2).body());
                long first = hook.requests.get(1).at() - hook.requests.get(0).at();
                long second = hook.requests.get(2).at() - hook.requests.get(1).at();
                System.out.printf("retries after %d ms and %d ms%n", first, second);
                assertTrue(first >= 300 && second >= 600, "back-off doubles: " + first + ", " + second);
                assertEquals(0, alerts.failedCount());
            }
        }
    }
}
