package dev.streampulse;

import dev.streampulse.alarms.CameraAlarms;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.StreamState;
import dev.streampulse.ops.FleetJmx;
import dev.streampulse.ops.MetricsEndpoint;
import dev.streampulse.ops.MonitorHealthCheck;
import dev.streampulse.probe.CameraKnock;
import dev.streampulse.relocate.Relocations;
import dev.streampulse.relocate.StreamRelocator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.JMException;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The beans only a monitor's routes use (routes/monitor, routes/metrics), bound by camel-main. */
public final class MonitorBeans implements CamelConfiguration {
    private final AppBeans app;
    private final CameraAlarms alarms;
    private final Relocations moves;
    private final FleetJmx jmx;
    /** the cheap first step for cameras that keep timing out: one shared Netty thread, see probe.camel.yaml */
    private final CameraKnock knock = new CameraKnock();
    private final Path dataDir;

    /** @param overrides the tests' ONVIF settings ({@code streampulse.onvif.*}) */
    MonitorBeans(AppBeans app, Map<String, String> overrides) throws JMException {
        this.app = app;
        this.dataDir = app.config.current().dataDir();
        Supplier<List<StreamConfig>> mine = () -> app.scheduler.mine(app.config.current().enabledStreams());
        Function<String, StreamState> stateOf = name -> app.health.status(name).state();
        this.jmx = new FleetJmx(app.config, app.fleet, app.scheduler);
        // the cameras' own ONVIF alarms (streams labelled onvif_device), see routes/monitor/onvif.camel.yaml
        this.alarms = new CameraAlarms(mine, app.database.events(), stateOf, app.clock::now, 
                () -> Duration.ofSeconds(app.config.current().onvif().clockDriftSeconds()));
        // MOVED: streams with an ONVIF serial are looked for by identity when their address stops answering
        this.moves = new Relocations(app.config, mine, app.fleet::latest, app.database.events(), stateOf, app.clock::now,
                new StreamRelocator(() -> Instant.ofEpochMilli(app.clock.now()), Duration.ofSeconds(2)),
                Relocations.discoveryPort(overrides.get("streampulse.onvif.discoveryPort")));
    }

    @BindToRegistry("monitorHealthCheck")
    public MonitorHealthCheck monitorHealthCheck() {
        return new MonitorHealthCheck(app.store, app.scheduler, dataDir, app.coordinator, app.capacity);
    }

    @BindToRegistry("cameraAlarms")
    public CameraAlarms cameraAlarms() {
        return alarms;
    }

    @BindToRegistry("relocations")
    public Relocations relocations() {
        return moves;
    }

    @BindToRegistry("cameraKnock")
    public CameraKnock cameraKnock() {
        return knock;
    }

    @BindToRegistry("metricsEndpoint")
    public MetricsEndpoint metricsEndpoint() {
        return new MetricsEndpoint(app.users, app.scrape);
    }

    /** What the app closes after Camel stopped. */
    List<AutoCloseable> closeables() {
        return List.of(jmx, alarms, moves, knock);
    }
}
