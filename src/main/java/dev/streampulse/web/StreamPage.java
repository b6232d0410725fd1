package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.Evidence;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import dev.streampulse.store.HeartbeatStore;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;

/** One stream: latency chart, outages and failure reasons of the last day, paged history, CSV. */
public final class StreamPage {
    static final long DAY = 86_400_000L;
    static final int PAGE = 50;
    /** Beats read for a day's chart/outages: a day at a 1 s heartbeat. */
    static final int DAY_LIMIT = 86_400;
    static final int CSV_LIMIT = 200_000;
    /** A CSV answer stops at this size (and says so in X-Truncated) whatever the window. */
    static final int CSV_MAX_BYTES = 8 << 20;
    static final int CSV_PAGE = 2000;
    /** State changes listed: the newest 50 of the last 30 days. */
    static final int EVENT_ROWS = 50;
    static final long EVENT_DAYS = 30;

    private final ConfigFile config;
    private final HeartbeatStore store;
    private final dev.streampulse.store.NodeStore nodes;
    private final dev.streampulse.probe.ProbeScheduler scheduler;
    private final HealthView health;
    private final Evidence evidence;
    private final LongSupplier clock;

    public StreamPage(ConfigFile config, HeartbeatStore store, dev.streampulse.store.NodeStore nodes,
                      dev.streampulse.probe.ProbeScheduler scheduler, HealthView health, Evidence evidence, LongSupplier clock) {
        this.config = config;
        this.store = store;
        this.nodes = nodes;
        this.health = health;
        this.evidence = evidence;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** A beat as a table row; getters for FreeMarker. */
    public record BeatRow(String time, boolean ok, long latencyMs, String reason, String detail, String codec, String size, long lateMs) {
        public String getTime() { return time; }
        public boolean isOk() { return ok; }
        public long getLatencyMs() { return latencyMs; }
        public String getReason() { return reason; }
        public String getDetail() { return detail; }
        public String getCodec() { return codec; }
        public String getSize() { return size; }
        public long getLateMs() { return lateMs; }
    }

    public record OutageRow(String start, String end, String duration, int beats, String reason) {
        public String getStart() { return start; }
        public String getEnd() { return end; }
        public String getDuration() { return duration; }
        public int getBeats() { return beats; }
        public String getReason() { return reason; }
    }

    /** A state change with its evidence file names ("" when none); getters for FreeMarker. */
    public record EventRow(String time, String from, String to, String reason, String detail, String good, String bad) {
        public String getTime() { return time; }
        public String getFrom() { return from; }
        public String getTo() { return to; }
        public String getReason() { return reason; }
        public String getDetail() { return detail; }
        public String getGood() { return good; }
        public String getBad() { return bad; }
    }

    public record ReasonCount(String reason, String words, int count) {
        public String getReason() { return reason; }
        public String getWords() { return words; }
        public int getCount() { return count; }
    }

    /** GET /stream?name=&before= */
    public void page(Exchange ex) {
        StreamConfig s = stream(ex);
        if (s == null) return;
        AppConfig c = config.current();
        ZoneId zone = c.timezone();
        long now = clock.getAsLong();
        // a day at 1 s is 86,400 beats: without their error texts ~10 MB rather than ~60 MB per request
        List<Heartbeat> day = store.beatsWithoutDetail(s.name(), now - DAY, now + 1, DAY_LIMIT);
        long before = Http.queryLong(ex, "before", now + 1);
        List<Heartbeat> page = store.beats(s.name(), 0, before, PAGE + 1);
        Heartbeat latest = day.isEmpty() ? null : day.get(0);

        Http.html(ex);
        Map<String, Object> m = Pages.model(ex, s.name());
        m.put("name", s.name());
        m.put("url", s.safeUrl());
        m.put("protocol", s.scheme().toUpperCase(java.util.Locale.ROOT));
        m.put("enabled", s.enabled());
        m.put("interval", s.heartbeatSeconds());
        m.put("timeout", s.timeoutSeconds());
        long nodeTimeoutMs = config.current().node().timeoutSeconds() * 1000L;
        java.util.Set<String> quiet = dev.streampulse.store.NodeStore.quiet(nodes.nodes(), nodeTimeoutMs);
        HealthView.Shown shown = HealthView.shown(s, latest, now, quiet, health.status(s.name()));
        m.put("node", latest == null || latest.node() == null ? "" : latest.node());
        m.put("status", shown.state());
        m.put("stateReason", shown.reason() == null ? "" : shown.reason());
        double[] up = health.uptime(s.name());
        m.put("uptime", List.of(HealthView.percent(up[0]), HealthView.percent(up[1]), HealthView.percent(up[2])));
        m.put("stateOutages", stateOutageRows(health.outages(s.name(), now - EVENT_DAYS * DAY, now + 1), zone));
        m.put("events", eventRows(health.events(s.name(), now - EVENT_DAYS * DAY, now + 1, EVENT_ROWS), zone));
        m.put("lastBeat", latest == null ? "never" : DashboardView.format(latest.ts(), zone));
        long due = scheduler.nextDue(s.name());
        m.put("nextDue", due < 0 ? "not scheduled here" : DashboardView.format(due, zone));
        m.put("skipped", scheduler.skipped(s.name()));
        m.put("chart", LatencyChart.svg(day, now - DAY, now, zone));
        m.put("zone", zone.getId());
        m.put("dayBeats", day.size());
        m.put("dayOk", day.stream().filter(Heartbeat::ok).count());
        m.put("outages", outageRows(Outages.find(day), zone, now));
        m.put("reasons", reasonRows(Outages.reasons(day)));
        List<BeatRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(PAGE, page.size()); i++) rows.add(beatRow(page.get(i), zone));
        m.put("beats", rows);
        m.put("olderBefore", page.size() > PAGE ? Long.toString(page.get(PAGE - 1).ts()) : "");
        m.put("paged", before <= now);
        ex.getIn().setBody(m);
    }

