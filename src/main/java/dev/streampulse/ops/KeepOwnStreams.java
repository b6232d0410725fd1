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
public record KeepOwnStreams(ConfigFile config, ProbeScheduler scheduler, FleetStatus fleet, ProbeMetrics metrics) implements Runnable {

    @Override
    public void run() {
        Set<String> mine = scheduler.mine(config.current().enabledStreams()).stream().map(StreamConfig::name)
                .collect(Collectors.toSet());
        fleet.retain(mine);
        metrics.retain(mine);
    }
}
