package dev.streampulse.homeassistant;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.HomeAssistantSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.StreamStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What Home Assistant should hold (availability, each enabled stream's discovery configs and state, all
 * retained) against what the broker holds of ours: {@link #pending()} is the difference. A stream
 * removed from the config (or left on the broker by an earlier run) gets an empty retained payload,
 * which removes it from Home Assistant; after a reconnect or Home Assistant's birth message everything
 * goes out again.
 */
public final class HomeAssistantSync implements BrokerSession.Listener {
    /** One retained MQTT message; an empty payload deletes the topic's retained message. */
    public record Publication(String topic, String payload) {}

    private final Supplier<AppConfig> config;
    private final Function<String, StreamStatus> status;
    private final Discovery discovery;
    /** topic → payload the broker retains from us, as far as we know (our publications and what the subscription shows) */
    private final Map<String, String> onBroker = new ConcurrentHashMap<>();
    private final AtomicBoolean resync = new AtomicBoolean(true);
    /** discovery configs by stream, rebuilt only when the stream's config changes */
    private final Map<String, Map.Entry<StreamConfig, Map<String, String>>> configs = new HashMap<>();

    public HomeAssistantSync(HomeAssistantSettings settings, Supplier<AppConfig> config, Function<String, StreamStatus> status) {
        this.config = config;
        this.status = status;
        this.discovery = new Discovery(settings);
    }

    Discovery discovery() {
        return discovery;
    }

    /** The messages that bring the broker to what Home Assistant should see, in order: configs before states. */
    public synchronized List<Publication> pending() {
        Map<String, String> want = new LinkedHashMap<>();
        Map<String, String> states = new LinkedHashMap<>();
        want.put(discovery.availabilityTopic(), Discovery.ONLINE);
        Map<String, Map.Entry<StreamConfig, Map<String, String>>> kept = new HashMap<>();
        for (StreamConfig s : config.get().enabledStreams()) {
            var c = configs.get(s.name());
            if (c == null || !c.getKey().equals(s)) c = Map.entry(s, discovery.configs(s));
            kept.put(s.name(), c);
            want.putAll(c.getValue());
            states.put(discovery.stateTopic(Discovery.objectId(s.name())), Discovery.state(status.apply(s.name())));
        }
        configs.keySet().retainAll(kept.keySet());
        configs.putAll(kept);
        want.putAll(states);
        boolean all = resync.getAndSet(false);
        List<Publication> out = new ArrayList<>();
        want.forEach((topic, payload) -> {
            if (all || !payload.equals(onBroker.get(topic))) {
                out.add(new Publication(topic, payload));
                onBroker.put(topic, payload);
            }
        });
        for (String topic : List.copyOf(onBroker.keySet())) {
            if (!want.containsKey(topic)) {
                out.add(new Publication(topic, ""));
                onBroker.remove(topic);
            }
        }
        return out;
    }

    /** Publish everything again at the next {@link #pending()} (new session, Home Assistant restarted, a lost publish). */
    @Override
    public void resync() {
        resync.set(true);
    }

    /** A retained message of ours the broker holds (or our own publication coming back). */
    @Override
    public void seen(String topic, String payload) {
        if (!discovery.own(topic) || topic.equals(discovery.availabilityTopic())) return;
        if (payload.isEmpty()) onBroker.remove(topic);
        else onBroker.put(topic, payload);
    }
}
