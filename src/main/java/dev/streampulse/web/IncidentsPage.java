package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.incident.Incident;
import dev.streampulse.store.IncidentStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;

/** Site incidents: GET /incidents (the newest 200) and GET /api/incidents?from=MS&to=MS&limit=N (JSON, newest first). */
public record IncidentsPage(IncidentStore store, ConfigFile config, LongSupplier clock) {
    static final int MAX_LIMIT = 5000;

    /** GET /incidents */
    public void page(Exchange ex) {
        Http.html(ex);
        Map<String, Object> m = Pages.model(ex, "Incidents");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Incident i : store.incidents(0, Long.MAX_VALUE, 200)) {
            Map<String, Object> r = new HashMap<>();
            r.put("id", i.id());
            r.put("state", i.open() ? "open" : "closed");
            r.put("opened", DashboardView.format(i.openedTs(), config.current().timezone()));
            r.put("closed", i.closedTs() == null ? "" : DashboardView.format(i.closedTs(), config.current().timezone()));
            r.put("summary", i.summary());
            r.put("cause", i.cause());
            r.put("members", String.join(", ", i.members()));
            r.put("down", String.join(", ", i.down()));
            rows.add(r);
        }
        m.put("incidents", rows);
        ex.getIn().setBody(m);
    }

    /** GET /api/incidents */
    public void api(Exchange ex) {
        long from = Http.queryLong(ex, "from", 0);
        long to = Http.queryLong(ex, "to", clock.getAsLong() + 1);
        int limit = (int) Math.max(1, Math.min(MAX_LIMIT, Http.queryLong(ex, "limit", 500)));
        JsonArray out = new JsonArray();
        for (Incident i : store.incidents(from, to, limit)) out.add(json(i));
        Http.json(ex, 200, out);
    }

    static JsonObject json(Incident i) {
        return new JsonObject().put("id", i.id()).put("label", i.label()).put("group", i.group()).put("open", i.open())
                .put("opened_ts", i.openedTs()).put("last_fall_ts", i.lastFallTs()).put("closed_ts", i.closedTs())
                .put("size", i.size()).put("members", new JsonArray(i.members())).put("down", new JsonArray(i.down()))
                .put("reasons", new JsonObject(new HashMap<>(i.reasonCounts()))).put("summary", i.summary()).put("cause", i.cause());
    }
}
