package dev.streampulse.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import io.vertx.core.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera that moves from 127.0.0.2 to 127.0.0.3 (DHCP; new RTSP and ONVIF ports) keeps its stream
 * and history: the stream reads MOVED, never DOWN, config.yaml follows it, and its beats are good
 * again. Discovery is a directed sweep of 127.0.0.0/24 on one free UDP port (loopback only).
 */
class MovedCameraWebTest {
    @TempDir
    Path dir;
    StreamPulseApp app;
    CameraSimulator cameraA, cameraB;
    OnvifSimulator onvifA, onvifB;

    @AfterEach
    void stop() {
        if (app != null) app.close();
        for (AutoCloseable c : new AutoCloseable[] {onvifA, onvifB}) {
            try {
                if (c != null) c.close();
            } catch (Exception e) {
                // closing
            }
        }
        if (cameraA != null) cameraA.close();
        if (cameraB != null) cameraB.close();
    }

    static SimDevice gate(String uri) {
        return new SimDevice("gate", List.of(new SimDevice.Profile("main", "MainStream", "H264", 640, 360, 10, uri)), false);
    }

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aCameraThatMovedReadsMovedNotDown() throws Exception {
        int discovery = freeUdpPort();
        cameraA = CameraSimulator.builder().instant().bind("127.0.0.2").rtspPort(0).mjpegPort(-1).start();
        onvifA = OnvifSimulator.builder(List.of(gate(cameraA.rtspUrl("cam1")))).bind("127.0.0.2").discoveryPort(-1).start();
        int port = WebTestSupport.freePort();
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                heartbeat_seconds: 1
                health: {fail_threshold: 8, recover_threshold: 2}
                streams:
                  - name: Gate
                    url: %s
                    timeout_seconds: 2
                    labels: {onvif_device: "%s", onvif_serial: "%s", onvif_profile: main}
                """.formatted(cameraA.rtspUrl("cam1", "admin", "secret"), onvifA.deviceUrl("gate"), onvifA.devices().get(0).serial()));
        Map<String, String> overrides = WebTestSupport.overrides(port);
        overrides.put("streampulse.onvif.discoveryPort", Integer.toString(discovery));
        app = StreamPulseApp.start(Mode.RUN, config, overrides);
        WebTestSupport.Client client = new WebTestSupport.Client(port);
        client.loginAdmin();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> "UP".equals(state(client)));

        cameraAPort = cameraA.rtspPort();
        // DHCP: the camera leaves 127.0.0.2 and comes back on 127.0.0.3, other ports
        onvifA.close();
        cameraA.close();
        cameraB = CameraSimulator.builder().instant().bind("127.0.0.3").rtspPort(0).mjpegPort(-1).start();
        onvifB = OnvifSimulator.builder(List.of(gate(cameraB.rtspUrl("cam1")))).bind("127.0.0.3").discoveryPort(discovery).start();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> events(client).stream()
                .anyMatch(e -> "MOVED".equals(e.getString("reason"))));
        JsonObject moved = events(client).stream().filter(e -> "MOVED".equals(e.getString("reason"))).findFirst().orElseThrow();
        assertEquals("127.0.0.2:" + cameraAPort + " → 127.0.0.3:" + cameraB.rtspPort(), moved.getString("detail"));
        assertTrue(Files.readString(config).contains(cameraB.rtspUrl("cam1", "admin", "secret")), Files.readString(config));
        assertTrue(Files.readString(config).contains(onvifB.deviceUrl("gate")));
        // beats are good again at the new address; the stream never went DOWN
        long movedAt = moved.getLong("ts");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonObject newest = new JsonObject(client.get("/api/beats?stream=Gate&limit=1").body()).getJsonArray("beats").getJsonObject(0);
            return newest.getBoolean("ok") && newest.getLong("ts") > movedAt;
        });
        assertEquals("UP", state(client));
        // the same stream: the good beats from before the move are still its history
        assertTrue(new JsonObject(client.get("/api/beats?stream=Gate&limit=1000").body()).getJsonArray("beats").stream()
                .map(JsonObject.class::cast).anyMatch(b -> b.getBoolean("ok") && b.getLong("ts") < movedAt));
        assertTrue(events(client).stream().noneMatch(e -> "DOWN".equals(e.getString("to"))),
                events(client).stream().map(JsonObject::encode).collect(Collectors.joining("\n")));
    }

    int cameraAPort;

    static List<JsonObject> events(WebTestSupport.Client client) throws Exception {
        return new JsonObject(client.get("/api/events?stream=Gate").body()).getJsonArray("events").stream()
                .map(JsonObject.class::cast).toList();
    }

    static String state(WebTestSupport.Client client) throws Exception {
        JsonObject st = new JsonObject(client.get("/api/status").body());
        return st.getJsonArray("streams").stream().map(JsonObject.class::cast).filter(s -> "Gate".equals(s.getString("name")))
                .map(s -> s.getString("state")).findFirst().orElse(null);
    }
}
