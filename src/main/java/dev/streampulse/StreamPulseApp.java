package dev.streampulse;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.DatabaseSettings;
import dev.streampulse.config.NodeSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.cluster.ConfigSync;
import dev.streampulse.cluster.NodeCoordinator;
import dev.streampulse.alert.AlertSelector;
import dev.streampulse.health.Evidence;
import dev.streampulse.health.Retention;
import dev.streampulse.health.StreamHealth;
import dev.streampulse.ops.FleetJmx;
import dev.streampulse.ops.FleetStatus;
import dev.streampulse.ops.MetricsEndpoint;
import dev.streampulse.ops.MetricsScrape;
import dev.streampulse.ops.MonitorHealthCheck;
import dev.streampulse.ops.ProbeMetrics;
import dev.streampulse.ops.StreamsHealthCheck;
import dev.streampulse.ops.UserRoutes;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.HostLimiter;
import dev.streampulse.probe.ProbeCapacity;
import dev.streampulse.probe.ProbeScheduler;
import dev.streampulse.store.BatchWriter;
import dev.streampulse.store.HeartbeatStore;
import dev.streampulse.store.SqlHeartbeatStore;
import dev.streampulse.web.Users;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the beans the routes wire together and starts Camel with the routes of the chosen mode.
 * The data flow itself is in {@code src/main/resources/routes/}.
 */
