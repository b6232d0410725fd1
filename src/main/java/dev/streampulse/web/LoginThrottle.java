package dev.streampulse.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing, per client address and per user name: the first {@value #FREE} failures
 * cost nothing, then each further one locks the key for 2^(n-FREE) seconds, up to 15 minutes.
 * A success clears the key. The user key stops a spread-out attack on one account, the client key
 * one client trying many names.
 */
public final class LoginThrottle {
    static final int FREE = 5;
    private static final long MAX_LOCK_MS = 15 * 60_000L;
    private static final int MAX_KEYS = 100_000;

    private record State(int failures, long lockedUntil) {}

    private final Map<String, State> keys = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** How many ms the caller must still wait before a login is even checked; 0 when free. */
    public long waitMs(String client, String user) {
        long now = clock.getAsLong();
        return Math.max(remaining(key("ip", client), now), remaining(key("user", user), now));
    }

    public void failed(String client, String user) {
        if (keys.size() > MAX_KEYS) keys.clear(); // bounded memory under a flood; locks restart
        long now = clock.getAsLong();
        for (String k : new String[] {key("ip", client), key("user", user)}) {
            keys.compute(k, (x, s) -> {
                int n = s == null ? 1 : s.failures + 1;
                long lock = n < FREE ? 0 : Math.min(MAX_LOCK_MS, 1000L << Math.min(20, n - FREE));
                return new State(n, now + lock);
            });
        }
    }

    public void succeeded(String client, String user) {
        keys.remove(key("ip", client));
        keys.remove(key("user", user));
    }

    private long remaining(String key, long now) {
        State s = keys.get(key);
        return s == null ? 0 : Math.max(0, s.lockedUntil - now);
    }

    private static String key(String kind, String value) {
        return kind + ":" + (value == null ? "" : value.toLowerCase(java.util.Locale.ROOT));
    }
}
