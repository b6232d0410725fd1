package dev.streampulse.homeassistant;

import dev.streampulse.config.HomeAssistantSettings;
import dev.streampulse.config.UrlRedactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StreamPulse's one MQTT 3.1.1 session with Home Assistant's broker: last will "offline" (retained) on
 * the availability topic, reconnects on its own (and keeps trying when the broker was down at start),
 * listens for Home Assistant's birth message and for what the broker retains of ours. Every (re)connect
 * asks the listener to publish everything again: a restarted broker may have lost its retained messages.
 */
public final class BrokerSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSession.class);
    /** unacknowledged publications at once; paho refuses more than its max-inflight */
    private static final int WINDOW = 500;

    /** What the session tells its owner. */
    public interface Listener {
        void resync();

        void seen(String topic, String payload);
    }

    private final HomeAssistantSettings settings;
    private final Discovery discovery;
    private final Listener listener;
    private final LongSupplier now;
    private final MqttAsyncClient client;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final Deque<IMqttDeliveryToken> inflight = new ArrayDeque<>();
    /** after the first connection paho reconnects by itself; a connect() of ours would race its own */
    private volatile boolean everConnected;
    private volatile long nextAttempt;
    private long backoffMs = 1000;
    private volatile boolean closed;

    public BrokerSession(HomeAssistantSettings settings, HomeAssistantSync sync, LongSupplier now) {
        this.settings = settings;
        this.discovery = sync.discovery();
        this.listener = sync;
        this.now = now;
        try {
            client = new MqttAsyncClient(settings.broker(), "streampulse-" + settings.nodeId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("home_assistant.broker " + UrlRedactor.redact(settings.broker()) + ": " + e.getMessage(), e);
        }
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                LOG.info("Home Assistant: connected to MQTT broker {}{}", UrlRedactor.redact(serverURI), reconnect ? " again" : "");
                everConnected = true;
                subscribe();
                listener.resync();
            }

            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("Home Assistant: MQTT broker connection lost ({}); reconnecting", cause == null ? "closed" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                if (topic.equals(discovery.statusTopic())) {
                    if (payload.equals(Discovery.ONLINE)) listener.resync();
                } else {
                    listener.seen(topic, payload);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
    }

    /**
     * Whether publications can go out now; starts a connect when none is under way (a broker down at
     * start-up is tried again with back-off up to a minute; afterwards paho reconnects by itself).
     */
    public boolean ready() {
        if (closed) return false;
        if (client.isConnected()) return true;
        if (!everConnected && now.getAsLong() >= nextAttempt && connecting.compareAndSet(false, true)) {
            try {
                client.connect(options(), null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        connecting.set(false);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        connecting.set(false);
                        nextAttempt = now.getAsLong() + backoffMs;
                        LOG.warn("Home Assistant: cannot connect to MQTT broker {} ({}); next try in {} s",
                                UrlRedactor.redact(settings.broker()), e == null ? "failed" : e.getMessage(), backoffMs / 1000);
                        backoffMs = Math.min(backoffMs * 2, 60_000);
                    }
                });
            } catch (MqttException e) {
                connecting.set(false);
                nextAttempt = now.getAsLong() + backoffMs;
            }
        }
        return false;
    }

    /** One retained QoS 1 message; a failure asks for a full re-publish once the session is back. */
    public void publish(HomeAssistantSync.Publication p) {
        try {
            while (inflight.size() >= WINDOW) inflight.removeFirst().waitForCompletion(10_000);
            inflight.removeIf(IMqttDeliveryToken::isComplete);
            inflight.add(client.publish(p.topic(), p.payload().getBytes(StandardCharsets.UTF_8), 1, true));
        } catch (MqttException e) {
            LOG.debug("Home Assistant: publish to {} failed: {}", p.topic(), e.getMessage());
            listener.resync();
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(60_000);
        o.setMaxInflight(WINDOW * 2);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setWill(discovery.availabilityTopic(), Discovery.OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
        if (settings.user() != null) o.setUserName(settings.user());
        if (settings.password() != null) o.setPassword(settings.password().toCharArray());
        return o;
    }

    private void subscribe() {
        try {
            client.subscribe(discovery.statusTopic(), 1);
            for (String t : discovery.ownTopics()) client.subscribe(t, 1);
        } catch (MqttException e) {
            LOG.warn("Home Assistant: cannot subscribe to {}: {}", discovery.statusTopic(), e.getMessage());
        }
    }

    /** Says offline (retained) before leaving: a clean disconnect does not fire the last will. */
    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.publish(discovery.availabilityTopic(), Discovery.OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true)
                        .waitForCompletion(2_000);
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.debug("Home Assistant: disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Home Assistant: close: {}", e.getMessage());
        }
    }
}
