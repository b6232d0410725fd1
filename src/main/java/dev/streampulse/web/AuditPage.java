package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.store.AuditStore;
import dev.streampulse.store.AuditStore.AuditEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** The audit log for admins: GET /audit (newest 500) and GET /api/audit?from=MS&to=MS&limit=N (JSON). */
public record AuditPage(AuditStore store, ConfigFile config) {
    static final int MAX_LIMIT = 5000;

    /** GET /audit */
    public void page(Exchange ex) {
        Http.html(ex);
        Map<String, Object> m = Pages.model(ex, "Audit log");
        List<Map<String, String>> rows = new ArrayList<>();
        for (AuditEntry e : store.audit(0, Long.MAX_VALUE, 500)) {
            Map<String, String> r = new HashMap<>();
            r.put("time", DashboardView.format(e.ts(), config.current().timezone()));
            r.put("actor", nz(e.actor()));
            r.put("client", nz(e.client()));
            r.put("action", nz(e.action()));
            r.put("target", nz(e.target()));
            r.put("detail", nz(e.detail()));
            rows.add(r);
        }
        m.put("entries", rows);
        ex.getIn().setBody(m);
    }

    /** GET /api/audit */
    public void api(Exchange ex) {
        long from = Http.queryLong(ex, "from", 0);
        long to = Http.queryLong(ex, "to", Long.MAX_VALUE);
        int limit = (int) Math.max(1, Math.min(MAX_LIMIT, Http.queryLong(ex, "limit", 500)));
        JsonArray out = new JsonArray();
        for (AuditEntry e : store.audit(from, to, limit)) {
            out.add(new JsonObject().put("id", e.id()).put("ts", e.ts()).put("actor", e.actor()).put("client", e.client())
                    .put("action", e.action()).put("target", e.target()).put("detail", e.detail()));
        }
        Http.json(ex, 200, out);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
