package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.health.EventStore;
import dev.streampulse.report.AvailabilityReport;
import dev.streampulse.report.OutageRecord;
import dev.streampulse.report.StreamAvailability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;

/**
 * The availability report for a month ({@code ?month=2026-11}) or a range ({@code ?from=2026-11-01&to=2026-11-30},
 * days inclusive in the config's time zone, or epoch ms): printable HTML (GET /report), CSV with the same
 * cells (GET /report.csv) and JSON (GET /api/report). Without either: the current month so far.
 */
public record ReportPage(ConfigFile config, EventStore events, LongSupplier clock) {
    /** The CSV's columns; the HTML table shows the same cells in the same order. */
    static final List<String> COLUMNS = List.of("scope", "name", "group", "streams", "uptime_percent", "up", "degraded", "down",
            "excluded", "outages", "outage_total", "longest_outage", "frozen", "black");
    private static final long MAX_RANGE_MS = 400L * 86_400_000L;

    /** GET /report */
    public void page(Exchange ex) {
        AvailabilityReport r = report(ex);
        if (r == null) return;
        Http.html(ex);
        ZoneId zone = config.current().timezone();
        Map<String, Object> m = Pages.model(ex, "Availability report");
        m.put("from", DashboardView.format(r.fromTs(), zone));
        m.put("to", DashboardView.format(r.toTs(), zone));
        m.put("columns", COLUMNS);
        m.put("groupBy", r.groupBy());
        m.put("query", query(ex));
        List<List<String>> rows = new ArrayList<>();
        r.groups().forEach(g -> rows.add(cells("group", g)));
        r.streams().forEach(s -> rows.add(cells("stream", s)));
        m.put("rows", rows);
        List<Map<String, String>> worst = new ArrayList<>();
        for (OutageRecord o : r.worst()) {
            Map<String, String> w = new HashMap<>();
            w.put("stream", o.stream());
            w.put("start", DashboardView.format(o.start(), zone));
            w.put("end", o.end() == null ? "ongoing" : DashboardView.format(o.end(), zone));
            w.put("duration", hms(o.durationMs()));
            w.put("worst", o.worst());
            w.put("reason", o.reason());
            w.put("good", o.evidenceGood());
            w.put("bad", o.evidenceBad());
            worst.add(w);
        }
        m.put("worst", worst);
        ex.getIn().setBody(m);
    }

    /** GET /report.csv */
    public void csv(Exchange ex) {
        AvailabilityReport r = report(ex);
        if (r == null) return;
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        List<List<String>> rows = new ArrayList<>();
        r.groups().forEach(g -> rows.add(cells("group", g)));
        r.streams().forEach(s -> rows.add(cells("stream", s)));
        for (List<String> row : rows) {
            sb.append(String.join(",", row.stream().map(StreamPage::csvCell).toList())).append('\n');
        }
        Http.respond(ex, 200, "text/csv; charset=utf-8", sb.toString().getBytes(StandardCharsets.UTF_8));
        ex.getIn().setHeader("Content-Disposition", "attachment; filename=\"availability.csv\"");
    }

    /** GET /api/report */
    public void api(Exchange ex) {
        AvailabilityReport r = report(ex);
        if (r == null) return;
        JsonArray streams = new JsonArray();
        r.streams().forEach(s -> streams.add(json(s)));
        JsonArray groups = new JsonArray();
        r.groups().forEach(g -> groups.add(json(g)));
        JsonArray worst = new JsonArray();
        for (OutageRecord o : r.worst()) {
            worst.add(new JsonObject().put("stream", o.stream()).put("start_ts", o.start()).put("end_ts", o.end())
                    .put("duration_ms", o.durationMs()).put("worst", o.worst()).put("reason", o.reason())
                    .put("evidence_good", o.evidenceGood()).put("evidence_bad", o.evidenceBad()));
        }
        Http.json(ex, 200, new JsonObject().put("from_ts", r.fromTs()).put("to_ts", r.toTs()).put("group_by", r.groupBy())
                .put("streams", streams).put("groups", groups).put("worst_outages", worst));
    }

    private static JsonObject json(StreamAvailability a) {
        double u = a.uptime();
        return new JsonObject().put("name", a.name()).put("group", a.group()).put("streams", a.streams())
                .put("uptime", Double.isNaN(u) ? null : u).put("up_ms", a.upMs()).put("degraded_ms", a.degradedMs())
                .put("down_ms", a.downMs()).put("excluded_ms", a.excludedMs()).put("outages", a.outages())
                .put("outage_ms", a.outageMs()).put("longest_outage_ms", a.longestMs()).put("frozen_ms", a.frozenMs())
                .put("black_ms", a.blackMs());
    }

    /** One row's cells, shared by the HTML table and the CSV. */
    static List<String> cells(String scope, StreamAvailability a) {
        double u = a.uptime();
        return List.of(scope, a.name(), a.group(), Integer.toString(a.streams()),
                Double.isNaN(u) ? "" : String.format(Locale.ROOT, "%.3f", 100 * u), hms(a.upMs()), hms(a.degradedMs()),
                hms(a.downMs()), hms(a.excludedMs()), Integer.toString(a.outages()), hms(a.outageMs()), hms(a.longestMs()),
                hms(a.frozenMs()), hms(a.blackMs()));
    }

    /** 1 d 02:03:04 reads as 26:03:04: hours:minutes:seconds, which spreadsheets take as a duration. */
    static String hms(long ms) {
        long s = ms / 1000;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** The window asked for, or null after answering 400 with what is wrong. */
    private AvailabilityReport report(Exchange ex) {
        ZoneId zone = config.current().timezone();
        long now = clock.getAsLong();
        long from;
        long to;
        try {
            String month = Http.query(ex, "month");
            String f = Http.query(ex, "from");
            String t = Http.query(ex, "to");
            if (month != null && !month.isBlank()) {
                YearMonth ym = YearMonth.parse(month.trim());
                from = ym.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
                to = ym.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
            } else if (f != null && !f.isBlank()) {
                from = instant(f, zone, false);
                to = t == null || t.isBlank() ? now : instant(t, zone, true);
            } else {
                from = YearMonth.from(java.time.Instant.ofEpochMilli(now).atZone(zone)).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
                to = now;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            Http.respond(ex, 400, "text/plain; charset=utf-8",
                    "month must be YYYY-MM; from and to must be YYYY-MM-DD (days inclusive) or epoch milliseconds");
            Http.stop(ex);
            return null;
        }
        if (to <= from || to - from > MAX_RANGE_MS) {
            Http.respond(ex, 400, "text/plain; charset=utf-8", "the range must end after it begins and span at most 400 days");
            Http.stop(ex);
            return null;
        }
        return AvailabilityReport.build(events, config.current(), from, to, now);
    }

    /** A day (its start; with {@code end}, the start of the next day, so the day is included) or epoch ms. */
    private static long instant(String v, ZoneId zone, boolean end) {
        String s = v.trim();
        if (s.chars().allMatch(Character::isDigit)) return Long.parseLong(s);
        LocalDate d = LocalDate.parse(s);
        return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The query for the CSV link: only the report's own parameters, as given. */
    private static String query(Exchange ex) {
        StringBuilder q = new StringBuilder();
        for (String k : List.of("month", "from", "to")) {
            String v = Http.query(ex, k);
            if (v == null || v.isBlank()) continue;
            q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        return q.toString();
    }
}
