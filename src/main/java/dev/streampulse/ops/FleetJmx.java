package dev.streampulse.ops;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.ProbeScheduler;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers {@code dev.streampulse:type=Fleet} on the platform MBean server. */
public class FleetJmx implements FleetMXBean, AutoCloseable {
    public static final String NAME = "dev.streampulse:type=Fleet";

    private final ConfigFile config;
    private final FleetStatus fleet;
    private final ProbeScheduler scheduler;
    private final ObjectName name;

    public FleetJmx(ConfigFile config, FleetStatus fleet, ProbeScheduler scheduler) throws JMException {
        this.config = config;
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.name = new ObjectName(NAME);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) server.unregisterMBean(name); // a previous app in the same JVM (tests)
        server.registerMBean(this, name);
    }

    private FleetStatus.Counts counts() {
        // with several monitor nodes, each reports its own share
        return fleet.counts(scheduler.mine(config.current().enabledStreams()).size());
    }

    @Override
    public int getStreamsConfigured() {
        return config.current().streams().size();
    }

    @Override
    public int getStreamsUp() {
        return counts().up();
    }

    @Override
    public int getStreamsDown() {
        return counts().down();
    }

    @Override
    public int getStreamsUnknown() {
        return counts().unknown();
    }

    @Override
    public long getProbesStarted() {
        return scheduler.started();
    }

    @Override
    public long getProbesSkipped() {
        return scheduler.skipped();
    }

    @Override
    public List<StreamView> getStreams() {
        List<StreamView> out = new ArrayList<>();
        for (StreamConfig s : config.current().streams()) out.add(view(s.name(), s.enabled()));
        return out;
    }

    @Override
    public String describe(String stream) {
        StreamView v = view(stream, true);
        return v.getName() + ": " + v.getStatus() + (v.getLastReason().isEmpty() ? "" : " (" + v.getLastReason() + ")")
                + ", latency " + v.getLastLatencyMs() + " ms";
    }

    private StreamView view(String stream, boolean enabled) {
        Heartbeat b = fleet.latest(stream);
        if (!enabled) return new StreamView(stream, "DISABLED", 0, "", 0);
        if (b == null) return new StreamView(stream, "UNKNOWN", 0, "", 0);
        return new StreamView(stream, b.ok() ? "UP" : "DOWN", b.latencyMs(), b.reason() == null ? "" : b.reason().name(), b.ts());
    }

    @Override
    public void close() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException ignored) {
            // already gone
        }
    }
}
