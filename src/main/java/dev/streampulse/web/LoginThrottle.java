package dev.streampulse.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing without handing anyone a way to lock the owner out.
 *
 * <ul>
 *   <li>Per (account, client): the first {@value #FREE} failures cost nothing, then each further one
 *       locks that pair for 2^(n-FREE) seconds, up to 15 minutes. Only that client waits: the owner
 *       at another address still logs in.</li>
 *   <li>Per account, from all clients: after {@value #ACCOUNT_BUSY} failures in a row the account is
 *       under attack, and every client gets one free guess at it instead of {@value #FREE} before its
 *       pair locks. Guessing slows to one try per address and lock period; the account itself is
 *       never refused.</li>
 *   <li>Per client, any account: {@value #CLIENT_FREE} failures, then the same growing lock, so one
 *       client cannot spray guesses over many names.</li>
 * </ul>
 *
 * Accounts are keyed by {@link Users#key} of the stored name, so "Admin", " admin" and a full-width
 * "ａｄｍｉｎ" share one counter. Counts fade {@value #FORGET_MS} ms after the last lock ran out.
 * Memory is bounded by forgetting the least recently failed key, one at a time: never all at once.
 */
public final class LoginThrottle {
    static final int FREE = 5;
    static final int CLIENT_FREE = 20;
    static final int ACCOUNT_BUSY = 20;
    static final long FORGET_MS = 15 * 60_000L;
    private static final long MAX_LOCK_MS = 15 * 60_000L;
    static final int MAX_KEYS = 100_000;

    private record State(int failures, long lockedUntil) {}

    private final Map<String, State> keys = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_KEYS;
        }
    };
    private final LongSupplier clock;

    public LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** How many ms this client must still wait before a login to this account is even checked; 0 when free. */
    public synchronized long waitMs(String client, String account) {
        long now = clock.getAsLong();
        return Math.max(remaining(pair(client, account), now), remaining(clientKey(client), now));
    }

    public synchronized void failed(String client, String account) {
        long now = clock.getAsLong();
        int accountFailures = bump(accountKey(account), Integer.MAX_VALUE, now);
        int free = accountFailures > ACCOUNT_BUSY ? 1 : FREE;
        bump(pair(client, account), free, now);
        bump(clientKey(client), CLIENT_FREE, now);
    }

    /** The right password: this pair and the account's count start again; the client's count stays (it may spray names). */
    public synchronized void succeeded(String client, String account) {
        keys.remove(pair(client, account));
        keys.remove(accountKey(account));
    }

    /** One more failure on {@code key}; locked once it has had more than {@code free - 1}. Returns the count. */
    private int bump(String key, int free, long now) {
        State s = keys.remove(key); // re-inserted below: the map's order is "least recently failed first"
        int n = s == null || now > s.lockedUntil + FORGET_MS ? 1 : s.failures + 1;
        long lock = n < free ? 0 : Math.min(MAX_LOCK_MS, 1000L << Math.min(20, n - free));
        keys.put(key, new State(n, now + lock));
        return n;
    }

    private long remaining(String key, long now) {
        State s = keys.get(key);
        return s == null ? 0 : Math.max(0, s.lockedUntil - now);
    }

    synchronized int size() {
        return keys.size();
    }

    private static String pair(String client, String account) {
        return "pair:" + Users.key(account) + "\n" + client;
    }

    private static String accountKey(String account) {
        return "account:" + Users.key(account);
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }
}
