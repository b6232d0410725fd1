package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import dev.streampulse.testing.SharedCameras;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A simulated camera's own tamper alarm (ONVIF PullPoint) becomes the stream's event: in /api/events
 * and on the stream page, next to our verdicts; a camera clock 90 s off ours is flagged. The stream
 * names its ONVIF device in a label.
 */
class CameraAlarmsWebTest extends OnvifWebFixture {

    static List<JsonObject> camera(WebTestSupport.Client client, String stream) throws Exception {
        return new JsonObject(client.get("/api/events?stream=" + stream).body()).getJsonArray("events").stream()
                .map(JsonObject.class::cast).filter(e -> "CAMERA".equals(e.getString("kind"))).toList();
    }

    @Test
    void aTamperAlarmAppearsInTheApiAndOnTheStreamPage() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        onvif = OnvifSimulator.builder(List.of(new SimDevice("black-1", List.of(new SimDevice.Profile("main", "MainStream", "H264",
                640, 360, 10, sim.rtspUrl("black/1"))), true), new SimDevice("cam1", List.of(new SimDevice.Profile("main",
                "MainStream", "H264", 640, 360, 10, sim.rtspUrl("cam1"))), false))).clockSkew(Duration.ofSeconds(90)).start();
        int port = WebTestSupport.freePort();
        app = WebTestSupport.start(Mode.RUN, dir, """
                heartbeat_seconds: 2
                onvif: {clock_drift_seconds: 60}
                streams:
                  - name: Lens
                    url: %s
                    labels: {onvif_device: "%s", onvif_profile: main}
                  - name: Fine
                    url: %s
                    labels: {onvif_device: "%s"}
                """.formatted(sim.rtspUrl("black/1", "admin", "secret"), onvif.deviceUrl("black-1"),
                sim.rtspUrl("cam1", "admin", "secret"), onvif.deviceUrl("cam1")), port);
        WebTestSupport.Client client = new WebTestSupport.Client(port);
        client.loginAdmin();
        JsonObject[] tamper = new JsonObject[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonObject events = new JsonObject(client.get("/api/events?stream=Lens").body());
            tamper[0] = events.getJsonArray("events").stream().map(JsonObject.class::cast)
                    .filter(e -> "CAMERA_TAMPER".equals(e.getString("reason"))).findFirst().orElse(null);
            return tamper[0] != null;
        });
        assertEquals("CAMERA_TAMPER", tamper[0].getString("reason"), tamper[0].encode());
        assertTrue(tamper[0].getString("detail").startsWith("VideoSource/GlobalSceneChange/ImagingService (on)"), tamper[0].encode());
        String page = client.get("/stream?name=Lens").body();
        assertTrue(page.contains("CAMERA_TAMPER"), page);
        // both cameras run 90 s ahead of us: flagged once each, against the 60 s limit config.yaml sets
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> camera(client, "Fine").stream()
                .anyMatch(e -> "CAMERA_CLOCK_DRIFT".equals(e.getString("reason"))));
        JsonObject drift = camera(client, "Fine").stream().filter(e -> "CAMERA_CLOCK_DRIFT".equals(e.getString("reason"))).findFirst().orElseThrow();
        assertTrue(drift.getString("detail").matches("camera clock \\+(89|90|91) s from ours \\(limit 60 s\\)"), drift.encode());
        // the healthy camera raised no alarm; the tamper is reported once, not on every pull: it stays so
        // through more pulls (the poll period is 2 s), checked all along rather than once after a sleep
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertTrue(camera(client, "Fine").stream().noneMatch(e -> "CAMERA_TAMPER".equals(e.getString("reason"))));
            assertEquals(1, camera(client, "Lens").stream().filter(e -> "CAMERA_TAMPER".equals(e.getString("reason"))).count());
            assertEquals(1, camera(client, "Lens").stream().filter(e -> "CAMERA_CLOCK_DRIFT".equals(e.getString("reason"))).count());
        });
    }
}
