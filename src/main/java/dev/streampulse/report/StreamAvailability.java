package dev.streampulse.report;

/**
 * One stream's (or one group's) availability over a window. Times are in ms and clipped to the window;
 * an outage that began before the window counts with its part inside it.
 *
 * @param name       stream name, or the group's label value
 * @param group      the stream's group (label value), "" when it has none; for a group row, its label
 * @param streams    1 for a stream, the number of streams for a group
 * @param excludedMs maintenance (PAUSED) and not monitored (UNKNOWN): left out of the uptime
 * @param outages    runs of DEGRADED or DOWN overlapping the window
 * @param frozenMs   time DEGRADED because the picture was frozen
 * @param blackMs    time DEGRADED because the picture was black
 */
public record StreamAvailability(String name, String group, int streams, long upMs, long degradedMs, long downMs,
                                 long excludedMs, int outages, long outageMs, long longestMs, long frozenMs, long blackMs) {

    /** up / (up + degraded + down); NaN when nothing was monitored. */
    public double uptime() {
        long counted = upMs + degradedMs + downMs;
        return counted == 0 ? Double.NaN : (double) upMs / counted;
    }

    /** The sum of several rows (a group's), as one row named {@code name}. */
    static StreamAvailability sum(String name, String label, Iterable<StreamAvailability> rows) {
        int n = 0, outages = 0;
        long up = 0, degraded = 0, down = 0, excluded = 0, outageMs = 0, longest = 0, frozen = 0, black = 0;
        for (StreamAvailability r : rows) {
            n += r.streams;
            up += r.upMs;
            degraded += r.degradedMs;
            down += r.downMs;
            excluded += r.excludedMs;
            outages += r.outages;
            outageMs += r.outageMs;
            longest = Math.max(longest, r.longestMs);
            frozen += r.frozenMs;
            black += r.blackMs;
        }
        return new StreamAvailability(name, label, n, up, degraded, down, excluded, outages, outageMs, longest, frozen, black);
    }
}