public final class StreamPulseApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPulseApp.class);

    private final Mode mode;
    private final ConfigFile config;
    private final CorrectedClock clock;
    private final ProbeScheduler scheduler = new ProbeScheduler();
    private final FrameProbe probe;
    private final ProbeCapacity capacity;
    private final SqlHeartbeatStore store;
    private final NodeCoordinator coordinator;
    private final ConfigSync configSync;
    private final Evidence evidence;
    private final StreamHealth health;
    private final AlertSelector alerts;
    private final Retention retention;
    private final FleetStatus fleet = new FleetStatus();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProbeMetrics probeMetrics;
    private final BatchWriter writer;
    private final MetricsScrape scrape;
    /** one users.json reader for the web's logins and /metrics' tokens (it re-reads the file when it changes) */
    private final Users users;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private final Main main = new Main();
    private final AppConfig startedWith;

    private StreamPulseApp(Mode mode, ConfigFile config) {
        this.mode = mode;
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
        this.store = new SqlHeartbeatStore(db.jdbcUrl(c.dataDir()), db.user(), db.password());
        // several monitor nodes share one PostgreSQL (or name themselves): they split the streams
        NodeSettings node = c.node().withEnv(System.getenv(), hostName());
        boolean coordinated = mode.monitor && (db.shared() || node.explicit());
        if (coordinated) store.setNodeId(node.id());
        this.coordinator = new NodeCoordinator(store, node, coordinated, hostName(), System::currentTimeMillis);
        scheduler.setOwnership(coordinator::owns);
        // one stream list for every node and the web: the shared database keeps their config.yaml equal
        this.configSync = new ConfigSync(config, store, mode.monitor ? node.id() : "web@" + hostName(), db.shared());
        this.probeMetrics = new ProbeMetrics(metrics, fleet, scheduler);
        // ~100 k beats (~30 MB) bridge a full disk for minutes at 1,000 cameras before the oldest go
        this.writer = new BatchWriter(store, 100_000);
        probeMetrics.watch(writer);
        probeMetrics.watch(capacity, scheduler);
        this.scrape = new MetricsScrape(metrics, main::getCamelContext);
        this.users = new Users(c.dataDir().resolve("users.json"));
        this.evidence = new Evidence(c.dataDir().resolve("evidence"), c.evidenceFiles());
        this.health = new StreamHealth(store, evidence, config::current, clock::now);
        this.alerts = new AlertSelector(config::current, System::currentTimeMillis);
        this.retention = new Retention(store, store, store, evidence, config::current, clock::now);
        probeMetrics.watchStates(name -> health.status(name).state());
    }

    /**
     * Starts StreamPulse and returns once its routes run.
     *
     * @param overrides Camel/StreamPulse properties that win over application.properties (tests use
     *                  them for short periods and port 0)
     */
    public static StreamPulseApp start(Mode mode, Path configPath, Map<String, String> overrides) throws Exception {
        ConfigFile config;
        try {
            config = ConfigFile.open(configPath);
        } catch (ConfigException e) {
            throw new IllegalStateException("Cannot start: " + e.getMessage(), e);
        }
        StreamPulseApp app = new StreamPulseApp(mode, config);
        try {
            app.startCamel(overrides);
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void startCamel(Map<String, String> overrides) throws Exception {
        if (mode.monitor) config.onChange(this::apply);
        configSync.sync(); // scale-out: start from the fleet's config, not a stale local copy
        AppConfig c = config.current();
        if (mode.monitor) {
            c.demo().ifPresent(d -> extras.add(DemoCamera.start(d)));
            clock.sync();
            scheduler.update(c.enabledStreams());
            // streams handed to another node leave this node's in-memory status and metrics (they report there)
            coordinator.onShareChange(() -> {
                Set<String> mine = scheduler.mine(config.current().enabledStreams()).stream().map(StreamConfig::name)
                        .collect(Collectors.toSet());
                fleet.retain(mine);
                probeMetrics.retain(mine);
            });
            if (coordinator.active()) {
                // other nodes watch the streams this one does not: states continue through the shared log
                health.shareWithOtherNodes(name -> {
                    List<dev.streampulse.probe.Heartbeat> newest = store.beats(name, 0, Long.MAX_VALUE, 1);
                    return newest.isEmpty() ? null : newest.get(0).ts();
                }, coordinator.settings().timeoutSeconds() * 1000L);
            } else {
                Map<String, Long> lastBeats = new HashMap<>();
                store.latest().forEach((name, beat) -> lastBeats.put(name, beat.ts()));
                health.restore(lastBeats);
            }
        }
        main.bind("configFile", config);
        main.bind("clock", clock);
        main.bind("probeScheduler", scheduler);
        main.bind("frameProbe", probe);
        var knock = new dev.streampulse.probe.CameraKnock();
        extras.add(knock);
        main.bind("cameraKnock", knock);
        main.bind("probeCapacity", capacity);
        main.bind("probeLane", capacity.fastLane());
        main.bind("slowProbeLane", capacity.slowLane());
        main.bind("heartbeatStore", store);
        main.bind("batchWriter", writer);
        main.bind("streamHealth", health);
        main.bind("alertSelector", alerts);
        main.bind("retention", retention);
        main.bind("nodeCoordinator", coordinator);
        main.bind("configSync", configSync);
        if (mode.web) dev.streampulse.web.WebBeans.bind(main, config, users, store, store, probe, scheduler, health, store);
        main.bind("fleetStatus", fleet);
        main.bind("probeMetrics", probeMetrics);
        main.bind("streamsHealthCheck", new StreamsHealthCheck(config, fleet, scheduler));
        if (mode.monitor) {
            main.bind("monitorHealthCheck", new MonitorHealthCheck(store, scheduler, c.dataDir(), coordinator, capacity));
            extras.add(new FleetJmx(config, fleet, scheduler));
            // the cameras' own ONVIF alarms (streams labelled onvif_device), see routes/onvif.camel.yaml
            var alarms = new dev.streampulse.alarms.CameraAlarms(() -> scheduler.mine(config.current().enabledStreams()), store,
                    name -> health.status(name).state(), clock::now, java.time.Duration.ofSeconds(
                            Long.parseLong(overrides.getOrDefault("streampulse.onvif.clockDriftSeconds", "30"))));
            extras.add(alarms);
            main.bind("cameraAlarms", alarms);
            // MOVED: streams with an ONVIF serial are looked for by identity when their address stops answering
            var moves = new dev.streampulse.relocate.Relocations(config, () -> scheduler.mine(config.current().enabledStreams()),
                    fleet::latest, store, name -> health.status(name).state(), clock::now,
                    new dev.streampulse.relocate.StreamRelocator(() -> java.time.Instant.ofEpochMilli(clock.now()), java.time.Duration.ofSeconds(2)),
                    dev.streampulse.relocate.Relocations.discoveryPort(overrides.get("streampulse.onvif.discoveryPort")));
            extras.add(moves);
            main.bind("relocations", moves);
            main.bind("metricsEndpoint", new MetricsEndpoint(users, scrape));
        }

        Map<String, String> props = new HashMap<>();
        props.put("streampulse.dataDir", c.dataDir().toString());
        long nodeHeartbeatMs = coordinator.settings().heartbeatSeconds() * 1000L;
        // a single box has no node protocol: its node route need not wake four times a second
        props.put("streampulse.node.pollMillis", Long.toString(coordinator.active() ? Math.min(250, nodeHeartbeatMs) : nodeHeartbeatMs));
        // monitor mode: every route but the web's; web mode: config watch and web routes only.
        // A monitor-only process still serves /observe/health on its port.
        if (mode.monitor) {
            props.put("camel.main.routesIncludePattern", "classpath:routes/*.camel.yaml");
            // the web routes need the web beans, which only web/run mode binds ("classpath:" patterns do not match here)
            if (!mode.web) props.put("camel.main.routesExcludePattern", "**/web*.camel.yaml");
        } else {
            props.put("camel.main.routesIncludePattern", "classpath:routes/config.camel.yaml,classpath:routes/web*.camel.yaml");
        }
        c.web().ifPresent(w -> {
            props.put("camel.server.host", w.host());
            props.put("camel.server.port", Integer.toString(w.port()));
        });
        // web.tls: HTTPS on the one port (dashboard, API, /observe/health); read before Camel starts,
        // so a missing or unreadable key stops the start with its reason
        org.apache.camel.support.jsse.SSLContextParameters tls = c.web().filter(w -> w.tls() != null)
                .map(w -> dev.streampulse.web.TlsKeys.sslContext(w.tls(), c.dataDir(), w.host())).orElse(null);
        if (tls != null) {
            props.put("camel.server.useGlobalSslContextParameters", "true");
            main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
                @Override
                public void afterConfigure(org.apache.camel.main.BaseMainSupport m) {
                    m.getCamelContext().setSSLContextParameters(tls);
                }
            });
        }
        props.putAll(overrides);
        if ("false".equals(props.get("camel.server.enabled")) && "false".equals(props.get("camel.management.enabled"))) {
            // no HTTP server at all (embedded runs, the benchmark): /metrics has nothing to attach to
            String exclude = props.get("camel.main.routesExcludePattern");
            props.put("camel.main.routesExcludePattern", (exclude == null ? "" : exclude + ",") + "**/metrics.camel.yaml");
        }
        // health lives on the main port: a separate management port fails to start in Camel 4.17
        props.putIfAbsent("camel.management.port", props.getOrDefault("camel.server.port", "8000"));
        Path userRoutes = c.dataDir().resolve("routes");
        if (mode.monitor) {
            // users' own routes: loaded below one by one, then watched by Camel's routes-reload
            dev.streampulse.config.PrivateFiles.createDirectories(userRoutes);
            props.putIfAbsent("camel.main.routesReloadEnabled", "true");
            props.putIfAbsent("camel.main.routesReloadDirectory", userRoutes.toString());
            props.putIfAbsent("camel.main.routesReloadPattern", "*.camel.yaml");
            props.putIfAbsent("camel.main.routesReloadRestartDuration", "false");
            // reload only the edited file's routes: the default would stop and re-add every route, the monitor's too
            props.putIfAbsent("camel.main.routesReloadRemoveAllRoutes", "false");
        }
        // override, not initial: initial properties lose to application.properties, so the mode's
        // route pattern and the tests' host/port/server switch were silently ignored
        props.forEach(main::addOverrideProperty);
        guardHealth();
        main.start();
        if (mode.monitor) UserRoutes.load(main.getCamelContext(), userRoutes);
        LOG.info("StreamPulse started in {} mode: {} streams, data in {} ({}{})", mode.name().toLowerCase(),
                c.streams().size(), c.dataDir(), store.kind(), coordinator.active() ? ", node " + coordinator.settings().id() : "");
    }

    /** Anonymous /observe/health: overall status and check names only; details need an API token. */
    private void guardHealth() {
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void afterConfigure(org.apache.camel.main.BaseMainSupport m) {
                try {
                    m.getCamelContext().addStartupListener(new org.apache.camel.ExtendedStartupListener() {
                        @Override
                        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                        }

                        @Override
                        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                            dev.streampulse.ops.HealthGate.install(context, auth -> users.bearerUser(auth) != null);
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException("cannot guard /observe/health", e);
                }
            }
        });
    }

    /** Hot reload: the scheduler swaps its stream set atomically; probes in flight finish. */
    private void apply(AppConfig c) {
        if (!c.database().equals(startedWith.database()) || !c.node().equals(startedWith.node())) {
            LOG.warn("database: and node: settings take effect at the next restart");
        }
        scheduler.update(c.enabledStreams());
        Set<String> names = c.streams().stream().map(s -> s.name()).collect(Collectors.toSet());
        fleet.retain(names);
        probeMetrics.retain(names);
        HostLimiter old = scheduler.limiter();
        if (old.perCamera() != c.probe().perHostLimit() || !old.hostCaps().equals(c.probe().hosts())) {
            // probes in flight close their permits on the limiter they came from
            HostLimiter limiter = new HostLimiter(c.probe().perHostLimit(), c.probe().hosts());
            scheduler.setLimiter(limiter);
            probe.setLimiter(limiter);
        }
        capacity.setCeiling(c.probe().concurrency());
        clock.setServers(c.ntpServers());
        evidence.setMax(c.evidenceFiles());
        probe.setEvidenceWidth(c.evidenceFiles() > 0 ? FrameProbe.EVIDENCE_WIDTH : 0);
        health.configChanged(c);
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public HeartbeatStore store() {
        return store;
    }

    /** States, uptime, outages and events of every stream (see {@link StreamHealth}). */
    public StreamHealth health() {
        return health;
    }

    public Retention retention() {
        return retention;
    }

    public BatchWriter writer() {
        return writer;
    }

    public ProbeScheduler scheduler() {
        return scheduler;
    }

    /** The probe lanes and what the fleet asks of them. */
    public ProbeCapacity capacity() {
        return capacity;
    }

    public ConfigFile config() {
        return config;
    }

    /** Prometheus text of StreamPulse's and Camel's meters. */
    public String scrapeMetrics() {
        return scrape.scrape();
    }

    public FleetStatus fleet() {
        return fleet;
    }

    public CorrectedClock clock() {
        return clock;
    }

    public NodeCoordinator coordinator() {
        return coordinator;
    }

    /** The default node id: the host (container) name, read without a DNS look-up. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            return java.nio.file.Files.readString(Path.of("/etc/hostname")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "node-" + ProcessHandle.current().pid();
        }
    }

    @Override
    public void close() {
        // first: the other nodes take this one's streams at their next tick, not after node.timeout
        coordinator.stop();
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Camel did not stop cleanly: {}", e.toString());
        }
        try {
            users.flushUse(); // the API tokens' last use, written at most once a minute while running
        } catch (RuntimeException e) {
            LOG.warn("API tokens' last use not saved: {}", e.toString());
        }
        capacity.close();
        for (AutoCloseable c : extras) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", c, e.toString());
            }
        }
        store.close();
    }
}
