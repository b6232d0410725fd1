package dev.streampulse.health;

import java.util.ArrayList;
import java.util.List;

/**
 * A continuous time in DEGRADED or DOWN. Maintenance (PAUSED) and not knowing (UNKNOWN) end it.
 *
 * @param start  when it began (may be before the window asked for)
 * @param end    when it ended, or null while it lasts
 * @param worst  DOWN if any part of it was DOWN, else DEGRADED
 * @param reason the reason it began with
 */
public record Outage(String stream, long start, Long end, long durationMs, StreamState worst, String reason) {

    /**
     * @param before  the newest STATE event before {@code from}, or null
     * @param changes STATE events with {@code from <= ts < to}, oldest first
     * @param to      end of the window (an ongoing outage is measured up to here)
     */
    public static List<Outage> compute(String stream, HealthEvent before, List<HealthEvent> changes, long to) {
        List<Outage> out = new ArrayList<>();
        Long start = null;
        StreamState worst = null;
        String reason = null;
        List<HealthEvent> all = new ArrayList<>();
        if (before != null) all.add(before);
        all.addAll(changes);
        for (HealthEvent e : all) {
            if (!HealthEvent.STATE.equals(e.kind())) continue;
            boolean bad = e.to() == StreamState.DOWN || e.to() == StreamState.DEGRADED;
            if (bad && start == null) {
                start = e.ts();
                worst = e.to();
                reason = e.reason();
            } else if (bad) {
                if (e.to() == StreamState.DOWN) worst = StreamState.DOWN;
            } else if (start != null) {
                out.add(new Outage(stream, start, e.ts(), e.ts() - start, worst, reason));
                start = null;
            }
        }
        if (start != null) out.add(new Outage(stream, start, null, Math.max(0, to - start), worst, reason));
        return out;
    }
}
