package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** API tokens: create (shown once), list, revoke. */
public final class SettingsPage {
    private final Users users;
    private final ConfigFile config;

    public SettingsPage(Users users, ConfigFile config) {
        this.users = users;
        this.config = config;
    }

    /** GET /settings */
    public void page(Exchange ex) {
        model(ex, "");
    }

    /** POST /settings/token */
    public void create(Exchange ex) {
        String label = Http.formValue(ex, "label");
        if (label.length() > 60) label = label.substring(0, 60);
        model(ex, users.createToken(Http.session(ex).user, label));
    }

    /** POST /settings/revoke */
    public void revoke(Exchange ex) {
        users.revokeToken(Http.formValue(ex, "id"));
        Http.redirect(ex, "/settings");
        Http.stop(ex);
    }

    private void model(Exchange ex, String created) {
        Http.html(ex);
        Map<String, Object> m = Pages.model(ex, "API tokens");
        m.put("created", created);
        List<Map<String, String>> tokens = new ArrayList<>();
        for (JsonObject t : users.tokens()) {
            Map<String, String> row = new HashMap<>();
            row.put("id", t.getString("id"));
            row.put("label", t.getString("label", ""));
            row.put("user", t.getString("user"));
            row.put("created", DashboardView.format(t.getLong("created_ms", 0L), config.current().timezone()));
            tokens.add(row);
        }
        m.put("tokens", tokens);
        ex.getIn().setBody(m);
    }
}
