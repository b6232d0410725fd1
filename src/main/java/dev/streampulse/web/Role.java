package dev.streampulse.web;

import java.util.Locale;

/** What a user or token may do; each role includes the ones before it. */
public enum Role {
    /** dashboard, stream pages, previews, the read-only API */
    VIEWER,
    /** also enable/disable a stream */
    OPERATOR,
    /** also the config editor, users, API tokens, the audit log */
    ADMIN;

    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code text} (viewer, operator, admin), or null when it is none of them. */
    public static Role parse(String text) {
        if (text == null) return null;
        for (Role r : values()) if (r.id().equals(text.strip().toLowerCase(Locale.ROOT))) return r;
        return null;
    }

    public static Role lower(Role a, Role b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
