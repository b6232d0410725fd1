package dev.streampulse;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which route folders and Camel properties a mode runs with: a pure function of the mode, a few
 * facts from the config and the caller's overrides, decided before Camel starts.
 * Route folders under {@code src/main/resources/routes/}: {@code common} (every mode), {@code monitor}
 * (probe, store, alerts, node, onvif), {@code web} (dashboard and API, which need the web beans) and
 * {@code metrics} ({@code /metrics} of a monitor that has an HTTP server to attach it to) and
 * {@code homeassistant} (MQTT discovery of a monitor whose config has {@code home_assistant:}).
 */
public final class ModeProperties {
    private ModeProperties() {}

    /**
     * @param webHost        {@code web.host}, or null when the config has no {@code web:} section
     * @param tls            {@code web.tls} is set (the SSL context itself is read by the caller)
     * @param nodeActive     this monitor coordinates with other nodes (shared database or named node)
     * @param nodeHeartbeatMs the node protocol's beat
     * @param homeAssistant  config.yaml has {@code home_assistant:} (its routes need its beans)
     */
    public record Facts(Path dataDir, String webHost, int webPort, boolean tls, boolean nodeActive, long nodeHeartbeatMs,
                        boolean homeAssistant) {
        public Facts(Path dataDir, String webHost, int webPort, boolean tls, boolean nodeActive, long nodeHeartbeatMs) {
            this(dataDir, webHost, webPort, tls, nodeActive, nodeHeartbeatMs, false);
        }
    }

    public static Map<String, String> of(Mode mode, Facts facts, Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("streampulse.dataDir", facts.dataDir().toString());
        // a single box has no node protocol: its node route need not wake four times a second
        props.put("streampulse.node.pollMillis",
                Long.toString(facts.nodeActive() ? Math.min(250, facts.nodeHeartbeatMs()) : facts.nodeHeartbeatMs()));
        if (facts.webHost() != null) {
            props.put("camel.server.host", facts.webHost());
            props.put("camel.server.port", Integer.toString(facts.webPort()));
        }
        // web.tls: HTTPS on the one port (dashboard, API, /observe/health)
        if (facts.tls()) props.put("camel.server.useGlobalSslContextParameters", "true");
        props.putAll(overrides);
        // no HTTP server at all (embedded runs, the benchmark): /metrics has nothing to attach to
        boolean http = !("false".equals(props.get("camel.server.enabled")) && "false".equals(props.get("camel.management.enabled")));
        props.putIfAbsent("camel.main.routesIncludePattern", routes(mode, http, facts.homeAssistant()));
        // health lives on the main port: a separate management port fails to start in Camel 4.17
        props.putIfAbsent("camel.management.port", props.getOrDefault("camel.server.port", "8000"));
        if (mode.monitor) {
            // users' own routes: loaded one by one after the start, then watched by Camel's routes-reload
            props.putIfAbsent("camel.main.routesReloadEnabled", "true");
            props.putIfAbsent("camel.main.routesReloadDirectory", facts.dataDir().resolve("routes").toString());
            props.putIfAbsent("camel.main.routesReloadPattern", "*.camel.yaml");
            props.putIfAbsent("camel.main.routesReloadRestartDuration", "false");
            // reload only the edited file's routes: the default would stop and re-add every route, the monitor's too
            props.putIfAbsent("camel.main.routesReloadRemoveAllRoutes", "false");
        }
        return props;
    }

    /** The route folders of a mode; a monitor-only process still serves /observe/health on its port. */
    static String routes(Mode mode, boolean http, boolean homeAssistant) {
        StringBuilder folders = new StringBuilder(folder("common"));
        if (mode.monitor) folders.append(',').append(folder("monitor"));
        if (mode.web) folders.append(',').append(folder("web"));
        if (mode.monitor && http) folders.append(',').append(folder("metrics"));
        if (mode.monitor && homeAssistant) folders.append(',').append(folder("homeassistant"));
        return folders.toString();
    }

    private static String folder(String name) {
        return "classpath:routes/" + name + "/*.camel.yaml";
    }
}
