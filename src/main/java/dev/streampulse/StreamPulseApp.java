package dev.streampulse;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.cluster.NodeCoordinator;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.PrivateFiles;
import dev.streampulse.health.StreamHealth;
import dev.streampulse.ops.FleetStatus;
import dev.streampulse.ops.HealthGuard;
import dev.streampulse.ops.KeepOwnStreams;
import dev.streampulse.ops.UserRoutes;
import dev.streampulse.probe.ProbeCapacity;
import dev.streampulse.probe.ProbeScheduler;
import dev.streampulse.store.BatchWriter;
import dev.streampulse.store.Database;
import dev.streampulse.store.HeartbeatStore;
import dev.streampulse.store.IncidentStore;
import dev.streampulse.store.NewestBeat;
import dev.streampulse.store.Retention;
import dev.streampulse.web.TlsKeys;
import dev.streampulse.web.WallFrames;
import dev.streampulse.web.WebBeans;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Camel with the beans ({@link AppBeans}, {@link MonitorBeans}, the web's) and the routes of
 * the chosen mode ({@link ModeProperties}). The data flow itself is in {@code src/main/resources/routes/}.
 */
public final class StreamPulseApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPulseApp.class);
    /** the route that fans a config change out to the monitor's parts (routes/common/config.camel.yaml) */
    static final String CONFIG_APPLY = "direct:config-apply";

    private final Mode mode;
    private final Main main = new Main();
    private final AppBeans beans;
    private final List<AutoCloseable> extras = new ArrayList<>();

    private StreamPulseApp(Mode mode, ConfigFile config) {
        this.mode = mode;
        this.beans = new AppBeans(mode, config, main::getCamelContext);
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
        beans.configSync.sync(); // scale-out: start from the fleet's config, not a stale local copy
        AppConfig c = beans.config.current();
        main.configure().addConfiguration(beans);
        Path userRoutes = c.dataDir().resolve("routes");
        if (mode.monitor) {
            prepareMonitor(c);
            MonitorBeans monitor = new MonitorBeans(beans, overrides);
            extras.addAll(monitor.closeables());
            main.configure().addConfiguration(monitor);
            if (c.homeAssistant() != null) {
                HomeAssistantBeans homeAssistant = new HomeAssistantBeans(beans, c.homeAssistant(), overrides);
                extras.add(homeAssistant.session());
                main.configure().addConfiguration(homeAssistant);
            }
            // users' own routes: loaded after the start one by one, then watched by Camel's routes-reload
            PrivateFiles.createDirectories(userRoutes);
        }
        if (mode.web) WebBeans.bind(main, beans.config, beans.users, beans.store, beans.database.nodes(), beans.probe,
                beans.scheduler, beans.health, beans.database.audit());
        if (mode.web) WebBeans.bindReports(main, beans.config, beans.database.incidents(), beans.database.events(),
                System::currentTimeMillis);
        // monitor only: nobody shows the wall's pictures, so none are kept (the probe route still hands them over)
        else main.bind("wallFrames", new WallFrames(0, 0));
        // web.tls: read before Camel starts, so a missing or unreadable key stops the start with its reason
        SSLContextParameters tls = c.web().filter(w -> w.tls() != null)
                .map(w -> TlsKeys.sslContext(w.tls(), c.dataDir(), w.host())).orElse(null);
        if (tls != null) main.addMainListener(new GlobalTls(tls));
        AppConfig.WebSettings web = c.web().orElse(null);
        ModeProperties.Facts facts = new ModeProperties.Facts(c.dataDir(), web == null ? null : web.host(),
                web == null ? 0 : web.port(), tls != null, beans.coordinator.active(),
                beans.coordinator.settings().heartbeatSeconds() * 1000L, c.homeAssistant() != null);
        // override, not initial: initial properties lose to application.properties, so the mode's
        // route pattern and the tests' host/port/server switch were silently ignored
        ModeProperties.of(mode, facts, overrides).forEach(main::addOverrideProperty);
        // anonymous /observe/health: overall status and check names only; details need an API token
        main.addMainListener(new HealthGuard(auth -> beans.users.bearerUser(auth) != null));
        main.start();
        if (mode.monitor) {
            UserRoutes.load(main.getCamelContext(), userRoutes);
            forwardReloads();
        }
        LOG.info("StreamPulse started in {} mode: {} streams, data in {} ({}{})", mode.name().toLowerCase(),
                c.streams().size(), c.dataDir(), beans.database.kind(),
                beans.coordinator.active() ? ", node " + beans.coordinator.settings().id() : "");
    }

    /** What a monitor does before its routes run: the demo camera, the clock, the streams and their last states. */
    private void prepareMonitor(AppConfig c) {
        c.demo().ifPresent(d -> extras.add(DemoCamera.start(d)));
        beans.clock.sync();
        beans.scheduler.update(c.enabledStreams());
        beans.coordinator.onShareChange(new KeepOwnStreams(beans.config, beans.scheduler, beans.fleet, beans.probeMetrics));
        if (beans.coordinator.active()) {
            // other nodes watch the streams this one does not: states continue through the shared log
            beans.health.shareWithOtherNodes(new NewestBeat(beans.store), beans.coordinator.settings().timeoutSeconds() * 1000L);
        } else {
            Map<String, Long> lastBeats = new HashMap<>();
            beans.store.latest().forEach((name, beat) -> lastBeats.put(name, beat.ts()));
            beans.health.restore(lastBeats);
        }
    }

    /**
     * Hot reload: every config that takes over (file edit, editor save, the fleet's version) runs
     * through the route config-apply, in the thread that changed it.
     */
    private void forwardReloads() {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        extras.add(template);
        beans.config.onChange(changed -> template.sendBody(CONFIG_APPLY, changed));
        // a version taken from the fleet before the routes ran
        AppConfig now = beans.config.current();
        if (now != beans.startedWith) template.sendBody(CONFIG_APPLY, now);
    }

    /** web.tls: HTTPS on the one port (dashboard, API, /observe/health) through Camel's global SSL context. */
    private static final class GlobalTls extends MainListenerSupport {
        private final SSLContextParameters tls;

        GlobalTls(SSLContextParameters tls) {
            this.tls = tls;
        }

        @Override
        public void afterConfigure(BaseMainSupport m) {
            m.getCamelContext().setSSLContextParameters(tls);
        }
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public HeartbeatStore store() {
        return beans.store;
    }

    /** Every store: events, nodes, the shared config, the audit log. */
    public Database database() {
        return beans.database;
    }

    /** Site incidents as stored (the alert route writes them). */
    public IncidentStore incidentStore() {
        return beans.database.incidents();
    }

    /** States, uptime, outages and events of every stream (see {@link StreamHealth}). */
    public StreamHealth health() {
        return beans.health;
    }

    public Retention retention() {
        return beans.retention;
    }

    public BatchWriter writer() {
        return beans.writer;
    }

    public ProbeScheduler scheduler() {
        return beans.scheduler;
    }

    /** The probe lanes and what the fleet asks of them. */
    public ProbeCapacity capacity() {
        return beans.capacity;
    }

    public ConfigFile config() {
        return beans.config;
    }

    /** Prometheus text of StreamPulse's and Camel's meters. */
    public String scrapeMetrics() {
        return beans.scrape.scrape();
    }

    public FleetStatus fleet() {
        return beans.fleet;
    }

    public CorrectedClock clock() {
        return beans.clock;
    }

    public NodeCoordinator coordinator() {
        return beans.coordinator;
    }

    @Override
    public void close() {
        // first: the other nodes take this one's streams at their next tick, not after node.timeout
        beans.coordinator.stop();
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Camel did not stop cleanly: {}", e.toString());
        }
        try {
            beans.users.flushUse(); // the API tokens' last use, written at most once a minute while running
        } catch (RuntimeException e) {
            LOG.warn("API tokens' last use not saved: {}", e.toString());
        }
        beans.capacity.close();
        for (AutoCloseable c : extras) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", c, e.toString());
            }
        }
        beans.database.close();
    }
}
