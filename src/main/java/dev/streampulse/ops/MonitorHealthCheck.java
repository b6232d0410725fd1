package dev.streampulse.ops;

import dev.streampulse.probe.ProbeCapacity;
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
 * node cannot renew its leases and so probes nothing, or when the fleet needs more probes at once than
 * the ceiling allows, or when healthy beats do go late for any other reason (a starved machine): never
 * silently, with the numbers.
 */
public class MonitorHealthCheck extends AbstractHealthCheck {
    private static final long TICK_STALE_MS = 5_000;

    private final HeartbeatStore store;
    private final ProbeScheduler scheduler;
    private final Path dataDir;
    private final NodeCoordinator node;
    private final ProbeCapacity capacity;

    public MonitorHealthCheck(HeartbeatStore store, ProbeScheduler scheduler, Path dataDir, NodeCoordinator node,
                              ProbeCapacity capacity) {
        super("streampulse", "monitor");
        this.store = store;
        this.scheduler = scheduler;
        this.dataDir = dataDir;
        this.node = node;
        this.capacity = capacity;
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
        ProbeCapacity.Plan plan = capacity.plan();
        int skipped = scheduler.streamsSkippedSince(System.currentTimeMillis() - 60_000);
        builder.detail("probe.sessions.needed", round(plan.needed()))
                .detail("probe.sessions.available", plan.ceiling())
                .detail("probe.lane.fast.threads", plan.fast()).detail("probe.lane.fast.needed", round(plan.fastNeed()))
                .detail("probe.lane.slow.threads", plan.slow()).detail("probe.lane.slow.needed", round(plan.slowNeed()))
                .detail("probe.in.flight", capacity.inFlight())
                .detail("probe.queued", capacity.queued())
                .detail("probe.waiting.for.host", scheduler.waitingForHost())
                .detail("probe.streams.skipped.last.minute", skipped);
        var late = scheduler.punctuality().recent(System.currentTimeMillis());
        builder.detail("probe.beats.last.30s", late.beats()).detail("probe.beats.late.last.30s", late.late())
                .detail("probe.slow.beats.last.30s", late.slowBeats()).detail("probe.slow.beats.late.last.30s", late.slowLate());
        if (problem != null) {
            builder.message(problem).detail("writer", problem).down();
        } else if (sinceTick > TICK_STALE_MS) {
            builder.message("probe scheduler has not ticked for " + sinceTick + " ms").down();
        } else if (capacity.problem() != null) {
            builder.message(capacity.problem()).down();
        } else {
            builder.up();
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
