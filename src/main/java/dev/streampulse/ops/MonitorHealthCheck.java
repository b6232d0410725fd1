package dev.streampulse.ops;

import dev.streampulse.probe.ProbeScheduler;
import dev.streampulse.store.HeartbeatStore;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.streampulse.cluster.NodeCoordinator;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code streampulse/monitor}, readiness: DOWN when heartbeats cannot be written (last write
 * failed, data dir not writable), when the probe loop has stopped ticking, or (scale-out) when this
 * node cannot renew its leases and so probes nothing.
 */
public class MonitorHealthCheck extends AbstractHealthCheck {
    private static final long TICK_STALE_MS = 5_000;

    private final HeartbeatStore store;
    private final ProbeScheduler scheduler;
    private final Path dataDir;
    private final NodeCoordinator node;

    public MonitorHealthCheck(HeartbeatStore store, ProbeScheduler scheduler, Path dataDir, NodeCoordinator node) {
        super("streampulse", "monitor");
        this.store = store;
        this.scheduler = scheduler;
        this.dataDir = dataDir;
        this.node = node;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long sinceTick = System.currentTimeMillis() - scheduler.lastTickMs();
        builder.detail("probe.loop.last.tick.ms.ago", sinceTick);
        String problem = store.writeProblem();
        if (problem == null && !Files.isWritable(dataDir)) problem = "data dir " + dataDir + " is not writable";
        if (node.active()) {
            builder.detail("node.id", node.settings().id()).detail("node.units", node.held().size());
            if (problem == null && node.problem() != null) problem = "node " + node.settings().id() + ": " + node.problem();
        }
        if (problem != null) {
            builder.message(problem).detail("writer", problem).down();
        } else if (sinceTick > TICK_STALE_MS) {
            builder.message("probe scheduler has not ticked for " + sinceTick + " ms").down();
        } else {
            builder.up();
        }
    }
}
