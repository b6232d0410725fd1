package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.Outage;
import dev.streampulse.health.StreamHealth;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.store.HeartbeatStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;

/** The JSON API (docs/api.md). Times are epoch milliseconds (UTC); URLs have their password masked. */
public record ApiHandlers(ConfigFile config, HeartbeatStore store, StreamHealth health, LongSupplier clock) {
    static final int MAX_BEATS = 10_000;
    static final int MAX_EVENTS = 1000;

    /** GET /api/streams */
    public void streams(Exchange ex) {
        JsonArray out = new JsonArray();
        for (StreamConfig s : config.current().streams()) out.add(stream(s));
        Http.json(ex, 200, new JsonObject().put("heartbeat_seconds", config.current().heartbeatSeconds())
                .put("timezone", config.current().timezone().getId()).put("streams", out));
    }

    /** GET /api/beats?stream=&from=&to=&limit= (default: the last hour, newest first) */
    public void beats(Exchange ex) {
        StreamConfig s = stream(ex);
        if (s == null) return;
        long to = Http.queryLong(ex, "to", clock.getAsLong() + 1);
        long from = Http.queryLong(ex, "from", to - 3_600_000L);
        int limit = (int) Math.max(1, Math.min(MAX_BEATS, Http.queryLong(ex, "limit", 1000)));
        JsonArray beats = new JsonArray();
        for (Heartbeat b : store.beats(s.name(), from, to, limit)) beats.add(beat(b));
        Http.json(ex, 200, new JsonObject().put("stream", s.name()).put("from", from).put("to", to)
                .put("limit", limit).put("beats", beats));
    }

    /**
     * GET /api/outages?stream=&from=&to= (default: the last 24 hours): time in DEGRADED or DOWN from
     * the state log (debounced, by time), newest first.
     */
    public void outages(Exchange ex) {
        StreamConfig s = stream(ex);
        if (s == null) return;
        long to = Http.queryLong(ex, "to", clock.getAsLong() + 1);
        long from = Http.queryLong(ex, "from", to - StreamPage.DAY);
        int limit = (int) Math.max(1, Math.min(StreamHealth.MAX_OUTAGES, Http.queryLong(ex, "limit", StreamHealth.MAX_OUTAGES)));
        StreamHealth.OutageWindow window = health.outages(s.name(), from, to, limit);
        List<Outage> outages = new ArrayList<>(window.outages());
        Collections.reverse(outages);
        JsonArray out = new JsonArray();
        for (Outage o : outages) {
            out.add(new JsonObject().put("start", o.start()).put("end", o.end()).put("ongoing", o.end() == null)
                    .put("duration_ms", o.durationMs()).put("worst", o.worst().name()).put("reason", o.reason()));
        }
        // truncated: older outages of the window were left out; ask again with to = the oldest start
        Http.json(ex, 200, new JsonObject().put("stream", s.name()).put("from", from).put("to", to).put("limit", limit)
                .put("truncated", window.truncated()).put("outages", out));
    }

    /** GET /api/events?[stream=]&from=&to=&limit= (default: the last 7 days, 100), newest first */
    public void events(Exchange ex) {
        String name = Http.query(ex, "stream");
        StreamConfig s = null;
        if (name != null) {
            s = stream(ex);
            if (s == null) return;
        }
        long to = Http.queryLong(ex, "to", clock.getAsLong() + 1);
        long from = Http.queryLong(ex, "from", to - 7 * StreamPage.DAY);
        int limit = (int) Math.max(1, Math.min(MAX_EVENTS, Http.queryLong(ex, "limit", 100)));
        List<HealthEvent> events = s == null ? health.events(from, to, limit) : health.events(s.name(), from, to, limit);
        JsonArray out = new JsonArray();
        for (HealthEvent e : events) out.add(event(e));
        Http.json(ex, 200, new JsonObject().put("stream", s == null ? null : s.name()).put("from", from).put("to", to)
                .put("limit", limit).put("events", out));
    }

    static JsonObject event(HealthEvent e) {
        return new JsonObject().put("id", e.id()).put("stream", e.stream()).put("ts", e.ts()).put("kind", e.kind())
                .put("from", e.from() == null ? null : e.from().name()).put("to", e.to() == null ? null : e.to().name())
                .put("reason", e.reason()).put("detail", e.detail())
                .put("evidence_good", e.evidenceGood()).put("evidence_bad", e.evidenceBad());
    }

    private StreamConfig stream(Exchange ex) {
        String name = Http.query(ex, "stream");
        StreamConfig s = name == null ? null : config.current().stream(name).orElse(null);
        if (s == null) Http.json(ex, 404, new JsonObject().put("error", "no such stream; pass ?stream=<name>"));
        return s;
    }

    static JsonObject stream(StreamConfig s) {
        return new JsonObject().put("name", s.name()).put("url", s.safeUrl()).put("protocol", s.scheme())
                .put("enabled", s.enabled()).put("heartbeat_seconds", s.heartbeatSeconds())
                .put("timeout_seconds", s.timeoutSeconds()).put("labels", new JsonObject(new java.util.HashMap<>(s.labels())));
    }

    static JsonObject beat(Heartbeat b) {
        JsonObject o = new JsonObject().put("ts", b.ts()).put("ok", b.ok()).put("latency_ms", b.latencyMs())
                .put("late_ms", b.lateMs()).put("clock", b.clock());
        if (b.ok()) {
            o.put("codec", b.codec()).put("width", b.width()).put("height", b.height()).put("fps", b.fps());
        } else {
            o.put("reason", b.reason() == null ? null : b.reason().name())
                    .put("reason_words", b.reason() == null ? null : b.reason().words()).put("detail", b.detail());
        }
        if (b.node() != null) o.put("node", b.node()); // scale-out: which monitor node probed it
        return o;
    }
}
