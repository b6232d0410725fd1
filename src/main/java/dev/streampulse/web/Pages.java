package dev.streampulse.web;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** What every page template gets: title, user, CSRF token, the current path for the nav. */
final class Pages {
    private Pages() {}

    static Map<String, Object> model(Exchange ex, String title) {
        Session s = Http.session(ex);
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("user", s == null ? "" : s.user);
        m.put("csrf", s == null ? "" : s.csrf);
        m.put("path", Http.path(ex));
        m.put("locked", s != null && s.mustChangePassword);
        Role role = s == null ? Role.VIEWER : s.role;
        m.put("role", role.id());
        m.put("isAdmin", role.covers(Role.ADMIN));
        m.put("isOperator", role.covers(Role.OPERATOR));
        return m;
    }
}
