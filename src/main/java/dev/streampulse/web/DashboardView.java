package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.store.HeartbeatStore;
import dev.streampulse.store.HourlyRollup;
import dev.streampulse.store.NodeStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;

/**
 * The fleet at a glance: one row per configured stream. Built from three cheap reads whatever the
 * fleet size: the newest beat per stream, the hourly counts of the last 24 hours (rollups plus the
 * inbox), and, only for streams that failed within the day but are fine now, one bounded look-up
 * of their last failure inside the failing hour the counts point at.
 */
public final class DashboardView {
    static final int HOURS = 24;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ConfigFile config;
    private final HeartbeatStore store;
    private final NodeStore nodes;
    private final HealthView health;
    private final LongSupplier clock;
    private final WallFrames frames;
    private final RowJson json = new RowJson();
    private volatile Sealed sealed;
    private final Object computing = new Object();
    private Snapshot last;
    private long lastStarted;

    /** The sealed hours' counts per stream ([hour][beats, ok]); never written to after they are made. */
    private record Sealed(long fromHour, Map<String, int[][]> counts) {}

    public DashboardView(ConfigFile config, HeartbeatStore store, NodeStore nodes, HealthView health, LongSupplier clock,
                         WallFrames frames) {
        this.config = config;
        this.frames = frames;
        this.store = store;
        this.nodes = nodes;
        this.health = health;
        this.clock = clock;
    }

    /** One stream's line; getters are for FreeMarker. */
    public record Row(String name, String protocol, String url, boolean enabled, String status, long lastBeatMs,
                      String lastBeat, long latencyMs, String reason, String reasonWords, String detail,
                      String failedAt, List<String> strip, String okBeats, String stateReason, double[] uptime,
                      String node, Map<String, String> labels, long frameMs) {
        /** The stream's labels (site, building, switch...), for the wall's filter and grouping. */
        public Map<String, String> getLabels() { return labels; }
        /** When the wall's picture was taken (epoch ms), 0: no picture kept. */
        public long getFrameMs() { return frameMs; }
        /** The monitor node that probed the newest beat ("" on a single box). */
        public String getNode() { return node == null ? "" : node; }
        /** The strip as runs of equal hours, so a steady day is one element rather than 24. */
        public List<Bar> getBars() {
            List<Bar> out = new ArrayList<>();
            for (int i = 0; i < strip.size(); ) {
                int j = i;
                while (j < strip.size() && strip.get(j).equals(strip.get(i))) j++;
                out.add(new Bar(strip.get(i), j - i));
                i = j;
            }
            return out;
        }
        public String getStripCode() { return String.join(",", strip); }
        public String getName() { return name; }
        public String getProtocol() { return protocol; }
        public String getUrl() { return url; }
        public boolean isEnabled() { return enabled; }
        public String getStatus() { return status; }
        public String getLastBeat() { return lastBeat; }
        public long getLastBeatMs() { return lastBeatMs; }
        public String getLatency() { return latencyMs < 0 ? "" : latencyMs + " ms"; }
        public long getLatencyMs() { return latencyMs; }
        public String getReasonWords() { return reasonWords; }
        public String getDetail() { return detail; }
        public String getFailedAt() { return failedAt; }
        public List<String> getStrip() { return strip; }
        /** share of ok beats in the last 24 h (the strip's tooltip); uptime itself is by time */
        public String getOkBeats() { return okBeats; }
        public String getStateReason() { return stateReason; }
        public String getUptime24h() { return HealthView.percent(uptime[0]); }
        public String getUptime7d() { return HealthView.percent(uptime[1]); }
        public String getUptime30d() { return HealthView.percent(uptime[2]); }
    }

    /** A run of hours with the same colour; {@code span} hours wide. */
    public record Bar(String cls, int span) {
        public String getCls() { return cls; }
        public int getSpan() { return span; }
    }

    public record Snapshot(List<Row> rows, Map<String, Integer> summary, String generated, List<String> hourLabels,
                           List<NodeLine> nodes, long nowMs, StatusDeltas.View versions) {}

