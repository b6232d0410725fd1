package dev.streampulse;

import dev.streampulse.alert.AlertSelector;
import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.health.Evidence;
import dev.streampulse.health.Retention;
import dev.streampulse.health.StreamHealth;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.ProbeScheduler;
import dev.streampulse.store.HeartbeatStore;
import dev.streampulse.store.SqliteHeartbeatStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final SqliteHeartbeatStore store;
    private final Evidence evidence;
    private final StreamHealth health;
    private final AlertSelector alerts;
    private final Retention retention;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private final Main main = new Main();

    private StreamPulseApp(Mode mode, ConfigFile config) {
        this.mode = mode;
        this.config = config;
        AppConfig c = config.current();
        this.clock = new CorrectedClock(c.ntpServers());
        this.probe = new FrameProbe(clock, c.probe().perHostLimit());
        probe.setEvidenceWidth(c.evidenceFiles() > 0 ? FrameProbe.EVIDENCE_WIDTH : 0);
        // the schema exists before any route runs: a "create table" route could lose the race
        this.store = new SqliteHeartbeatStore(c.dataDir().resolve("streams.db"));
        this.evidence = new Evidence(c.dataDir().resolve("evidence"), c.evidenceFiles());
        this.health = new StreamHealth(store, evidence, config::current, clock::now);
        this.alerts = new AlertSelector(config::current, System::currentTimeMillis);
        this.retention = new Retention(store, store, evidence, config::current, clock::now);
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
        AppConfig c = config.current();
        if (mode.monitor) {
            c.demo().ifPresent(d -> extras.add(DemoCamera.start(d)));
            clock.sync();
            scheduler.update(c.enabledStreams());
            config.onChange(this::apply);
            Map<String, Long> lastBeats = new HashMap<>();
            store.latest().forEach((name, beat) -> lastBeats.put(name, beat.ts()));
            health.restore(lastBeats);
        }
        main.bind("configFile", config);
        main.bind("clock", clock);
        main.bind("probeScheduler", scheduler);
        main.bind("frameProbe", probe);
        main.bind("heartbeatStore", store);
        main.bind("streamHealth", health);
        main.bind("alertSelector", alerts);
        main.bind("retention", retention);

        main.addInitialProperty("streampulse.probe.concurrency", Integer.toString(c.probe().concurrency()));
        // initial properties lose to application.properties, so what the mode decides, and the caller's
        // overrides (tests: camel.server.enabled=false, short periods), are override properties
        Map<String, String> props = new HashMap<>();
        props.put("camel.main.routesIncludePattern", mode.monitor
                ? "classpath:routes/*.camel.yaml" : "classpath:routes/config.camel.yaml,classpath:routes/web*.camel.yaml");
        if (!mode.web) props.put("camel.server.enabled", "false");
        props.putAll(overrides);
        props.forEach(main::addOverrideProperty);
        main.start();
        LOG.info("StreamPulse started in {} mode: {} streams, data in {}", mode.name().toLowerCase(),
                c.streams().size(), c.dataDir());
    }

    /** Hot reload: the scheduler swaps its stream set atomically; probes in flight finish. */
    private void apply(AppConfig c) {
        scheduler.update(c.enabledStreams());
        probe.setPerHostLimit(c.probe().perHostLimit());
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

    public ProbeScheduler scheduler() {
        return scheduler;
    }

    public ConfigFile config() {
        return config;
    }

    public CorrectedClock clock() {
        return clock;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Camel did not stop cleanly: {}", e.toString());
        }
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
