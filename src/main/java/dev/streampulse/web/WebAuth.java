package dev.streampulse.web;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * The guard every protected route calls first. Pages without a session go to /login (302), the API
 * answers 401; POSTs must carry the session's CSRF token (403). A session that still has the
 * default password may only reach the password page.
 */
public final class WebAuth {
    static final String CSRF_FIELD = "_csrf";
    private final Sessions sessions;
    private final Users users;

    public WebAuth(Sessions sessions, Users users) {
        this.sessions = sessions;
        this.users = users;
    }

    /** For pages (GET). */
    public void page(Exchange ex) {
        Session s = sessions.get(Http.cookie(ex, Sessions.COOKIE));
        if (s == null) {
            Http.redirect(ex, "/login?next=" + URLEncoder.encode(Http.uri(ex), StandardCharsets.UTF_8));
            Http.stop(ex);
            return;
        }
        if (s.mustChangePassword && !Http.path(ex).equals("/password")) {
            Http.redirect(ex, "/password");
            Http.stop(ex);
            return;
        }
        ex.setProperty(Http.SESSION, s);
    }

    /** For form posts: a session and its CSRF token. */
    public void post(Exchange ex) {
        Session s = sessions.get(Http.cookie(ex, Sessions.COOKIE));
        if (s == null) {
            Http.redirect(ex, "/login");
            Http.stop(ex);
            return;
        }
        if (!csrfOk(ex, s)) {
            Http.respond(ex, 403, "text/plain; charset=utf-8", "Forbidden: missing or wrong CSRF token. Reload the page and try again.");
            Http.stop(ex);
            return;
        }
        if (s.mustChangePassword && !Http.path(ex).equals("/password") && !Http.path(ex).equals("/logout")) {
            Http.redirect(ex, "/password");
            Http.stop(ex);
            return;
        }
        ex.setProperty(Http.SESSION, s);
    }

    /** For /api/: a bearer token or a session; unsafe methods with a session also need the CSRF token. */
    public void api(Exchange ex) {
        String auth = Http.header(ex, "Authorization");
        if (Users.isBearer(auth)) {
            String user = users.bearerUser(auth);
            if (user != null) {
                ex.setProperty(Http.SESSION, new Session("token", user, "", false, System.currentTimeMillis()));
                return;
            }
        } else {
            Session s = sessions.get(Http.cookie(ex, Sessions.COOKIE));
            if (s != null && !s.mustChangePassword) {
                boolean safe = Http.method(ex).equals("GET") || Http.method(ex).equals("HEAD");
                if (safe || Sessions.same(Http.header(ex, "X-CSRF-Token"), s.csrf)) {
                    ex.setProperty(Http.SESSION, s);
                    return;
                }
                Http.json(ex, 403, new JsonObject().put("error", "missing or wrong X-CSRF-Token"));
                Http.stop(ex);
                return;
            }
        }
        Http.json(ex, 401, new JsonObject().put("error", "log in or send Authorization: Bearer <token>"));
        ex.getIn().setHeader("WWW-Authenticate", "Bearer realm=\"streampulse\"");
        Http.stop(ex);
    }

    static boolean csrfOk(Exchange ex, Session s) {
        String token = Http.formValue(ex, CSRF_FIELD);
        if (token.isEmpty()) token = Http.header(ex, "X-CSRF-Token");
        return Sessions.same(token, s.csrf);
    }
}
