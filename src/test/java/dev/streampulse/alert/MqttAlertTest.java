package dev.streampulse.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.health.StreamState;
import dev.streampulse.sim.CameraSimulator;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded broker on 127.0.0.1: each stream's availability lands retained on its own topic, so a
 * client that subscribes later (Home Assistant after a restart) still learns online/offline.
 */
class MqttAlertTest {
    @TempDir
    Path dir;

    record Seen(String payload, boolean retained) {}

    @Test
    void availabilityIsRetainedPerStream() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("data_path", dir.resolve("mq").toString());
        Server broker = new Server();
        broker.startServer(new MemoryConfig(p));
        try {
            runUntilBothAlertsSent("paho:streampulse?brokerUrl=tcp://127.0.0.1:" + port + "&retained=true&qos=1");

            // a late subscriber gets both retained states
            Map<String, Seen> seen = new ConcurrentHashMap<>();
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "late-subscriber", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            client.connect(o);
            try {
                client.subscribe("streampulse/+/availability", 1, (topic, msg) ->
                        seen.put(topic, new Seen(new String(msg.getPayload(), StandardCharsets.UTF_8), msg.isRetained())));
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            } finally {
                client.disconnect();
                client.close();
            }
            // they were published before this client connected: only a retained message reaches it.
            // (Moquette 0.17 delivers stored retained messages with the retain flag cleared, so the
            // flag itself is not asserted.)
            assertEquals("offline", seen.get("streampulse/gate/availability").payload());
            assertEquals("online", seen.get("streampulse/yard_cam/availability").payload(), "'/' in a name is no topic level");
        } finally {
            broker.stopServer();
        }
    }

    record Published(int protocolVersion, String topic, String payload, boolean retain, int qos) {}

    /**
     * paho-mqtt5: Moquette 0.17 refuses MQTT 5 connections, so a Vert.x MQTT server takes them and
     * records each PUBLISH as it arrives on the wire: protocol 5, the stream's topic, retain set, QoS 1.
     */
    @Test
    void mqtt5PublishesRetainedAvailabilityPerStream() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Published> received = new CopyOnWriteArrayList<>();
        MqttServer server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0));
        server.endpointHandler(endpoint -> {
            int version = endpoint.protocolVersion();
            endpoint.publishHandler(m -> {
                received.add(new Published(version, m.topicName(), m.payload().toString(StandardCharsets.UTF_8),
                        m.isRetain(), m.qosLevel().value()));
                if (m.qosLevel() == MqttQoS.AT_LEAST_ONCE) endpoint.publishAcknowledge(m.messageId());
                else if (m.qosLevel() == MqttQoS.EXACTLY_ONCE) endpoint.publishReceived(m.messageId());
            });
            endpoint.publishReleaseHandler(endpoint::publishComplete);
            endpoint.accept(false);
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            runUntilBothAlertsSent("paho-mqtt5:streampulse?brokerUrl=tcp://127.0.0.1:" + server.actualPort()
                    + "&retained=true&qos=1");
            Map<String, Published> byTopic = new ConcurrentHashMap<>();
            received.forEach(m -> byTopic.put(m.topic(), m));
            assertEquals(Set.of("streampulse/gate/availability", "streampulse/yard_cam/availability"), byTopic.keySet(),
                    "one topic per stream, '/' in a name is no topic level: " + received);
            assertEquals("offline", byTopic.get("streampulse/gate/availability").payload());
            assertEquals("online", byTopic.get("streampulse/yard_cam/availability").payload());
            for (Published m : received) {
                assertEquals(5, m.protocolVersion(), "paho-mqtt5 speaks MQTT 5: " + m);
                assertTrue(m.retain(), "availability is retained: " + m);
                assertEquals(1, m.qos(), m.toString());
            }
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** One camera down (refused), one up; returns once the alert route has sent both availability messages. */
    private void runUntilBothAlertsSent(String alertUri) throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(0).start()) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    heartbeat_seconds: 1
                    health: {fail_threshold: 2, recover_threshold: 2}
                    streams:
                      - {name: gate, url: "%s"}
                      - {name: "yard/cam", url: "%s"}
                    alerts:
                      - name: home-assistant
                        uri: "%s"
                        topic: "streampulse/{stream}/availability"
                        events: [up, down]
                    """.formatted(sim.refusedHttpUrl(), sim.mjpegUrl("/cam1"), alertUri));
            try (StreamPulseApp app = StreamPulseApp.start(Mode.RUN, config, Map.of("camel.server.enabled", "false",
                    "streampulse.tickMillis", "50"))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> app.health().status("gate").state() == StreamState.DOWN
                        && app.health().status("yard/cam").state() == StreamState.UP);
                AlertSelector alerts = app.camel().getRegistry().lookupByNameAndType("alertSelector", AlertSelector.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> alerts.sentCount() == 2);
            }
        }
    }
}
