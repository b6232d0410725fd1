package dev.streampulse.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Server-side sessions in memory (a restart logs everyone out, which is acceptable for a monitor).
 * Ids are 256 random bits; a session expires after an idle period, and after an absolute lifetime
 * however busy it is (a stolen cookie does not live forever).
 */
public final class Sessions {
    public static final String COOKIE = "SP_SESSION";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final long idleMs;
    private final long maxMs;
    private final LongSupplier clock;

    public Sessions(long idleMs, LongSupplier clock) {
        this(idleMs, Long.MAX_VALUE / 2, clock);
    }

    /** @param maxMs the absolute lifetime: the session ends this long after login, used or not */
    public Sessions(long idleMs, long maxMs, LongSupplier clock) {
        this.idleMs = idleMs;
        this.maxMs = maxMs;
        this.clock = clock;
    }

    /** A new session with a fresh id: never reuse an id that existed before login (fixation). */
    public Session create(String user, boolean mustChangePassword) {
        purge();
        Session s = new Session(randomToken(), user, randomToken(), mustChangePassword, clock.getAsLong());
        byId.put(s.id, s);
        return s;
    }

    /** The live session for this id, touching it; null when unknown or idle too long. */
    public Session get(String id) {
        if (id == null || id.isEmpty()) return null;
        Session s = byId.get(id);
        if (s == null) return null;
        long now = clock.getAsLong();
        if (expired(s, now)) {
            byId.remove(id);
            return null;
        }
        s.lastSeenMs = now;
        return s;
    }

    private boolean expired(Session s, long now) {
        return now - s.lastSeenMs > idleMs || now - s.createdMs > maxMs;
    }

    /**
     * After a password change: every other session of the user ends, and the current one goes on
     * under a new id (and CSRF token), so an id seen before the change is worth nothing.
     */
    public Session rotate(Session current) {
        invalidateUser(current.user, null);
        Session s = create(current.user, false);
        s.role = current.role;
        return s;
    }

    public void invalidate(String id) {
        if (id != null) byId.remove(id);
    }

    /** Ends every session of a user except the one with {@code keepId} (may be null: all of them). */
    public void invalidateUser(String user, String keepId) {
        byId.values().removeIf(s -> s.user.equals(user) && !s.id.equals(keepId));
    }

    public int size() {
        return byId.size();
    }

    private void purge() {
        long now = clock.getAsLong();
        byId.values().removeIf(s -> expired(s, now));
    }

    public String cookie(Session s) {
        return COOKIE + "=" + s.id + "; Path=/; HttpOnly; SameSite=Strict";
    }

    public static String clearCookie(String name, String path) {
        return name + "=; Path=" + path + "; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Constant-time comparison for tokens. */
    static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
