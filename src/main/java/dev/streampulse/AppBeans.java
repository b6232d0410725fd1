package dev.streampulse;

import dev.streampulse.alert.AlertSelector;
import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.cluster.ConfigSync;
import dev.streampulse.cluster.NodeCoordinator;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.DatabaseSettings;
import dev.streampulse.config.NodeSettings;
import dev.streampulse.health.EventLog;
import dev.streampulse.health.Evidence;
import dev.streampulse.health.StreamHealth;
import dev.streampulse.incident.Incidents;
import dev.streampulse.ops.FleetStatus;
import dev.streampulse.ops.MetricsScrape;
import dev.streampulse.ops.ProbeMetrics;
import dev.streampulse.ops.StreamsHealthCheck;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.HostLimiter;
import dev.streampulse.probe.ProbeCapacity;
import dev.streampulse.probe.ProbeScheduler;
import dev.streampulse.store.BatchWriter;
import dev.streampulse.store.Database;
import dev.streampulse.store.HeartbeatStore;
import dev.streampulse.store.IncidentStore;
import dev.streampulse.store.Retention;
import dev.streampulse.web.Users;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The beans every mode's routes refer to by name, built from the config the process starts with and
 * bound by camel-main (a configuration class: each {@link BindToRegistry} method is one bean).
 */
public final class AppBeans implements CamelConfiguration {
    final ConfigFile config;
    final AppConfig startedWith;
    final CorrectedClock clock;
    final ProbeScheduler scheduler = new ProbeScheduler();
    final FrameProbe probe;
    final ProbeCapacity capacity;
    final Database database;
    final HeartbeatStore store;
    final NodeCoordinator coordinator;
    final ConfigSync configSync;
    final Evidence evidence;
    final StreamHealth health;
    final AlertSelector alerts;
    final Incidents incidents;
    final Retention retention;
    final FleetStatus fleet = new FleetStatus();
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final ProbeMetrics probeMetrics;
    final BatchWriter writer;
    final MetricsScrape scrape;
    /** one users.json reader for the web's logins and /metrics' tokens (it re-reads the file when it changes) */
    final Users users;

    AppBeans(Mode mode, ConfigFile config, Supplier<CamelContext> camel) {
        this.config = config;
        AppConfig c = config.current();
        this.startedWith = c;
        this.clock = new CorrectedClock(c.ntpServers());
        // one set of session caps for scheduled probes (which wait in the scheduler) and on-demand grabs
        HostLimiter limiter = new HostLimiter(c.probe().perHostLimit(), c.probe().hosts());
        scheduler.setLimiter(limiter);
        this.probe = new FrameProbe(clock, limiter);
        this.capacity = new ProbeCapacity(scheduler, c.probe().concurrency());
        probe.setEvidenceWidth(c.evidenceFiles() > 0 ? FrameProbe.EVIDENCE_WIDTH : 0);
        // the schema exists before any route runs: a "create table" route could lose the race
        DatabaseSettings db = c.database().withEnv(System.getenv());
        this.database = Database.open(db.jdbcUrl(c.dataDir()), db.user(), db.password());
        this.store = database.heartbeats();
        // several monitor nodes share one PostgreSQL (or name themselves): they split the streams
        NodeSettings node = c.node().withEnv(System.getenv(), hostName());
        boolean coordinated = mode.monitor && (db.shared() || node.explicit());
        if (coordinated) database.setNodeId(node.id());
        this.coordinator = new NodeCoordinator(database.nodes(), node, coordinated, hostName(), System::currentTimeMillis);
        scheduler.setOwnership(coordinator::owns);
        // one stream list for every node and the web: the shared database keeps their config.yaml equal
        this.configSync = new ConfigSync(config, database.sharedConfig(), mode.monitor ? node.id() : "web@" + hostName(), db.shared());
        this.probeMetrics = new ProbeMetrics(metrics, fleet, scheduler);
        // ~100 k beats (~30 MB) bridge a full disk for minutes at 1,000 cameras before the oldest go
        this.writer = new BatchWriter(store, 100_000);
        probeMetrics.watch(writer);
        probeMetrics.watch(capacity, scheduler);
        this.scrape = new MetricsScrape(metrics, camel);
        this.users = new Users(c.dataDir().resolve("users.json"));
        this.evidence = new Evidence(c.dataDir().resolve("evidence"), c.evidenceFiles());
        this.health = new StreamHealth(database.events(), evidence, config::current, clock::now);
        this.alerts = new AlertSelector(config::current, System::currentTimeMillis);
        // site incidents: the alert route folds grouped streams' DOWN/UP into one; open ones resume after a restart
        this.incidents = new Incidents(config::current, clock::now,
                mode.monitor ? database.incidents().openIncidents() : List.of());
        this.retention = new Retention(store, database.events(), database.audit(), evidence, config::current, clock::now);
        probeMetrics.watchStates(name -> health.status(name).state());
    }

