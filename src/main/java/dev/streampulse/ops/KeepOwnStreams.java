package dev.streampulse.ops;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.ProbeScheduler;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Run when the node coordinator hands streams over (scale-out): streams another node now probes
 * leave this node's in-memory status and metrics, since they report there.
 */
public final class KeepOwnStreams implements Runnable {
    private final ConfigFile config;
    private final ProbeScheduler scheduler;
    private final FleetStatus fleet;
    private final ProbeMetrics metrics;

    public KeepOwnStreams(ConfigFile config, ProbeScheduler scheduler, FleetStatus fleet, ProbeMetrics metrics) {
        this.config = config;
        this.scheduler = scheduler;
        this.fleet = fleet;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        Set<String> mine = scheduler.mine(config.current().enabledStreams()).stream().map(StreamConfig::name)
                .collect(Collectors.toSet());
        fleet.retain(mine);
        metrics.retain(mine);
    }
}
