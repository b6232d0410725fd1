package dev.streampulse.report;

import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.Outage;
import dev.streampulse.health.StreamState;
import dev.streampulse.health.Uptime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream's availability from its event log, the way the dashboard computes it: uptime by
 * {@link Uptime} (maintenance and unknown time left out), outages by {@link Outage}, and on top the
 * time spent DEGRADED for a frozen or a black picture, and the evidence of each outage's first bad frame.
 */
public record Availability(StreamAvailability row, List<OutageRecord> outages) {

    /**
     * @param before  the newest STATE event before {@code from}, or null
     * @param changes the stream's events with {@code from <= ts < to}, oldest first
     * @param to      end of the window (no later than now)
     */
    public static Availability of(String stream, String group, HealthEvent before, List<HealthEvent> changes, long from, long to) {
        StreamState initial = before == null ? StreamState.UNKNOWN : before.to();
        Uptime u = Uptime.compute(initial, changes, from, to);
        // the event that began each outage carries its evidence frames
        Map<Long, HealthEvent> firstBad = new HashMap<>();
        List<HealthEvent> all = new ArrayList<>();
        if (before != null) all.add(before);
        all.addAll(changes);
        boolean bad = false;
        for (HealthEvent e : all) {
            if (!HealthEvent.STATE.equals(e.kind())) continue;
            boolean nowBad = e.to() == StreamState.DOWN || e.to() == StreamState.DEGRADED;
            if (nowBad && !bad) firstBad.put(e.ts(), e);
            bad = nowBad;
        }
        List<OutageRecord> out = new ArrayList<>();
        long total = 0, longest = 0;
        for (Outage o : Outage.compute(stream, before, changes, to)) {
            long end = o.end() == null ? to : o.end();
            long inside = Math.max(0, Math.min(end, to) - Math.max(o.start(), from));
            HealthEvent first = firstBad.get(o.start());
            out.add(new OutageRecord(stream, o.start(), o.end(), inside, o.worst().name(), o.reason() == null ? "" : o.reason(),
                    first == null || first.evidenceGood() == null ? "" : first.evidenceGood(),
                    first == null || first.evidenceBad() == null ? "" : first.evidenceBad()));
            total += inside;
            longest = Math.max(longest, inside);
        }
        long[] picture = pictureTime(before, changes, from, to);
        return new Availability(new StreamAvailability(stream, group, 1, u.upMs(), u.degradedMs(), u.downMs(), u.excludedMs(),
                out.size(), total, longest, picture[0], picture[1]), out);
    }

    /** {frozen ms, black ms}: time DEGRADED with reason FROZEN or BLACK, inside the window. */
    private static long[] pictureTime(HealthEvent before, List<HealthEvent> changes, long from, long to) {
        long[] ms = new long[2];
        StreamState state = before == null ? StreamState.UNKNOWN : before.to();
        String reason = before == null ? null : before.reason();
        long t = from;
        for (HealthEvent e : changes) {
            if (!HealthEvent.STATE.equals(e.kind())) continue;
            long at = Math.max(from, Math.min(to, e.ts()));
            add(ms, state, reason, at - t);
            t = at;
            state = e.to();
            reason = e.reason();
        }
        add(ms, state, reason, Math.max(0, to - t));
        return ms;
    }

    private static void add(long[] ms, StreamState state, String reason, long d) {
        if (state != StreamState.DEGRADED || reason == null) return;
        if (reason.equals("FROZEN")) ms[0] += d;
        else if (reason.equals("BLACK")) ms[1] += d;
    }
}
