package dev.streampulse.homeassistant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.health.StreamState;
import dev.streampulse.sim.CameraSimulator;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against Debian's mosquitto (password required) and its mosquitto_sub: a late subscriber finds each
 * stream's discovery config retained, field by field; states follow the streams (a camera going DOWN
 * publishes OFF); a stream removed from config.yaml is deleted with empty retained payloads; Home
 * Assistant's birth message and a broker restart (retained messages lost) bring everything back; an
 * unclean end of the session fires the last will "offline"; a clean stop leaves "offline". No payload carries a password or a stream URL.
 */
class HomeAssistantDiscoveryTest {
    private static final String BIN = "homeassistant/binary_sensor/testnode/";
    private static final String SENSOR = "homeassistant/sensor/testnode/";
    private static final String STATE = "streampulse/testnode/";
    private static final String AVAILABILITY = "streampulse/testnode/availability";

    @TempDir
    Path dir;

    @Test
    void camerasAppearInHomeAssistantAndFollowTheirState() throws Exception {
        try (Mosquitto mq = new Mosquitto(dir);
             CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(0)
                     .credentials("admin", "cam-s3cret").start()) {
            String yard = "yard/cam";
            String yardId = Discovery.objectId(yard);
            assertTrue(yardId.matches("yard_cam_[0-9a-f]{6}"), yardId);
            Path config = dir.resolve("config.yaml");
            String streams = """
                    streams:
                      - {name: gate, url: "%s"}
                      - name: "yard/cam"
                        url: "%s"
                        labels: {site: north, onvif_serial: SN-4711,
                                 onvif_manufacturer: Acme, onvif_model: Cam-9}
                    """.formatted(sim.refusedHttpUrl(), sim.mjpegUrl("/basic/cam1", sim.username(), sim.password()));
            String lobby = "  - {name: lobby, url: \"%s\"}\n".formatted(sim.mjpegUrl("/cam2"));
            String head = """
                    heartbeat_seconds: 1
                    health: {fail_threshold: 2, recover_threshold: 1}
                    home_assistant: {broker: "%s", user: %s, discovery_prefix: homeassistant, node_id: testnode}
                    """.formatted(mq.url(), Mosquitto.USER);
            Files.writeString(config, head + streams + lobby);

            try (Mosquitto.Subscription live = mq.subscribe("homeassistant/#", "streampulse/#")) {
                StreamPulseApp app = StreamPulseApp.start(Mode.MONITOR, config, Map.of("camel.server.enabled", "false",
                        "streampulse.tickMillis", "50", "streampulse.config.pollMillis", "200",
                        "streampulse.homeAssistant.periodMillis", "200", "STREAMPULSE_MQTT_PASSWORD", Mosquitto.PASSWORD));
                try {
                    await().atMost(Duration.ofSeconds(20)).until(() -> app.health().status("gate").state() == StreamState.DOWN
                            && app.health().status(yard).state() == StreamState.UP
                            && last(live, STATE + yardId + "/state").map(p -> p.contains("\"ON\"")).orElse(false)
                            && last(live, STATE + "gate/state").map(p -> p.contains("\"OFF\"")).orElse(false));

                    // a late subscriber (Home Assistant after a restart) gets all of it: retained
                    Map<String, Mosquitto.Msg> kept = byTopic(mq.retained("homeassistant/#", "streampulse/#"));
                    kept.values().forEach(m -> assertTrue(m.retained(), m.toString()));
                    assertEquals("online", kept.get(AVAILABILITY).payload());
                    JsonObject bin = new JsonObject(kept.get(BIN + yardId + "/config").payload());
                    assertEquals("connectivity", bin.getString("device_class"));
                    assertEquals(STATE + yardId + "/state", bin.getString("state_topic"));
                    assertEquals("{{ value_json.connectivity }}", bin.getString("value_template"));
                    assertEquals("ON", bin.getString("payload_on"));
                    assertEquals("OFF", bin.getString("payload_off"));
                    assertEquals(AVAILABILITY, bin.getString("availability_topic"));
                    assertEquals("online", bin.getString("payload_available"));
                    assertEquals("offline", bin.getString("payload_not_available"));
                    assertEquals("streampulse_testnode_" + yardId + "_connectivity", bin.getString("unique_id"));
                    JsonObject device = bin.getJsonObject("device");
                    assertEquals("yard/cam", device.getString("name"));
                    assertEquals(List.of("streampulse_testnode_" + yardId), device.getJsonArray("identifiers").getList());
                    assertEquals("Acme", device.getString("manufacturer"));
                    assertEquals("Cam-9", device.getString("model"));
                    assertEquals("SN-4711", device.getString("serial_number"));
                    assertEquals("north", device.getString("suggested_area"));
                    assertEquals("StreamPulse", bin.getJsonObject("origin").getString("name"));
                    JsonObject sensor = new JsonObject(kept.get(SENSOR + yardId + "/config").payload());
                    assertEquals("streampulse_testnode_" + yardId + "_status", sensor.getString("unique_id"));
                    assertEquals(device, sensor.getJsonObject("device"), "one device for both entities");
                    assertEquals(STATE + yardId + "/state", sensor.getString("state_topic"));
                    assertFalse(new JsonObject(kept.get(BIN + "gate/config").payload()).getJsonObject("device")
                            .containsKey("serial_number"), "no ONVIF labels, no serial");
                    JsonObject gate = new JsonObject(kept.get(STATE + "gate/state").payload());
                    assertEquals("OFF", gate.getString("connectivity"));
                    assertEquals("DOWN", gate.getString("state"));
                    assertTrue(gate.getString("status").startsWith("DOWN ("), gate.encode());
                    assertEquals("ON", new JsonObject(kept.get(STATE + yardId + "/state").payload()).getString("connectivity"));
                    assertTrue(kept.containsKey(BIN + "lobby/config"));

                    // lobby leaves config.yaml: its entities are deleted (empty retained payloads)
                    Files.writeString(config, head + streams);
                    await().atMost(Duration.ofSeconds(10)).until(() -> last(live, BIN + "lobby/config").map(String::isEmpty).orElse(false)
                            && last(live, SENSOR + "lobby/config").map(String::isEmpty).orElse(false)
                            && last(live, STATE + "lobby/state").map(String::isEmpty).orElse(false));

                    // Home Assistant restarted and says so: every config goes out again
                    int before = live.on(BIN + yardId + "/config").size();
                    mq.publish("homeassistant/status", "online");
                    await().atMost(Duration.ofSeconds(10)).until(() -> live.on(BIN + yardId + "/config").size() > before);

                    // the camera dies: its connectivity goes OFF
                    sim.close();
                    await().atMost(Duration.ofSeconds(20)).until(() -> last(live, STATE + yardId + "/state")
                            .map(p -> new JsonObject(p).getString("connectivity").equals("OFF")).orElse(false));

                    // StreamPulse's session dies uncleanly: the broker publishes its last will, then paho is back
                    int online = live.on(AVAILABILITY).size();
                    mq.takeOver("streampulse-testnode");
                    await().atMost(Duration.ofSeconds(20)).until(() -> {
                        List<String> since = live.on(AVAILABILITY).stream().skip(online).map(Mosquitto.Msg::payload).toList();
                        return since.contains("offline") && since.get(since.size() - 1).equals("online");
                    });

                    // the broker restarts empty: StreamPulse reconnects and publishes everything again
                    mq.restart();
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        Map<String, Mosquitto.Msg> now = byTopic(mq.retained("homeassistant/#", "streampulse/#"));
                        return now.containsKey(BIN + yardId + "/config") && now.containsKey(SENSOR + "gate/config")
                                && now.containsKey(AVAILABILITY) && now.get(AVAILABILITY).payload().equals("online")
                                && now.containsKey(STATE + yardId + "/state") && !now.containsKey(BIN + "lobby/config");
                    });
                    for (Mosquitto.Msg m : live.messages) {
                        for (String secret : List.of(Mosquitto.PASSWORD, sim.password(), "http:", "127.0.0.1")) {
                            assertFalse(m.payload().contains(secret), m.topic() + " carries " + secret);
                        }
                    }
                } finally {
                    app.close();
                }
                // a clean stop says offline (the last will covers the unclean ones)
                Map<String, Mosquitto.Msg> after = byTopic(mq.retained(AVAILABILITY));
                assertEquals("offline", after.get(AVAILABILITY).payload());
            }
        }
    }

    @Test
    void publishesOnlyDifferencesAndNoCredentials() throws Exception {
        // the same payload builder the test above exercised against the broker, over a URL with secrets
        var settings = new dev.streampulse.config.HomeAssistantSettings("tcp://127.0.0.1:1883", "u", "mqtt-pw", "homeassistant", "n");
        var s = new dev.streampulse.config.StreamConfig("cam", "rtsp://admin:cam-pw@10.0.0.5/live?token=tok-pw", true, 10, 10,
                Map.of("onvif_serial", "SN1"));
        var sync = new HomeAssistantSync(settings, () -> new dev.streampulse.config.AppConfig(10, java.time.ZoneId.of("UTC"),
                List.of(), dir, dev.streampulse.config.ProbeSettings.DEFAULT, Optional.empty(), List.of(s)),
                name -> new dev.streampulse.health.StreamStatus(name, StreamState.DOWN, "AUTH_FAILED", 1_000));
        List<HomeAssistantSync.Publication> all = sync.pending();
        assertEquals(4, all.size(), "availability, two configs, one state: " + all);
        for (var p : all) {
            for (String secret : List.of("cam-pw", "tok-pw", "mqtt-pw", "10.0.0.5", "rtsp:")) {
                assertFalse(p.payload().contains(secret), p.topic() + " carries " + secret);
            }
        }
        assertEquals(List.of(), sync.pending(), "nothing changed, nothing to send");
        sync.resync();
        assertEquals(4, sync.pending().size(), "after a reconnect everything again");
        // left on the broker by an earlier run: deleted
        sync.seen("homeassistant/binary_sensor/n/old/config", "{}");
        sync.seen("homeassistant/binary_sensor/othernode/x/config", "{}");
        assertEquals(List.of(new HomeAssistantSync.Publication("homeassistant/binary_sensor/n/old/config", "")), sync.pending());
    }

    private static Optional<String> last(Mosquitto.Subscription s, String topic) {
        List<Mosquitto.Msg> on = s.on(topic);
        return on.isEmpty() ? Optional.empty() : Optional.of(on.get(on.size() - 1).payload());
    }

    private static Map<String, Mosquitto.Msg> byTopic(List<Mosquitto.Msg> msgs) {
        Map<String, Mosquitto.Msg> out = new java.util.HashMap<>();
        msgs.forEach(m -> out.put(m.topic(), m));
        return out;
    }
}
