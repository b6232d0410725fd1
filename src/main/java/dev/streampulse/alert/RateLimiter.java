package dev.streampulse.alert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps alerts from becoming spam: per alert and stream, the same news twice in a row is dropped
 * (dedupe) and a message closer than the alert's {@code min_interval_seconds} to the previous one is
 * refused (the selector holds the newest such message back until the interval has passed); per alert,
 * at most {@code perMinute} messages in any minute (a storm when a switch dies under 200 cameras).
 */
public final class RateLimiter {
    private final int perMinute;
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> sent = new ConcurrentHashMap<>();

    private record Last(String news, long at) {}

    public RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    public enum Decision { SEND, DUPLICATE, TOO_SOON, STORM }

    /** Decides about one message and, when it is sent, remembers it. */
    public synchronized Decision offer(String alert, String stream, String news, int minIntervalSeconds, long now) {
        String key = alert + "\u0000" + stream;
        Last prev = last.get(key);
        if (prev != null && prev.news.equals(news)) return Decision.DUPLICATE;
        if (prev != null && minIntervalSeconds > 0 && now - prev.at < minIntervalSeconds * 1000L) return Decision.TOO_SOON;
        Deque<Long> times = sent.computeIfAbsent(alert, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - 60_000) times.removeFirst();
        if (perMinute > 0 && times.size() >= perMinute) return Decision.STORM;
        times.addLast(now);
        last.put(key, new Last(news, now));
        return Decision.SEND;
    }
}
