package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamHealth;
import dev.streampulse.health.StreamState;
import dev.streampulse.health.StreamStatus;
import dev.streampulse.probe.Heartbeat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the web shows of stream intelligence: the debounced state per stream and its time-weighted
 * uptime. Fleet uptime costs a few indexed queries per stream, so the dashboard reads it from a
 * cache refreshed at most once a minute, in the background: no request waits for 1,000 streams.
 */
public final class HealthView {
    private static final Logger LOG = LoggerFactory.getLogger(HealthView.class);
    static final long REFRESH_MS = 60_000L;
    static final Duration[] WINDOWS = {Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30)};

    private final ConfigFile config;
    private final StreamHealth health;
    private final LongSupplier clock;
    private volatile Cached cached;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private record Cached(long at, Map<String, double[]> uptimes) {}

    private record States(long newestId, AppConfig config, long at, Map<String, StreamStatus> states) {}

    static final long STATES_MAX_AGE_MS = 30_000L;
    private volatile States states;

    /** A stream's shown state and why (null reason when there is none to tell). */
    public record Shown(String state, String reason) {}

    public HealthView(ConfigFile config, StreamHealth health, LongSupplier clock) {
        this.config = config;
        this.health = health;
        this.clock = clock;
    }

    /**
     * The state to show. Nobody watching (disabled, no beat: UNKNOWN; newest beat older than 3
     * intervals or from a node gone quiet: STALE) wins over whatever the event log last said, so a
     * stopped monitor does not leave streams "UP". Otherwise the debounced state; the newest-beat rule
     * only while StreamHealth has no verdict yet.
     */
    static Shown shown(StreamConfig s, Heartbeat latest, long now, java.util.Set<String> quietNodes, StreamStatus st) {
        String raw = DashboardView.status(s, latest, now, quietNodes);
        if (raw.equals("UNKNOWN")) return new Shown("UNKNOWN", null);
        if (raw.equals("STALE")) {
            boolean nodeQuiet = latest.node() != null && quietNodes.contains(latest.node());
            return new Shown("STALE", nodeQuiet ? "node " + latest.node() + " went quiet"
                    // the threshold, not the growing age: a STALE stream's answer stays the same poll after
                    // poll, so the delta poll need not resend it (the age is in last_beat and the wall's picture)
                    : "no beat for over " + 3 * s.heartbeatSeconds() + " s");
        }
        if (st == null || st.state() == StreamState.UNKNOWN) return new Shown(raw, null);
        return new Shown(st.state().name(), st.state() == StreamState.UP ? null : st.reason());
    }

    /**
     * Every configured stream's debounced state. In web mode StreamHealth reads each stream's state
     * from the event log (two queries per stream), so the map is kept until the log or the config
     * changes: one look-up of the newest event id per request instead of thousands; at most
     * {@link #STATES_MAX_AGE_MS} old in any case (an event that could not be stored).
     */
    Map<String, StreamStatus> states() {
        long newestId = health.lastEventId();
        AppConfig c = config.current();
        long now = clock.getAsLong();
        States s = states;
        if (s == null || s.newestId != newestId || s.config != c || now - s.at >= STATES_MAX_AGE_MS) {
            s = new States(newestId, c, now, health.states());
            states = s;
        }
        return s.states;
    }

    StreamStatus status(String stream) {
        return health.status(stream);
    }

    /** Outages overlapping the window, oldest first (time in DEGRADED or DOWN). */
    List<dev.streampulse.health.Outage> outages(String stream, long fromTs, long toTs) {
        return health.outages(stream, fromTs, toTs);
    }

    List<HealthEvent> events(String stream, long fromTs, long toTs, int limit) {
        return health.events(stream, fromTs, toTs, limit);
    }

    /** Uptime percentages 24 h / 7 d / 30 d for the dashboard: at most a minute old; NaN = not known (yet). */
    double[] cachedUptime(String stream) {
        Cached c = cached;
        long now = clock.getAsLong();
        if (c == null) {
            // the first call waits once; from then on refreshes run beside the requests
            synchronized (this) {
                if (cached == null) cached = compute(now);
                c = cached;
            }
        } else if (now - c.at >= REFRESH_MS && refreshing.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    cached = compute(clock.getAsLong());
                } catch (RuntimeException e) {
                    LOG.warn("Could not refresh uptimes: {}", e.toString());
                } finally {
                    refreshing.set(false);
                }
            }, "uptime-refresh");
            t.setDaemon(true);
            t.start();
        }
        double[] u = c.uptimes.get(stream);
        return u == null ? new double[] {Double.NaN, Double.NaN, Double.NaN} : u;
    }

    private Cached compute(long now) {
        Map<String, double[]> out = new HashMap<>();
        for (StreamConfig s : config.current().streams()) out.put(s.name(), uptime(s.name()));
        return new Cached(now, out);
    }

    /** Uptime percentages 24 h / 7 d / 30 d, read now (one stream: cheap). */
    double[] uptime(String stream) {
        double[] u = new double[WINDOWS.length];
        for (int i = 0; i < WINDOWS.length; i++) u[i] = 100.0 * health.uptime(stream, WINDOWS[i]).ratio();
        return u;
    }

    /** "99.95%", or "—" when nothing in the window was watched. */
    static String percent(double p) {
        if (Double.isNaN(p)) return "—";
        return String.format(Locale.ROOT, "%.2f%%", floor(p, 100));
    }

    /** The number for JSON: a percentage with 3 decimals (cut, not rounded), or null. */
    static Double number(double p) {
        return Double.isNaN(p) ? null : floor(p, 1000);
    }

    /** Cut to 1/scale: a not-quite-perfect month never shows as 100 % (the epsilon absorbs float noise). */
    private static double floor(double p, int scale) {
        return Math.floor(p * scale + 1e-6) / scale;
    }

}
