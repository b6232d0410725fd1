package dev.streampulse.web;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Login, logout and password change. The login form is protected against CSRF by a double-submit
 * token (a cookie that must match a form field) because there is no session yet. Failed logins
 * and wrong current passwords count in the {@link LoginThrottle} under the stored account name;
 * every login, failed or not, and every password change goes to the audit log.
 */
public record LoginPage(Sessions sessions, Users users, LoginThrottle throttle, Audit audit) {
    static final String LOGIN_COOKIE = "SP_LOGIN";

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
        String typed = Http.formValue(ex, "username").strip();
        String password = Http.formValue(ex, "password");
        String client = Http.clientIp(ex);
        // look-alike spellings of a name ("Admin", "ａｄｍｉｎ", " admin") count against the one stored account
        String stored = typed.length() > 200 ? null : users.storedName(typed);
        String account = stored != null ? stored : typed.length() > 200 ? typed.substring(0, 200) : typed;
        long wait = throttle.waitMs(client, account);
        if (wait > 0) { // not audited: no bcrypt runs, so these come as fast as a client sends them
            ex.getIn().setBody(loginModel(ex, next, "Too many failed logins. Try again in " + ((wait + 999) / 1000) + " s.", 429));
            return;
        }
        var record = typed.isEmpty() || password.isEmpty() || password.length() > 200 ? null : users.check(typed, password);
        if (record == null) {
            throttle.failed(client, account);
            long locked = throttle.waitMs(client, account);
            audit.record(account, client, "login.failed", account, (stored == null ? "no such user" : "wrong password")
                    + (locked > 0 ? "; this client now waits " + ((locked + 999) / 1000) + " s" : ""));
            ex.getIn().setBody(loginModel(ex, next, "Wrong user name or password.", 401));
            return;
        }
        throttle.succeeded(client, account);
        sessions.invalidate(Http.cookie(ex, Sessions.COOKIE));
        Session s = sessions.create(record.getString("name"), record.getBoolean("must_change", false));
        audit.record(s.user, client, "login.ok", s.user, s.mustChangePassword ? "must change the password" : null);
        Http.redirect(ex, s.mustChangePassword ? "/password" : Http.safeNext(next));
        Http.setCookies(ex, sessions.cookie(s), Sessions.clearCookie(LOGIN_COOKIE, "/login"));
        Http.stop(ex);
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
        ex.getIn().setBody(passwordModel(ex, null, 200));
    }

    /**
     * POST /password. The current-password check is a login check too: it is throttled per (account,
     * client) like the login form, so a stolen session cannot guess the password at bcrypt speed.
     * On success every other session of the user ends and this one continues under a new id.
     */
    public void changePassword(Exchange ex) {
        Session s = Http.session(ex);
        String client = Http.clientIp(ex);
        long wait = throttle.waitMs(client, s.user);
        if (wait > 0) {
            ex.getIn().setBody(passwordModel(ex, "Too many wrong passwords. Try again in " + ((wait + 999) / 1000) + " s.", 429));
            return;
        }
        String current = Http.formValue(ex, "current");
        if (current.length() > 200 || users.check(s.user, current) == null) {
            throttle.failed(client, s.user);
            audit.record(ex, "password.failed", s.user, "wrong current password");
            ex.getIn().setBody(passwordModel(ex, "The current password is wrong.", 400));
            return;
        }
        String problem = users.changePassword(s.user, current, Http.formValue(ex, "password"), Http.formValue(ex, "repeat"));
        if (problem != null) {
            ex.getIn().setBody(passwordModel(ex, problem, 400));
            return;
        }
        throttle.succeeded(client, s.user);
        Session fresh = sessions.rotate(s);
        audit.record(ex, "password.changed", s.user, "other sessions ended");
        Http.redirect(ex, "/");
        Http.setCookies(ex, sessions.cookie(fresh));
        Http.stop(ex);
    }

    private Map<String, Object> passwordModel(Exchange ex, String error, int status) {
        Session s = Http.session(ex);
        Http.html(ex);
        if (status != 200) ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        Map<String, Object> m = Pages.model(ex, "Change password");
        m.put("forced", s.mustChangePassword);
        m.put("error", error == null ? "" : error);
        m.put("minLength", Passwords.MIN_LENGTH);
        m.put("maxBytes", Passwords.MAX_BYTES);
        return m;
    }
}
