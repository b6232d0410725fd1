package dev.streampulse.web;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * The guard every protected route calls first. Pages without a session go to /login (302), the API
 * answers 401; POSTs must carry the session's CSRF token (403). A session that still has the
 * default password may only reach the password page. Then the role: {@link Access} says which one
 * the method and path need, the user's role is read from users.json on every request (a changed or
 * deleted user takes effect at once), and a role too low gets 403.
 */
public record WebAuth(Sessions sessions, Users users) {
    static final String CSRF_FIELD = "_csrf";

    /** For pages (GET). */
    public void page(Exchange ex) {
        admit(ex, false);
    }

    /** For form posts: a session and its CSRF token. */
    public void post(Exchange ex) {
        admit(ex, true);
    }

    /**
     * A live session (else to the login: a page comes back to where it was), for a post its CSRF token,
     * a password that need not be changed first (the password page and, for a post, logout excepted),
     * and a role that may open the path.
     */
    private void admit(Exchange ex, boolean post) {
        Session s = live(ex);
        if (s == null) {
            Http.redirect(ex, post ? "/login" : "/login?next=" + URLEncoder.encode(Http.uri(ex), StandardCharsets.UTF_8));
            Http.stop(ex);
            return;
        }
        if (post && !csrfOk(ex, s)) {
            Http.respond(ex, 403, "text/plain; charset=utf-8", "Forbidden: missing or wrong CSRF token. Reload the page and try again.");
            Http.stop(ex);
            return;
        }
        String path = Http.path(ex);
        if (s.mustChangePassword && !path.equals("/password") && !(post && path.equals("/logout"))) {
            Http.redirect(ex, "/password");
            Http.stop(ex);
            return;
        }
        if (!allowed(ex, s)) {
            forbidden(ex, s);
            return;
        }
        ex.setProperty(Http.SESSION, s);
    }

    /**
     * For /api/: a bearer token (from the Authorization header only, never the query string) or a
     * session; unsafe methods with a session also need the CSRF token.
     */
    public void api(Exchange ex) {
        String auth = Http.header(ex, "Authorization");
        Session s = null;
        if (Users.isBearer(auth)) {
            Users.Identity who = users.bearer(auth);
            if (who != null) {
                s = new Session("token", who.name(), "", false, System.currentTimeMillis());
                s.role = who.role();
            }
        } else {
            s = live(ex);
            if (s != null && s.mustChangePassword) s = null;
            boolean safe = Http.method(ex).equals("GET") || Http.method(ex).equals("HEAD");
            if (s != null && !safe && !Sessions.same(Http.header(ex, "X-CSRF-Token"), s.csrf)) {
                Http.json(ex, 403, new JsonObject().put("error", "missing or wrong X-CSRF-Token"));
                Http.stop(ex);
                return;
            }
        }
        if (s == null) {
            Http.json(ex, 401, new JsonObject().put("error", "log in or send Authorization: Bearer <token>"));
            ex.getIn().setHeader("WWW-Authenticate", "Bearer realm=\"streampulse\"");
            Http.stop(ex);
            return;
        }
        if (!allowed(ex, s)) {
            Role needed = Access.needed(Http.method(ex), Http.path(ex));
            Http.json(ex, 403, new JsonObject().put("error", "needs the " + needed.id() + " role; " + s.user + " has " + s.role.id()));
            Http.stop(ex);
            return;
        }
        ex.setProperty(Http.SESSION, s);
    }

    /** The request's session with its user's current role; null without one, or when the user was deleted. */
    private Session live(Exchange ex) {
        Session s = sessions.get(Http.cookie(ex, Sessions.COOKIE));
        if (s == null) return null;
        Role role = users.role(s.user);
        if (role == null) {
            sessions.invalidateUser(s.user, null);
            return null;
        }
        s.role = role;
        return s;
    }

    private static boolean allowed(Exchange ex, Session s) {
        return s.role.covers(Access.needed(Http.method(ex), Http.path(ex)));
    }

    private static void forbidden(Exchange ex, Session s) {
        Role needed = Access.needed(Http.method(ex), Http.path(ex));
        Http.respond(ex, 403, "text/plain; charset=utf-8", "Forbidden: this needs the " + needed.id() + " role; "
                + s.user + " has the " + s.role.id() + " role.");
        Http.stop(ex);
    }

    static boolean csrfOk(Exchange ex, Session s) {
        String token = Http.formValue(ex, CSRF_FIELD);
        if (token.isEmpty()) token = Http.header(ex, "X-CSRF-Token");
        return Sessions.same(token, s.csrf);
    }
}