    /** Up to this many streams the dashboard opens on the camera wall, beyond it on the table. */
    static final int WALL_DEFAULT_MAX = 500;
    static final String VIEW_COOKIE = "SP_VIEW";

    /** One monitor node on the dashboard (scale-out); getters are for FreeMarker. */
    public record NodeLine(String id, String scope, String host, boolean alive, String lastSeen, long ageMs, int streams) {
        public String getId() { return id; }
        public String getScope() { return scope; }
        public String getHost() { return host == null ? "" : host; }
        public boolean isAlive() { return alive; }
        public String getLastSeen() { return lastSeen; }
        public int getStreams() { return streams; }
    }

    /** The states the fleet summary counts, in the order it shows them. */
    static final List<String> STATES = List.of("UP", "DEGRADED", "DOWN", "STALE", "PAUSED", "UNKNOWN");

    /**
     * The fleet now. Concurrent callers (many open dashboards) share one computation: a caller
     * takes the last result only if that computation started after the caller asked, so nobody
     * gets data older than their request.
     */
    public Snapshot snapshot() {
        long asked = System.nanoTime();
        synchronized (computing) {
            Snapshot s = last;
            if (s != null && lastStarted - asked >= 0) return s;
            lastStarted = System.nanoTime();
            last = compute();
            return last;
        }
    }

