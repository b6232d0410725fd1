package dev.streampulse;

import dev.streampulse.config.HomeAssistantSettings;
import dev.streampulse.homeassistant.BrokerSession;
import dev.streampulse.homeassistant.HomeAssistantSync;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The beans of routes/homeassistant (MQTT discovery), bound by camel-main only when config.yaml has
 * {@code home_assistant:}: without it there is no broker session and the route folder is not loaded.
 */
public final class HomeAssistantBeans implements CamelConfiguration {
    private final HomeAssistantSync sync;
    private final BrokerSession session;

    /** @param overrides may carry {@code STREAMPULSE_MQTT_*} (tests); otherwise they come from the environment */
    HomeAssistantBeans(AppBeans app, HomeAssistantSettings settings, Map<String, String> overrides) {
        this.sync = new HomeAssistantSync(settings, app.config::current, app.health::status);
        Map<String, String> env = new HashMap<>(System.getenv());
        overrides.forEach((k, v) -> {
            if (k.startsWith("STREAMPULSE_MQTT_")) env.put(k, v);
        });
        this.session = new BrokerSession(settings.withEnv(env), sync, System::currentTimeMillis);
    }

    @BindToRegistry("homeAssistantSync")
    public HomeAssistantSync homeAssistantSync() {
        return sync;
    }

    @BindToRegistry("homeAssistantBroker")
    public BrokerSession homeAssistantBroker() {
        return session;
    }

    /** Closed by the app after Camel stopped (the last will then says offline). */
    AutoCloseable session() {
        return session;
    }
}
