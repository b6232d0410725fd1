package dev.streampulse.ops;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.Heartbeat;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code streampulse/streams}: how many cameras are up and down. Always UP itself — a camera being
 * down is the monitor doing its job — with per-stream details (names and reasons, never URLs).
 */
public class StreamsHealthCheck extends AbstractHealthCheck {
    private final ConfigFile config;
    private final FleetStatus fleet;
    private final java.util.function.Predicate<StreamConfig> mine;

    /** @param mine the streams this process probes (with several monitor nodes, its share) */
    public StreamsHealthCheck(ConfigFile config, FleetStatus fleet, java.util.function.Predicate<StreamConfig> mine) {
        super("streampulse", "streams");
        this.config = config;
        this.fleet = fleet;
        this.mine = mine;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<StreamConfig> own = config.current().enabledStreams().stream().filter(mine).toList();
        FleetStatus.Counts c = fleet.counts(own.size());
        builder.detail("up", c.up()).detail("down", c.down()).detail("unknown", c.unknown());
        for (StreamConfig s : own) {
            Heartbeat b = fleet.latest(s.name());
            String state = b == null ? "UNKNOWN" : b.ok() ? "UP" : "DOWN " + b.reason();
            builder.detail("stream." + s.name(), state);
        }
        builder.up();
    }
}
