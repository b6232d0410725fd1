package dev.streampulse.web;

/** One logged-in browser. The CSRF token lives as long as the session. */
public final class Session {
    final String id;
    final String user;
    final String csrf;
    volatile boolean mustChangePassword;
    volatile long lastSeenMs;

    Session(String id, String user, String csrf, boolean mustChangePassword, long now) {
        this.id = id;
        this.user = user;
        this.csrf = csrf;
        this.mustChangePassword = mustChangePassword;
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
