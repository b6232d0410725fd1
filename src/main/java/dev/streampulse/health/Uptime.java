package dev.streampulse.health;

import java.util.List;

/**
 * Time-weighted uptime over a window: how long the stream spent in each state, from its event log,
 * not a count of good beats (a camera probed every 15 s that is down for 2 minutes loses 2 minutes).
 * UP counts as up; DEGRADED and DOWN count as down; PAUSED (maintenance) and UNKNOWN (not monitored)
 * are left out of the ratio.
 */
public record Uptime(long fromTs, long toTs, long upMs, long degradedMs, long downMs, long excludedMs) {

    /** up / (up + degraded + down); NaN when nothing in the window was monitored. */
    public double ratio() {
        long counted = upMs + degradedMs + downMs;
        return counted == 0 ? Double.NaN : (double) upMs / counted;
    }

    /**
     * @param initial the state at {@code from} (from the last event before it; UNKNOWN if none)
     * @param changes STATE events with {@code from <= ts < to}, oldest first
     */
    public static Uptime compute(StreamState initial, List<HealthEvent> changes, long from, long to) {
        long[] ms = new long[StreamState.values().length];
        StreamState state = initial;
        long t = from;
        for (HealthEvent e : changes) {
            if (!HealthEvent.STATE.equals(e.kind())) continue;
            long at = Math.max(from, Math.min(to, e.ts()));
            ms[state.ordinal()] += at - t;
            t = at;
            state = e.to();
        }
        ms[state.ordinal()] += Math.max(0, to - t);
        return new Uptime(from, to, ms[StreamState.UP.ordinal()], ms[StreamState.DEGRADED.ordinal()],
                ms[StreamState.DOWN.ordinal()], ms[StreamState.PAUSED.ordinal()] + ms[StreamState.UNKNOWN.ordinal()]);
    }
}
