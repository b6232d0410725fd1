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
    /** per stream: its payloads, rebuilt only when its config or its status changes (a round must stay cheap at 1,000 streams) */
    private final Map<String, Known> known = new HashMap<>();

    private record Known(StreamConfig config, String stateTopic, Map<String, String> configs, StreamStatus status, String state) {}

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
        Map<String, Known> kept = new HashMap<>();
        for (StreamConfig s : config.get().enabledStreams()) {
            Known k = known.get(s.name());
            if (k == null || !k.config().equals(s)) {
                k = new Known(s, discovery.stateTopic(Discovery.objectId(s.name())), discovery.configs(s), null, null);
            }
            StreamStatus st = status.apply(s.name());
            if (!st.equals(k.status())) k = new Known(k.config(), k.stateTopic(), k.configs(), st, Discovery.state(st));
            kept.put(s.name(), k);
            want.putAll(k.configs());
            states.put(k.stateTopic(), k.state());
        }
        known.keySet().retainAll(kept.keySet());
        known.putAll(kept);
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
