package dev.streampulse.ops;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.ProbeScheduler;
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
    private final ProbeScheduler scheduler;

    /** Reports the streams {@code scheduler} probes (with several monitor nodes, this node's share). */
    public StreamsHealthCheck(ConfigFile config, FleetStatus fleet, ProbeScheduler scheduler) {
        super("streampulse", "streams");
        this.config = config;
        this.fleet = fleet;
        this.scheduler = scheduler;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<StreamConfig> own = scheduler.mine(config.current().enabledStreams());
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
