package dev.streampulse.health;

import java.util.List;
import java.util.Map;

/**
 * Where events live: the port health needs, implemented in SQL by the store package (its
 * {@code Database.events()}), in memory by tests.
 */
public interface EventStore {
    /** Writes one event at once and returns its row id. */
    long insertEvent(HealthEvent e);

    /** One stream's events with {@code fromTs <= ts < toTs}, oldest first, at most {@code limit}. */
    List<HealthEvent> events(String stream, long fromTs, long toTs, int limit);

    /** All streams' events with {@code fromTs <= ts < toTs}, newest first, at most {@code limit}. */
    List<HealthEvent> recentEvents(long fromTs, long toTs, int limit);

    /** The newest STATE event of every stream that has one: where each state machine resumes. */
    Map<String, HealthEvent> lastStateEvents();

    /** The newest STATE event of one stream before {@code ts}, or null. */
    HealthEvent stateBefore(String stream, long ts);

    /** The id of the newest stored event (0 if none): it changes whenever any event is written. */
    long lastEventId();

    /** Deletes events older than {@code beforeTs}; returns how many went. */
    int pruneEvents(long beforeTs);
}
