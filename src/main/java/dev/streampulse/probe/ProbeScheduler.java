package dev.streampulse.probe;

import dev.streampulse.config.StreamConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, at each tick of the one timer, which streams are due. Every stream beats at its own
 * interval on a stable phase (from its name), so 2,000 cameras spread over the interval instead of
 * all firing in the same second, and keep their slots across restarts and reloads.
 * A stream whose previous probe still runs when its next beat is due is skipped and counted,
 * never stacked.
 */
public class ProbeScheduler {
    private static final long UNSET = Long.MIN_VALUE;

    private volatile Map<String, Slot> slots = Map.of();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile long lastTickMs;
    private volatile java.util.function.Predicate<StreamConfig> owned = s -> true;

    /**
     * Which streams this process probes (with several monitor nodes, its share). A stream it does
     * not own keeps its slots ticking unprobed, so the node that takes it over starts at the next
     * slot rather than repeating the one the previous owner just probed.
     */
    public void setOwnership(java.util.function.Predicate<StreamConfig> owned) {
        this.owned = owned;
    }

    /** Swaps in a new stream set; unchanged streams keep their slot and in-flight state. */
    public synchronized void update(List<StreamConfig> streams) {
        Map<String, Slot> old = slots;
        Map<String, Slot> next = new HashMap<>();
        long now = System.currentTimeMillis();
        for (StreamConfig s : streams) {
            Slot prev = old.get(s.name());
            Slot slot = new Slot(s, s.heartbeatSeconds() * 1000L, prev == null ? null : prev.running);
            // a new slot's first due time is set by the first tick that sees it, so start-up time is not "late"
            slot.nextDue = prev != null && prev.intervalMs == slot.intervalMs ? prev.nextDue : UNSET;
            next.put(s.name(), slot);
        }
        slots = Map.copyOf(next);
    }

    /** Those of {@code streams} this process probes (all on a single box; its share with several nodes), in order. */
    public List<StreamConfig> mine(List<StreamConfig> streams) {
        return streams.stream().filter(owned).toList();
    }

    /** The streams due now, marked running; called by the timer route. */
    public List<ProbeTask> due() {
        long now = System.currentTimeMillis();
        lastTickMs = now;
        List<ProbeTask> out = new ArrayList<>();
        for (Slot slot : slots.values()) {
            long due = slot.nextDue;
            if (due == UNSET) due = slot.nextDue = slot.firstDueAfter(now);
            if (due > now) continue;
            // advance to the next slot after now; missed slots (e.g. after a pause) are not replayed
            long missed = (now - due) / slot.intervalMs;
            slot.nextDue = due + (missed + 1) * slot.intervalMs;
            if (!owned.test(slot.stream)) continue;
            if (!slot.running.compareAndSet(false, true)) {
                skipped.incrementAndGet();
                slot.skipped.incrementAndGet();
                continue;
            }
            started.incrementAndGet();
            out.add(new ProbeTask(slot.stream, due + missed * slot.intervalMs));
        }
        return out;
    }

    /** Called when a probe ends, whatever its outcome. */
    public void done(ProbeTask task) {
        Slot slot = slots.get(task.stream().name());
        if (slot != null) slot.running.set(false);
    }

    /** When the timer last asked for due streams (0 = never): readiness checks the loop runs. */
    public long lastTickMs() {
        return lastTickMs;
    }

    public long skipped() {
        return skipped.get();
    }

    public long skipped(String stream) {
        Slot s = slots.get(stream);
        return s == null ? 0 : s.skipped.get();
    }

    public long started() {
        return started.get();
    }

    /** When the stream's next beat is due (epoch ms), or -1 if it is not scheduled. */
    public long nextDue(String stream) {
        Slot s = slots.get(stream);
        if (s == null) return -1;
        long due = s.nextDue;
        return due == UNSET ? s.firstDueAfter(System.currentTimeMillis()) : due;
    }

    public int size() {
        return slots.size();
    }

    private static final class Slot {
        final StreamConfig stream;
        final long intervalMs;
        final AtomicBoolean running;
        final AtomicLong skipped = new AtomicLong();
        volatile long nextDue;

        Slot(StreamConfig stream, long intervalMs, AtomicBoolean running) {
            this.stream = stream;
            this.intervalMs = intervalMs;
            this.running = running == null ? new AtomicBoolean() : running;
        }

        /** Slots are epoch-aligned with a per-name phase: due times are phase + k * interval. */
        long firstDueAfter(long now) {
            long phase = Math.floorMod(stream.name().hashCode() * 2654435761L, intervalMs);
            long k = Math.floorDiv(now - phase, intervalMs) + 1;
            return phase + k * intervalMs;
        }
    }
}
