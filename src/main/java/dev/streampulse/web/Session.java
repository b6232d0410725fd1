package dev.streampulse.web;

/** One logged-in browser. The CSRF token lives as long as the session. */
public final class Session {
    final String id;
    final String user;
    final String csrf;
    final long createdMs;
    volatile boolean mustChangePassword;
    volatile long lastSeenMs;
    /** the user's role for this request (looked up from users.json on every request, so a change applies at once) */
    volatile Role role = Role.VIEWER;

    Session(String id, String user, String csrf, boolean mustChangePassword, long now) {
        this.id = id;
        this.user = user;
        this.csrf = csrf;
        this.mustChangePassword = mustChangePassword;
        this.createdMs = now;
        this.lastSeenMs = now;
    }

    public String getUser() {
        return user;
    }

    public String getCsrf() {
        return csrf;
    }

    @Override
    public String toString() {
        return "Session[" + user + "]"; // never the id
    }
}
