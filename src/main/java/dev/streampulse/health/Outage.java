package dev.streampulse.health;

import java.util.ArrayDeque;
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
        Collector c = new Collector(stream, Integer.MAX_VALUE);
        if (before != null) c.accept(before);
        changes.forEach(c::accept);
        return c.finish(to);
    }

    /**
     * Builds outages from STATE events fed oldest first, keeping only the newest {@code max}: the
     * event log is read in pages, so a camera flapping for a month costs a bounded amount of memory.
     */
    public static final class Collector {
        private final String stream;
        private final int max;
        private final ArrayDeque<Outage> out = new ArrayDeque<>();
        private boolean dropped;
        private Long start;
        private StreamState worst;
        private String reason;

        public Collector(String stream, int max) {
            this.stream = stream;
            this.max = max;
        }

        public void accept(HealthEvent e) {
            if (!HealthEvent.STATE.equals(e.kind())) return;
            boolean bad = e.to() == StreamState.DOWN || e.to() == StreamState.DEGRADED;
            if (bad && start == null) {
                start = e.ts();
                worst = e.to();
                reason = e.reason();
            } else if (bad) {
                if (e.to() == StreamState.DOWN) worst = StreamState.DOWN;
            } else if (start != null) {
                add(new Outage(stream, start, e.ts(), e.ts() - start, worst, reason));
                start = null;
            }
        }

        private void add(Outage o) {
            out.addLast(o);
            if (out.size() > max) {
                out.removeFirst();
                dropped = true;
            }
        }

        /** Whether older outages were left out to stay within {@code max}. */
        public boolean dropped() {
            return dropped;
        }

        /** The outages, oldest first; an ongoing one is measured up to {@code to}. */
        public List<Outage> finish(long to) {
            if (start != null) {
                add(new Outage(stream, start, null, Math.max(0, to - start), worst, reason));
                start = null;
            }
            return new ArrayList<>(out);
        }
    }
}
