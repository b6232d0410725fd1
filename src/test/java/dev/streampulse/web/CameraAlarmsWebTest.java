package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import dev.streampulse.testing.SharedCameras;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated camera's own tamper alarm (ONVIF PullPoint) becomes the stream's event: in /api/events
 * and on the stream page, next to our verdicts. The stream names its ONVIF device in a label.
 */
class CameraAlarmsWebTest {
    @TempDir
    Path dir;
    StreamPulseApp app;
    OnvifSimulator onvif;

    @AfterEach
    void stop() {
        if (app != null) app.close();
        if (onvif != null) onvif.close();
    }

    @Test
    void aTamperAlarmAppearsInTheApiAndOnTheStreamPage() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        onvif = OnvifSimulator.builder(List.of(new SimDevice("black-1", List.of(new SimDevice.Profile("main", "MainStream", "H264",
                640, 360, 10, sim.rtspUrl("black/1"))), true), new SimDevice("cam1", List.of(new SimDevice.Profile("main",
                "MainStream", "H264", 640, 360, 10, sim.rtspUrl("cam1"))), false))).start();
        int port = WebTestSupport.freePort();
        app = WebTestSupport.start(Mode.RUN, dir, """
                heartbeat_seconds: 2
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
                    .filter(e -> "CAMERA".equals(e.getString("kind"))).findFirst().orElse(null);
            return tamper[0] != null;
        });
        assertEquals("CAMERA_TAMPER", tamper[0].getString("reason"), tamper[0].encode());
        assertTrue(tamper[0].getString("detail").startsWith("VideoSource/GlobalSceneChange/ImagingService (on)"), tamper[0].encode());
        String page = client.get("/stream?name=Lens").body();
        assertTrue(page.contains("CAMERA_TAMPER"), page);
        // the healthy camera raised nothing; the tamper is reported once, not on every pull
        Thread.sleep(2500);
        assertTrue(new JsonObject(client.get("/api/events?stream=Fine").body()).getJsonArray("events").stream()
                .map(JsonObject.class::cast).noneMatch(e -> "CAMERA".equals(e.getString("kind"))));
        assertEquals(1, new JsonObject(client.get("/api/events?stream=Lens").body()).getJsonArray("events").stream()
                .map(JsonObject.class::cast).filter(e -> "CAMERA".equals(e.getString("kind"))).count());
    }
}
