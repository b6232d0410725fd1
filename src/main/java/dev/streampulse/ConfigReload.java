package dev.streampulse;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.Evidence;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.HostLimiter;
import dev.streampulse.probe.ProbeScheduler;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a hot reload that take more than one call on one bean; the route
 * {@code config-apply} (routes/common/config.camel.yaml) runs them in turn with the others.
 */
public final class ConfigReload {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);
    private final AppConfig startedWith;
    private final ProbeScheduler scheduler;
    private final FrameProbe probe;
    private final Evidence evidence;

    ConfigReload(AppConfig startedWith, ProbeScheduler scheduler, FrameProbe probe, Evidence evidence) {
        this.startedWith = startedWith;
        this.scheduler = scheduler;
        this.probe = probe;
        this.evidence = evidence;
    }

    public void warnRestartSettings(AppConfig c) {
        if (!c.database().equals(startedWith.database()) || !c.node().equals(startedWith.node())) {
            LOG.warn("database: and node: settings take effect at the next restart");
        }
        if (!Objects.equals(c.homeAssistant(), startedWith.homeAssistant())) {
            LOG.warn("home_assistant: settings take effect at the next restart");
        }
    }

    /** Every stream the config lists, enabled or not: status and metrics of the others are dropped. */
    public Set<String> streamNames(AppConfig c) {
        return c.streams().stream().map(StreamConfig::name).collect(Collectors.toSet());
    }

    /** New session caps replace the limiter; probes in flight close their permits on the one they came from. */
    public void sessionCaps(AppConfig c) {
        HostLimiter old = scheduler.limiter();
        if (old.perCamera() != c.probe().perHostLimit() || !old.hostCaps().equals(c.probe().hosts())) {
            HostLimiter limiter = new HostLimiter(c.probe().perHostLimit(), c.probe().hosts());
            scheduler.setLimiter(limiter);
            probe.setLimiter(limiter);
        }
    }

    public void evidence(AppConfig c) {
        evidence.setMax(c.evidenceFiles());
        probe.setEvidenceWidth(c.evidenceFiles() > 0 ? FrameProbe.EVIDENCE_WIDTH : 0);
    }
}