    private Snapshot compute() {
        AppConfig c = config.current();
        ZoneId zone = c.timezone();
        long now = clock.getAsLong();
        long nowHour = now / 3_600_000L;
        long fromHour = nowHour - HOURS + 1;
        Map<String, Heartbeat> latest = store.latest();
        // nodes that went quiet: their streams' newest beats are STALE, not UP, until another node probes them
        long nodeTimeoutMs = c.node().timeoutSeconds() * 1000L;
        List<NodeStore.NodeRow> nodeRows = nodes.nodes();
        Set<String> quiet = NodeStore.quiet(nodeRows, nodeTimeoutMs);
        Map<String, Integer> perNode = new HashMap<>();
        // hours before the previous one are sealed (compaction only touches the last ~10 minutes):
        // read and counted once per hour; the last two hours, rollups plus inbox, on every call
        long sealedTo = nowHour - 1;
        Sealed cached = sealed;
        if (cached == null || cached.fromHour != fromHour) {
            Map<String, int[][]> sealedCounts = new HashMap<>();
            for (HourlyRollup r : store.hourlyIncludingRecent(fromHour, sealedTo)) {
                int[] hour = sealedCounts.computeIfAbsent(r.stream(), k -> new int[HOURS][2])[(int) (r.hour() - fromHour)];
                hour[0] += r.beats();
                hour[1] += r.okBeats();
            }
            cached = new Sealed(fromHour, sealedCounts);
            sealed = cached;
        }
        // each stream's hours: the sealed ones shared (outer array copied), the recent ones fresh
        Map<String, int[][]> counts = new HashMap<>(cached.counts.size() * 2);
        cached.counts.forEach((name, hours) -> counts.put(name, hours.clone()));
        for (HourlyRollup r : store.hourlyIncludingRecent(sealedTo, nowHour + 1)) {
            int[][] perHour = counts.computeIfAbsent(r.stream(), k -> new int[HOURS][2]);
            int i = (int) (r.hour() - fromHour);
            perHour[i] = new int[] {perHour[i][0] + r.beats(), perHour[i][1] + r.okBeats()}; // never into a sealed row
        }
        // streams fine now but failing earlier in the day: where the rollups say the last failure is
        Map<String, long[]> failingHours = new HashMap<>();
        for (StreamConfig s : c.streams()) {
            Heartbeat b = latest.get(s.name());
            if (b != null && !b.ok()) continue;
            long[] range = lastFailingHour(counts.get(s.name()), fromHour, now);
            if (range != null) failingHours.put(s.name(), range);
        }
        Map<String, Heartbeat> failures = store.lastFailures(failingHours);
        Map<String, dev.streampulse.health.StreamStatus> states = health.states();
        List<Row> rows = new ArrayList<>(c.streams().size());
        Map<String, Integer> summary = new LinkedHashMap<>();
        STATES.forEach(st -> summary.put(st, 0));
        for (StreamConfig s : c.streams()) {
            Heartbeat b = latest.get(s.name());
            HealthView.Shown shown = HealthView.shown(s, b, now, quiet, states.get(s.name()));
            if (b != null && b.node() != null) perNode.merge(b.node(), 1, Integer::sum);
            String status = shown.state();
            summary.merge(status, 1, Integer::sum);
            int[][] perHour = counts.get(s.name());
            Heartbeat failure = b != null && !b.ok() ? b : failures.get(s.name());
            rows.add(new Row(s.name(), s.scheme().toUpperCase(Locale.ROOT), s.safeUrl(), s.enabled(), status,
                    b == null ? 0 : b.ts(), b == null ? "never" : format(b.ts(), zone), b == null ? -1 : b.latencyMs(),
                    failure == null || failure.reason() == null ? "" : failure.reason().name(),
                    failure == null || failure.reason() == null ? "" : failure.reason().words(),
                    failure == null || failure.detail() == null ? "" : failure.detail(),
                    failure == null ? "" : format(failure.ts(), zone), strip(perHour), okShare(perHour), shown.reason() == null ? "" : shown.reason(),
                    health.cachedUptime(s.name()), b == null ? null : b.node(), s.labels(), frameMs(s.name())));
        }
        if (frames.size() > rows.size()) frames.retain(c.streams().stream().map(StreamConfig::name).collect(java.util.stream.Collectors.toSet()));
        List<NodeLine> nodeLines = new ArrayList<>();
        for (NodeStore.NodeRow n : nodeRows) {
            nodeLines.add(new NodeLine(n.id(), n.site() != null ? "site " + n.site() : "shard " + n.shard(), n.host(),
                    n.alive(nodeTimeoutMs), n.stoppedMs() != null ? "stopped" : ago(n.ageMs()), n.ageMs(),
                    perNode.getOrDefault(n.id(), 0)));
        }
        List<String> labels = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) {
            labels.add(Instant.ofEpochMilli((fromHour + i) * 3_600_000L).atZone(zone).format(DateTimeFormatter.ofPattern("HH:00")));
        }
        return new Snapshot(rows, summary, format(now, zone) + " " + zone.getId(), labels, nodeLines, now, json.versions(rows));
    }

    private long frameMs(String stream) {
        WallFrames.Frame f = frames.get(stream);
        return f == null ? 0 : f.ts();
    }

    /**
     * The newest beat's verdict. No beat, or disabled: UNKNOWN. A beat nobody follows up — older than
     * three intervals, or from a node that has gone quiet — is STALE: it says how the camera was, not
     * how it is.
     */
    static String status(StreamConfig s, Heartbeat b, long now, Set<String> quietNodes) {
        if (b == null || !s.enabled()) return "UNKNOWN";
        if (now - b.ts() > 3_000L * s.heartbeatSeconds() || (b.node() != null && quietNodes.contains(b.node()))) {
            return "STALE";
        }
        return b.ok() ? "UP" : "DOWN";
    }

    static String ago(long ms) {
        long s = Math.max(0, ms) / 1000;
        if (s < 120) return s + " s ago";
        if (s < 7_200) return s / 60 + " min ago";
        return s / 3_600 + " h ago";
    }

    private static long[] lastFailingHour(int[][] perHour, long fromHour, long now) {
        if (perHour == null) return null;
        for (int i = HOURS - 1; i >= 0; i--) {
            if (perHour[i][1] < perHour[i][0]) {
                long start = (fromHour + i) * 3_600_000L;
                return new long[] {start, Math.min(start + 3_600_000L, now + 1)};
            }
        }
        return null;
    }

    /** One CSS class per hour: n = no beats, q0 = none ok ... q4 = all ok. */
    static List<String> strip(int[][] perHour) {
        List<String> out = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) out.add(perHour == null ? "n" : bucket(perHour[i][0], perHour[i][1]));
        return out;
    }

    static String bucket(int beats, int ok) {
        if (beats == 0) return "n";
        if (ok == beats) return "q4";
        double r = (double) ok / beats;
        return r >= 0.95 ? "q3" : r >= 0.75 ? "q2" : r > 0 ? "q1" : "q0";
    }

    static String okShare(int[][] perHour) {
        if (perHour == null) return "";
        long beats = 0, ok = 0;
        for (int[] h : perHour) {
            beats += h[0];
            ok += h[1];
        }
        return beats == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * ok / beats);
    }

    static String format(long ts, ZoneId zone) {
        return Instant.ofEpochMilli(ts).atZone(zone).format(TIME);
    }

    /**
     * GET / : the camera wall or the table (?view=wall|table, remembered in a cookie; without either,
     * the wall while the fleet has at most {@value #WALL_DEFAULT_MAX} streams).
     */
    public void page(Exchange ex) {
        Snapshot snap = snapshot();
        String asked = Http.query(ex, "view");
        String view = "wall".equals(asked) || "table".equals(asked) ? asked : Http.cookie(ex, VIEW_COOKIE);
        if (!"wall".equals(view) && !"table".equals(view)) view = snap.rows().size() <= WALL_DEFAULT_MAX ? "wall" : "table";
        Http.html(ex);
        if (asked != null && asked.equals(view)) {
            Http.setCookies(ex, VIEW_COOKIE + "=" + view + "; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly");
        }
        Map<String, Object> m = Pages.model(ex, "Dashboard");
        m.put("view", view);
        m.put("rows", snap.rows());
        m.put("summary", snap.summary());
        m.put("generated", snap.generated());
        m.put("hourLabels", snap.hourLabels());
        m.put("nodes", snap.nodes());
        m.put("version", snap.versions().token());
        m.put("nowMs", snap.nowMs());
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (Row r : snap.rows()) keys.addAll(r.labels().keySet());
        m.put("labelKeys", List.copyOf(keys));
        ex.getIn().setBody(m);
    }

    /**
     * GET /api/status[?since=V]: every stream, or with {@code since} the version of an earlier answer,
     * only the streams that changed after it (a beat-only change carries just the beat's fields);
     * {@code full} says which. {@code version} is what to send next time.
     */
    public void status(Exchange ex) {
        Snapshot snap = snapshot();
        StatusDeltas.View v = snap.versions();
        long base = v.base(Http.query(ex, "since"));
        JsonObject summary = new JsonObject();
        snap.summary().forEach((k, n) -> summary.put(k.toLowerCase(Locale.ROOT), n));
        String head = new JsonObject().put("generated", snap.generated()).put("version", v.token()).put("full", base < 0)
                .put("now_ms", snap.nowMs()).put("summary", summary).put("nodes", nodes(snap)).encode();
        // the streams array is spliced in as text: each stream's JSON was encoded once, by the computation
        Http.respond(ex, 200, "application/json; charset=utf-8",
                head.substring(0, head.length() - 1) + ",\"streams\":" + v.streams(base) + "}");
    }

    /** GET /api/nodes: the monitor nodes (scale-out), alive or not, and how many streams each probed last. */
    public void nodes(Exchange ex) {
        Http.json(ex, 200, new JsonObject().put("nodes", nodes(snapshot())));
    }

    private static JsonArray nodes(Snapshot snap) {
        JsonArray out = new JsonArray();
        for (NodeLine n : snap.nodes()) {
            out.add(new JsonObject().put("id", n.id()).put("scope", n.scope()).put("host", n.host()).put("alive", n.alive())
                    .put("last_seen", n.lastSeen()).put("last_seen_ago_ms", n.ageMs()).put("streams", n.streams()));
        }
        return out;
    }
}
