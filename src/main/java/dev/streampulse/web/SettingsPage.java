package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** API tokens (admins only): create with a role and an optional expiry (shown once), list with last use, revoke. */
public record SettingsPage(Users users, ConfigFile config, Audit audit) {
    static final int MAX_DAYS = 3650;

    /** GET /settings */
    public void page(Exchange ex) {
        model(ex, "", "");
    }

    /** POST /settings/token: label, role (viewer by default), expires_days (empty: never) */
    public void create(Exchange ex) {
        String label = Http.formValue(ex, "label");
        if (label.length() > 60) label = label.substring(0, 60);
        String roleText = Http.formValue(ex, "role");
        Role role = roleText.isBlank() ? Role.VIEWER : Role.parse(roleText);
        String days = Http.formValue(ex, "expires_days").strip();
        long expires = 0;
        String problem = role == null ? "Choose a role: viewer, operator or admin." : null;
        if (problem == null && !days.isEmpty()) {
            try {
                int d = Integer.parseInt(days);
                if (d < 1 || d > MAX_DAYS) problem = "Expiry: 1 to " + MAX_DAYS + " days, or empty for never.";
                else expires = System.currentTimeMillis() + d * 86_400_000L;
            } catch (NumberFormatException e) {
                problem = "Expiry: a whole number of days, or empty for never.";
            }
        }
        if (problem != null) {
            model(ex, "", problem);
            ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            return;
        }
        Users.NewToken made = users.createToken(Http.session(ex).user, label, role, expires);
        audit.record(ex, "token.create", made.id(), "label '" + label + "', role " + role.id()
                + (expires > 0 ? ", expires " + DashboardView.format(expires, config.current().timezone()) : ", never expires"));
        model(ex, made.token(), "");
    }

    /** POST /settings/revoke */
    public void revoke(Exchange ex) {
        String id = Http.formValue(ex, "id");
        JsonObject t = users.token(id);
        if (users.revokeToken(id)) {
            audit.record(ex, "token.revoke", id, "label '" + t.getString("label", "") + "' of " + t.getString("user"));
        }
        Http.redirect(ex, "/settings");
        Http.stop(ex);
    }

    private void model(Exchange ex, String created, String error) {
        Http.html(ex);
        Map<String, Object> m = Pages.model(ex, "API tokens");
        m.put("created", created);
        m.put("error", error);
        m.put("maxDays", MAX_DAYS);
        long now = System.currentTimeMillis();
        List<Map<String, String>> tokens = new ArrayList<>();
        for (JsonObject t : users.tokens()) {
            Map<String, String> row = new HashMap<>();
            row.put("id", t.getString("id"));
            row.put("label", t.getString("label", ""));
            row.put("user", t.getString("user"));
            row.put("role", t.getString("role"));
            row.put("created", DashboardView.format(t.getLong("created_ms", 0L), config.current().timezone()));
            long expires = t.getLong("expires_ms", 0L);
            row.put("expires", expires == 0 ? "never" : DashboardView.format(expires, config.current().timezone())
                    + (expires <= now ? " (expired)" : ""));
            long used = t.getLong("last_used_ms", 0L);
            row.put("used", used == 0 ? "never" : DashboardView.format(used, config.current().timezone()));
            tokens.add(row);
        }
        m.put("tokens", tokens);
        ex.getIn().setBody(m);
    }
}
