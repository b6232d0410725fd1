package dev.streampulse.web;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Login, logout and password change. The login form is protected against CSRF by a double-submit
 * token (a cookie that must match a form field) because there is no session yet.
 */
public final class LoginPage {
    static final String LOGIN_COOKIE = "SP_LOGIN";
    private final Sessions sessions;
    private final Users users;
    private final LoginThrottle throttle;

    public LoginPage(Sessions sessions, Users users, LoginThrottle throttle) {
        this.sessions = sessions;
        this.users = users;
        this.throttle = throttle;
    }

    /** GET /login */
    public void form(Exchange ex) {
        Session current = sessions.get(Http.cookie(ex, Sessions.COOKIE));
        if (current != null && !current.mustChangePassword) { // already logged in
            Http.redirect(ex, Http.safeNext(Http.query(ex, "next")));
            Http.stop(ex);
            return;
        }
        ex.getIn().setBody(loginModel(ex, Http.query(ex, "next"), null, 200));
    }

    /** POST /login: a redirect on success, else the form again with the reason. */
    public void login(Exchange ex) {
        String next = Http.formValue(ex, "next");
        if (!Sessions.same(Http.formValue(ex, "_login"), Http.cookie(ex, LOGIN_COOKIE))) {
            Http.respond(ex, 403, "text/plain; charset=utf-8", "Forbidden: the login form expired. Reload /login and try again.");
            Http.stop(ex);
            return;
        }
        String user = Http.formValue(ex, "username").strip();
        String password = Http.formValue(ex, "password");
        String client = Http.clientIp(ex);
        long wait = throttle.waitMs(client, user);
        if (wait > 0) {
            ex.getIn().setBody(loginModel(ex, next, "Too many failed logins. Try again in " + ((wait + 999) / 1000) + " s.", 429));
            return;
        }
        var record = user.isEmpty() || password.isEmpty() || password.length() > 200 ? null : users.check(user, password);
        if (record == null) {
            throttle.failed(client, user);
            ex.getIn().setBody(loginModel(ex, next, "Wrong user name or password.", 401));
            return;
        }
        throttle.succeeded(client, user);
        sessions.invalidate(Http.cookie(ex, Sessions.COOKIE));
        Session s = sessions.create(record.getString("name"), record.getBoolean("must_change", false));
        Http.redirect(ex, s.mustChangePassword ? "/password" : Http.safeNext(next));
        Http.setCookies(ex, sessions.cookie(s), Sessions.clearCookie(LOGIN_COOKIE, "/login"));
        Http.stop(ex);
        return;
    }

    private Map<String, Object> loginModel(Exchange ex, String next, String error, int status) {
        String token = Sessions.randomToken();
        Http.html(ex);
        ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        Http.setCookies(ex, LOGIN_COOKIE + "=" + token + "; Path=/login; HttpOnly; SameSite=Strict");
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Log in");
        m.put("next", Http.safeNext(next));
        m.put("loginToken", token);
        m.put("error", error == null ? "" : error);
        return m;
    }

    /** POST /logout */
    public void logout(Exchange ex) {
        sessions.invalidate(Http.session(ex).id);
        Http.redirect(ex, "/login");
        Http.setCookies(ex, Sessions.clearCookie(Sessions.COOKIE, "/"));
    }

    /** GET /password */
    public void passwordForm(Exchange ex) {
        ex.getIn().setBody(passwordModel(ex, null));
    }

    /** POST /password */
    public void changePassword(Exchange ex) {
        Session s = Http.session(ex);
        String problem = users.changePassword(s.user, Http.formValue(ex, "current"), Http.formValue(ex, "password"),
                Http.formValue(ex, "repeat"));
        if (problem != null) { ex.getIn().setBody(passwordModel(ex, problem)); return; }
        s.mustChangePassword = false;
        sessions.invalidateUser(s.user, s.id);
        Http.redirect(ex, "/");
        Http.stop(ex);
        return;
    }

    private Map<String, Object> passwordModel(Exchange ex, String error) {
        Session s = Http.session(ex);
        Http.html(ex);
        if (error != null) ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
        Map<String, Object> m = Pages.model(ex, "Change password");
        m.put("forced", s.mustChangePassword);
        m.put("error", error == null ? "" : error);
        m.put("minLength", Users.MIN_PASSWORD);
        return m;
    }
}
