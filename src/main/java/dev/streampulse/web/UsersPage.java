package dev.streampulse.web;

import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The users page (admins only): add a user with a role and a first password (changed at their
 * first login), change a role, reset a password, delete. A change ends the user's sessions where it
 * takes rights away; every change goes to the audit log.
 */
public record UsersPage(Users users, Sessions sessions, Audit audit) {

    /** GET /users */
    public void page(Exchange ex) {
        model(ex, Http.query(ex, "done"), null);
    }

    /** POST /users/add: name, role, password */
    public void add(Exchange ex) {
        String name = Http.formValue(ex, "name").strip();
        Role role = Role.parse(Http.formValue(ex, "role"));
        String problem = users.addUser(name, role, Http.formValue(ex, "password"), true);
        if (problem == null) audit.record(ex, "user.add", users.storedName(name), "role " + role.id());
        finish(ex, problem, "added " + name);
    }

    /** POST /users/role: name, role */
    public void role(Exchange ex) {
        String name = users.storedName(Http.formValue(ex, "name"));
        Role role = Role.parse(Http.formValue(ex, "role"));
        Role before = name == null ? null : users.role(name);
        String problem = name == null ? "No such user." : users.setRole(name, role);
        if (problem == null) audit.record(ex, "user.role", name, before.id() + " → " + role.id());
        finish(ex, problem, name + " is " + (role == null ? "" : role.id()) + " now");
    }

    /** POST /users/reset: name, password; the user must choose a new one at the next login, and is logged out */
    public void reset(Exchange ex) {
        String name = users.storedName(Http.formValue(ex, "name"));
        String problem = name == null ? "No such user." : users.resetPassword(name, Http.formValue(ex, "password"), true);
        if (problem == null) {
            sessions.invalidateUser(name, null);
            audit.record(ex, "user.reset", name, "password reset by an admin, sessions ended");
        }
        finish(ex, problem, "new password for " + name);
    }

    /** POST /users/delete: name; the user's sessions and tokens end with it */
    public void delete(Exchange ex) {
        String name = users.storedName(Http.formValue(ex, "name"));
        String problem = name == null ? "No such user." : users.deleteUser(name);
        if (problem == null) {
            sessions.invalidateUser(name, null);
            audit.record(ex, "user.delete", name, "sessions and tokens ended");
        }
        finish(ex, problem, "deleted " + name);
    }

    private void finish(Exchange ex, String problem, String done) {
        if (problem == null) {
            Http.redirect(ex, "/users?done=" + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8));
            Http.stop(ex);
            return;
        }
        model(ex, null, problem);
        ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
    }

    private void model(Exchange ex, String done, String error) {
        Http.html(ex);
        Map<String, Object> m = Pages.model(ex, "Users");
        m.put("users", users.accounts());
        m.put("roles", java.util.Arrays.stream(Role.values()).map(Role::id).toList());
        m.put("done", done == null ? "" : done);
        m.put("error", error == null ? "" : error);
        m.put("minLength", Passwords.MIN_LENGTH);
        ex.getIn().setBody(m);
    }
}
