package dev.streampulse.store;

import dev.streampulse.probe.Heartbeat;
import java.util.List;
import java.util.Map;

/** Where heartbeats live, with their hourly rollups, compaction and pruning (SQL: {@link SqlHeartbeatStore}). */
public interface HeartbeatStore {

    /** Writes a batch in one transaction; when it returns the beats survive a crash. */
    void insert(List<Heartbeat> beats);

    /** Moves recent beats into the per-stream table and the hourly rollup; returns how many moved. */
    int compact();

    /** The newest beat of every stream that has one, by stream name. */
    Map<String, Heartbeat> latest();

    /** One stream's beats with {@code fromTs <= ts < toTs}, newest first, at most {@code limit}. */
    List<Heartbeat> beats(String stream, long fromTs, long toTs, int limit);

    /**
     * As {@link #beats} with {@code detail} left out (null): for charts and counts over a day of
     * beats, where FFmpeg's error texts (up to 500 characters each) would be most of the memory.
     */
    default List<Heartbeat> beatsWithoutDetail(String stream, long fromTs, long toTs, int limit) {
        return beats(stream, fromTs, toTs, limit);
    }

    /** Hourly rollups with {@code fromHour <= hour < toHour} (hour = epoch ms / 3,600,000). */
    List<HourlyRollup> hourly(long fromHour, long toHour);

    /**
     * Hourly counts with {@code fromHour <= hour < toHour}, the compacted rollups plus the beats still
     * in the inbox, read in one snapshot so a compaction in between cannot count a beat twice.
     * One row per (stream, hour); what the dashboard's 24-hour strips are drawn from.
     */
    List<HourlyRollup> hourlyIncludingRecent(long fromHour, long toHour);

    /**
     * For each given stream, its newest failed beat with {@code range[0] <= ts < range[1]}, if any.
     * Callers keep the ranges short (the dashboard passes the last failing hour the rollups show):
     * the inbox is scanned once for all streams, the per-stream table by its (stream, ts) key.
     */
    Map<String, Heartbeat> lastFailures(Map<String, long[]> ranges);

    /** Deletes raw beats older than {@code beforeTs}; rollups stay. Returns how many went. */
    int prune(long beforeTs);

    /** Deletes hourly rollups with {@code hour < beforeHour}; returns how many went. */
    int pruneHourly(long beforeHour);

    /** Gives pages freed by pruning back to the file system, so the file stays bounded. */
    void vacuum();

    long count();

    /** The inbox id of the newest beat this process committed (0 before the first commit). */
    long lastCommittedId();

    /** Why the last write failed, or null when it succeeded (readiness reports this). */
    String writeProblem();
}