    @BindToRegistry("configFile")
    public ConfigFile configFile() {
        return config;
    }

    @BindToRegistry("clock")
    public CorrectedClock clock() {
        return clock;
    }

    @BindToRegistry("probeScheduler")
    public ProbeScheduler probeScheduler() {
        return scheduler;
    }

    @BindToRegistry("frameProbe")
    public FrameProbe frameProbe() {
        return probe;
    }

    @BindToRegistry("probeCapacity")
    public ProbeCapacity probeCapacity() {
        return capacity;
    }

    @BindToRegistry("probeLane")
    public ThreadPoolExecutor probeLane() {
        return capacity.fastLane();
    }

    @BindToRegistry("slowProbeLane")
    public ThreadPoolExecutor slowProbeLane() {
        return capacity.slowLane();
    }

    @BindToRegistry("heartbeatStore")
    public HeartbeatStore heartbeatStore() {
        return store;
    }

    @BindToRegistry("evidence")
    public Evidence evidence() {
        return evidence;
    }

    /** Writes the events {@code streamHealth.assess} decided (a step of the probe route). */
    @BindToRegistry("eventLog")
    public EventLog eventLog() {
        return new EventLog(database.events());
    }

    @BindToRegistry("batchWriter")
    public BatchWriter batchWriter() {
        return writer;
    }

    @BindToRegistry("streamHealth")
    public StreamHealth streamHealth() {
        return health;
    }

    @BindToRegistry("incidents")
    public Incidents incidents() {
        return incidents;
    }

    @BindToRegistry("incidentStore")
    public IncidentStore incidentStore() {
        return database.incidents();
    }

    @BindToRegistry("alertSelector")
    public AlertSelector alertSelector() {
        return alerts;
    }

    @BindToRegistry("retention")
    public Retention retention() {
        return retention;
    }

    @BindToRegistry("nodeCoordinator")
    public NodeCoordinator nodeCoordinator() {
        return coordinator;
    }

    @BindToRegistry("configSync")
    public ConfigSync configSync() {
        return configSync;
    }

    @BindToRegistry("fleetStatus")
    public FleetStatus fleetStatus() {
        return fleet;
    }

    @BindToRegistry("probeMetrics")
    public ProbeMetrics probeMetrics() {
        return probeMetrics;
    }

    @BindToRegistry("streamsHealthCheck")
    public StreamsHealthCheck streamsHealthCheck() {
        return new StreamsHealthCheck(config, fleet, scheduler);
    }

    /** The steps of a config reload that are more than one call (routes/common/config.camel.yaml). */
    @BindToRegistry("configReload")
    public ConfigReload configReload() {
        return new ConfigReload(startedWith, scheduler, probe, evidence);
    }

    /** The default node id: the host (container) name, read without a DNS look-up. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            return "node-" + ProcessHandle.current().pid();
        }
    }
}