    /**
     * GET /stream/evidence.jpg?name= and /api/evidence?name=: an evidence frame, bytes as stored. Only
     * names {@link Evidence#resolve} knows are served; anything else is 404, whatever it points at.
     */
    public void evidence(Exchange ex) {
        java.nio.file.Path file = evidence.resolve(Http.query(ex, "name"));
        byte[] jpeg = null;
        try {
            if (file != null) jpeg = java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            jpeg = null; // trimmed away between resolve and read
        }
        if (jpeg == null) {
            Http.respond(ex, 404, "text/plain; charset=utf-8", "No such evidence frame");
            return;
        }
        Http.respond(ex, 200, "image/jpeg", jpeg);
    }

    /** GET /stream/history.csv?name=&from=&to= (epoch ms; default the last day) */
    public void csv(Exchange ex) {
        StreamConfig s = stream(ex);
        if (s == null) return;
        long now = clock.getAsLong();
        long to = Http.queryLong(ex, "to", now + 1);
        long from = Http.queryLong(ex, "from", to - DAY);
        ZoneId zone = config.current().timezone();
        // read a page of beats at a time and stop at a size bound: a year at 1 s must not fill the heap
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 * 1024);
        out.writeBytes("time,epoch_ms,ok,latency_ms,reason,detail,codec,width,height,fps,late_ms\n".getBytes(StandardCharsets.UTF_8));
        int rows = 0;
        long cursor = to;
        boolean truncated = false;
        StringBuilder sb = new StringBuilder(256);
        while (!truncated) {
            List<Heartbeat> page = store.beats(s.name(), from, cursor, CSV_PAGE);
            for (Heartbeat b : page) {
                if (rows >= CSV_LIMIT || out.size() >= CSV_MAX_BYTES) {
                    truncated = true;
                    break;
                }
                sb.setLength(0);
                sb.append(java.time.Instant.ofEpochMilli(b.ts()).atZone(zone).toOffsetDateTime()).append(',')
                        .append(b.ts()).append(',').append(b.ok()).append(',').append(b.latencyMs()).append(',')
                        .append(b.reason() == null ? "" : b.reason().name()).append(',').append(csvCell(b.detail())).append(',')
                        .append(csvCell(b.codec())).append(',').append(b.ok() ? b.width() : "").append(',')
                        .append(b.ok() ? b.height() : "").append(',').append(b.ok() ? b.fps() : "").append(',')
                        .append(b.lateMs()).append('\n');
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                rows++;
                cursor = b.ts(); // beats come newest first; the next page ends before the oldest so far
            }
            if (page.size() < CSV_PAGE) break;
        }
        Http.respond(ex, 200, "text/csv; charset=utf-8", out.toByteArray());
        // cut short: the newest rows are in; the rest is one more request with to=<the oldest epoch_ms>
        if (truncated) ex.getIn().setHeader("X-Truncated", "to=" + cursor);
        String file = s.name().replaceAll("[^A-Za-z0-9._-]", "_");
        ex.getIn().setHeader("Content-Disposition", "attachment; filename=\"" + file + "-history.csv\"");
    }

    /** Quotes a cell and defuses spreadsheet formulas (a camera's error text is not trusted). */
    static String csvCell(String v) {
        if (v == null || v.isEmpty()) return "";
        if ("=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private StreamConfig stream(Exchange ex) {
        String name = Http.query(ex, "name");
        StreamConfig s = name == null ? null : config.current().stream(name).orElse(null);
        if (s == null) {
            Http.respond(ex, 404, "text/plain; charset=utf-8", "No such stream");
            Http.stop(ex);
        }
        return s;
    }

    static BeatRow beatRow(Heartbeat b, ZoneId zone) {
        return new BeatRow(DashboardView.format(b.ts(), zone), b.ok(), b.latencyMs(),
                b.reason() == null ? "" : b.reason().words(), b.detail() == null ? "" : b.detail(),
                b.codec() == null ? "" : b.codec(), b.ok() ? b.width() + "×" + b.height() : "", b.lateMs());
    }

    static List<OutageRow> outageRows(List<Outages.Outage> outages, ZoneId zone, long now) {
        List<OutageRow> out = new ArrayList<>();
        for (Outages.Outage o : outages) {
            out.add(new OutageRow(DashboardView.format(o.startMs(), zone), o.endMs() < 0 ? "ongoing" : DashboardView.format(o.endMs(), zone),
                    Outages.duration(o.durationMs(now)), o.beats(), o.reason() == null ? "" : o.reason().words()));
        }
        return out;
    }

    /** Time-based outages, newest first, as rows; "Failed beats" is left empty (they are not counted by beats). */
    static List<OutageRow> stateOutageRows(List<dev.streampulse.health.Outage> outages, ZoneId zone) {
        List<OutageRow> out = new ArrayList<>();
        for (dev.streampulse.health.Outage o : outages) {
            out.add(0, new OutageRow(DashboardView.format(o.start(), zone), o.end() == null ? "ongoing" : DashboardView.format(o.end(), zone),
                    Outages.duration(o.durationMs()), 0, o.worst().name() + (o.reason() == null ? "" : " (" + o.reason() + ")")));
        }
        return out;
    }

    static List<EventRow> eventRows(List<HealthEvent> events, ZoneId zone) {
        List<EventRow> out = new ArrayList<>();
        for (HealthEvent e : events) {
            out.add(new EventRow(DashboardView.format(e.ts(), zone), e.from() == null ? "" : e.from().name(),
                    HealthEvent.PROFILE.equals(e.kind()) ? "profile" : e.to().name(), e.reason() == null ? "" : e.reason(),
                    e.detail() == null ? "" : e.detail(), e.evidenceGood() == null ? "" : e.evidenceGood(),
                    e.evidenceBad() == null ? "" : e.evidenceBad()));
        }
        return out;
    }

    static List<ReasonCount> reasonRows(Map<Reason, Integer> counts) {
        List<ReasonCount> out = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<Reason, Integer>comparingByValue().reversed())
                .forEach(e -> out.add(new ReasonCount(e.getKey().name(), e.getKey().words(), e.getValue())));
        return out;
    }

}
