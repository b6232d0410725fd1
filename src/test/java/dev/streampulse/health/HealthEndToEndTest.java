package dev.streampulse.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole app: probe route → analysis → state → events table, beats stored with their fingerprint. */
class HealthEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void frozenAndDeadCamerasBecomeEventsAndStateSurvivesRestart() throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(0).start()) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    heartbeat_seconds: 1
                    health: {fail_threshold: 2, recover_threshold: 2, frozen_after: 2}
                    streams:
                      - name: frozen
                        url: %s
                      - name: dead
                        url: %s
                    """.formatted(sim.mjpegUrl("/frozen"), sim.refusedHttpUrl()));
            Map<String, String> props = Map.of("camel.server.enabled", "false", "streampulse.tickMillis", "50",
                    "streampulse.store.batchMillis", "100", "streampulse.retention.hour", "-1",
                    "streampulse.retention.delayMillis", "500");
            try (StreamPulseApp app = StreamPulseApp.start(Mode.RUN, config, props)) {
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        app.health().status("frozen").state() == StreamState.DEGRADED
                                && app.health().status("dead").state() == StreamState.DOWN);
                assertEquals("FROZEN", app.health().status("frozen").reason());
                assertEquals("REFUSED", app.health().status("dead").reason());
                Database store = app.database();
                List<HealthEvent> events = store.events().events("frozen", 0, Long.MAX_VALUE, 100);
                assertEquals(StreamState.DEGRADED, events.get(events.size() - 1).to());
                await().atMost(Duration.ofSeconds(5)).until(() -> store.heartbeats().latest().get("frozen") != null);
                Heartbeat b = store.heartbeats().latest().get("frozen");
                assertNotNull(b.dhash(), "beat stored with its hash");
                assertNotNull(b.luma(), "beat stored with its luma");
                // the retention route ran (hour -1 = whenever asked) and found nothing old to prune
                await().atMost(Duration.ofSeconds(5)).until(() -> app.retention().lastResult() != null);
                assertEquals(0, app.retention().lastResult().beats());
            }
            // restart: state comes back from the event log as UNKNOWN-since-last-beat, then the beats decide
            try (StreamPulseApp app = StreamPulseApp.start(Mode.RUN, config, Map.of("camel.server.enabled", "false",
                    "streampulse.tickMillis", "50"))) {
                Database store = app.database();
                List<HealthEvent> dead = store.events().events("dead", 0, Long.MAX_VALUE, 100);
                assertTrue(dead.stream().anyMatch(e -> e.from() == StreamState.DOWN && e.to() == StreamState.UNKNOWN
                        && "RESTART".equals(e.reason())), dead.toString());
                await().atMost(Duration.ofSeconds(20)).until(() -> app.health().status("dead").state() == StreamState.DOWN);
            }
        }
    }
}
