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
 *
 * <p>It hands out a task only when its camera (or declared NVR host) has a free session: the others
 * wait here, in due order, and go as sessions free up — a probe waiting for its host holds no probe
 * thread. One that waits past its timeout is handed out as a {@link Reason#HOST_WAIT} beat (our own
 * cap, not the camera, kept it from starting). Each stream's recent probe times (a timeout counts as
 * its full timeout) say what it costs: {@link #demand()} for {@link ProbeCapacity}, and its lane — a
 * stream that times out or takes seconds probes in the slow lane, so it never takes the capacity
 * healthy streams need.
 */
public class ProbeScheduler {
    private static final long UNSET = Long.MIN_VALUE;
    /** What a stream with no probe yet is assumed to cost (a real camera's first frame takes 0.2-3 s). */
    static final long PRIOR_MS = 1_000;
    /**
     * A stream whose recent probes average this long (or whose last one timed out) probes in the slow lane,
     * unless the fleet's typical probe takes a third of it or more (a busy machine slows every camera; that
     * does not make a healthy one a slow one): then {@link #SLOW_FACTOR} times the typical probe.
     */
    static final long SLOW_LANE_MS = 3_000;
    static final int SLOW_FACTOR = 3;
    /** Probe times remembered per stream. */
    static final int HISTORY = 4;

    private volatile Map<String, Slot> slots = Map.of();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile long lastTickMs;
    private volatile java.util.function.Predicate<StreamConfig> owned = s -> true;
    private volatile HostLimiter limiter = new HostLimiter(0);
    /** Tasks due but waiting for a free session to their camera or host, in due order (timer thread only). */
    private final List<ProbeTask> waiting = new ArrayList<>();
    private volatile int waitingCount;
    private final AtomicLong hostWaits = new AtomicLong();
    private final Punctuality punctuality = new Punctuality();
    /** The slow lane's threshold now ({@link #SLOW_LANE_MS}, or more on a busy machine); set by {@link #demand()}. */
    private volatile long slowLaneMs = SLOW_LANE_MS;

    /** The session caps (probe.per_host_limit, hosts:); tasks already holding a permit keep it. */
    public void setLimiter(HostLimiter limiter) {
        this.limiter = limiter;
    }

    public HostLimiter limiter() {
        return limiter;
    }

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
            Slot slot = new Slot(s, s.heartbeatSeconds() * 1000L, prev == null ? null : prev.running,
                    prev == null ? null : prev.history);
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

    /**
     * The streams due now whose camera has a free session, marked running, and those that waited for
     * one and got it (or gave up: HOST_WAIT); called by the timer route.
     */
    public List<ProbeTask> due() {
        long now = System.currentTimeMillis();
        lastTickMs = now;
        List<ProbeTask> out = new ArrayList<>();
        HostLimiter hosts = limiter;
        Map<String, Slot> current = slots;
        // those that waited first: they were due earlier
        for (java.util.Iterator<ProbeTask> it = waiting.iterator(); it.hasNext(); ) {
            ProbeTask t = it.next();
            Slot slot = current.get(t.stream().name());
            if (slot == null || !slot.stream.equals(t.stream()) || !owned.test(slot.stream)) {
                // removed or changed by a reload, or handed to another node, while it waited: its slot is free again
                if (slot != null) slot.running.set(false);
                it.remove();
                continue;
            }
            HostLimiter.Permit p = hosts.tryAcquire(t.stream().url());
            if (p != null) {
                out.add(t.admitted(p, now));
                it.remove();
            } else if (now >= t.dueMs() + t.stream().timeoutSeconds() * 1000L) {
                hostWaits.incrementAndGet();
                out.add(t.gaveUp(now));
                it.remove();
            }
        }
        for (Slot slot : current.values()) {
            long due = slot.nextDue;
            if (due == UNSET) due = slot.nextDue = slot.firstDueAfter(now);
            if (due > now) continue;
            // advance to the next slot after now; missed slots (e.g. after a pause) are not replayed
            long missed = (now - due) / slot.intervalMs;
            slot.nextDue = due + (missed + 1) * slot.intervalMs;
            if (!owned.test(slot.stream)) continue;
            if (!slot.running.compareAndSet(false, true)) {
                if (slot.history.answered) punctuality.record(now, Long.MAX_VALUE, slot.history.slow(slot.stream, slowLaneMs));
                skipped.incrementAndGet();
                slot.skipped.incrementAndGet();
                slot.lastSkippedMs = now;
                continue;
            }
            started.incrementAndGet();
            ProbeTask task = new ProbeTask(slot.stream, due + missed * slot.intervalMs, slot.history.slow(slot.stream, slowLaneMs), null, 0, false,
                    slot.history.timedOut, null);
            HostLimiter.Permit p = hosts.tryAcquire(slot.stream.url());
            if (p != null) out.add(task.admitted(p, now));
            else waiting.add(task);
        }
        waitingCount = waiting.size();
        return out;
    }

    /**
     * True, after freeing its session and slot, when the task's stream was handed to another node
     * while the task queued for a probe thread: that node probes it now, a late probe here would be
     * a second beat for one slot.
     */
    public boolean handedOver(ProbeTask task) {
        if (owned.test(task.stream())) return false;
        done(task);
        return true;
    }

    /** Called when a probe ends, whatever its outcome. */
    public void done(ProbeTask task) {
        done(task, null);
    }

    /**
     * Called when a probe ends, whatever its outcome: frees its session and its stream's slot, and
     * remembers what the probe cost ({@code result} is its {@link Observation}, or anything else when it failed).
     */
    public void done(ProbeTask task, Object result) {
        if (task.permit() != null) task.permit().close();
        Slot slot = slots.get(task.stream().name());
        if (slot == null) return;
        if (task.unanswered()) {
            // the camera stayed silent through the cheap first step: a timeout that held no probe thread
            slot.history.silent();
        } else if (result instanceof Observation o) {
            Heartbeat b = o.beat();
            // a stream that answered last time is one whose beats must be on time (a HOST_WAIT beat is late too)
            if (slot.history.answered) punctuality.record(System.currentTimeMillis(), b.lateMs(), task.slow());
            if (b.reason() != Reason.HOST_WAIT) {
                boolean timedOut = b.reason() == Reason.TIMEOUT;
                slot.history.add(timedOut ? task.stream().timeoutSeconds() * 1000L : b.latencyMs(), timedOut, b.ok());
            }
        }
        slot.running.set(false);
    }

    /** Tasks due but waiting for a free session to their camera or NVR host (they hold no thread). */
    public int waitingForHost() {
        return waitingCount;
    }

    /** Beats given up as HOST_WAIT since start. */
    public long hostWaits() {
        return hostWaits.get();
    }

    /**
     * Sessions the streams this process probes keep open on average, per lane: for each stream its
     * expected probe time over its interval (at most 1: a stream never has two probes at once).
     */
    public Demand demand() {
        double fast = 0, slow = 0;
        List<Load> loads = new ArrayList<>();
        Map<String, Slot> current = slots;
        long[] answering = new long[current.size()];
        int n = 0;
        for (Slot slot : current.values()) {
            if (owned.test(slot.stream) && !slot.history.timedOut) answering[n++] = slot.history.expectedMs(slot.stream);
        }
        java.util.Arrays.sort(answering, 0, n);
        long limit = slowLaneMs = n == 0 ? SLOW_LANE_MS : Math.max(SLOW_LANE_MS, SLOW_FACTOR * answering[n / 2]);
        for (Slot slot : current.values()) {
            if (!owned.test(slot.stream)) continue;
            double share = Math.min(1.0, slot.history.expectedMs(slot.stream) / (double) slot.intervalMs);
            boolean isSlow = slot.history.slow(slot.stream, limit);
            if (isSlow) slow += share;
            else fast += share;
            loads.add(new Load(slot.stream.name(), slot.history.expectedMs(slot.stream), slot.intervalMs, share, isSlow,
                    slot.history.timedOut));
        }
        loads.sort(java.util.Comparator.comparingDouble(Load::share).reversed());
        return new Demand(fast, slow, loads);
    }

    /** How many beats of answering streams started late (or were skipped) in the last 30 s. */
    public Punctuality punctuality() {
        return punctuality;
    }

    /** The probe time from which a stream probes in the slow lane now. */
    public long slowLaneMs() {
        return slowLaneMs;
    }

    /** Streams with a beat skipped (previous probe still running, or still waiting) since {@code sinceMs}. */
    public int streamsSkippedSince(long sinceMs) {
        int n = 0;
        for (Slot slot : slots.values()) if (slot.lastSkippedMs >= sinceMs) n++;
        return n;
    }

    /** What the fleet asks of the probe pools: open sessions on average, per lane, and who asks most. */
    public record Demand(double fast, double slow, List<Load> loads) {
        public double total() {
            return fast + slow;
        }
    }

    /** One stream's cost: expected probe time every interval, as a share of one session. */
    public record Load(String stream, long expectedMs, long intervalMs, double share, boolean slow, boolean timedOut) {}

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
        final History history;
        final AtomicLong skipped = new AtomicLong();
        volatile long nextDue;
        volatile long lastSkippedMs = Long.MIN_VALUE;

        Slot(StreamConfig stream, long intervalMs, AtomicBoolean running, History history) {
            this.stream = stream;
            this.intervalMs = intervalMs;
            this.running = running == null ? new AtomicBoolean() : running;
            this.history = history == null ? new History() : history;
        }

        /** Slots are epoch-aligned with a per-name phase: due times are phase + k * interval. */
        long firstDueAfter(long now) {
            long phase = Math.floorMod(stream.name().hashCode() * 2654435761L, intervalMs);
            long k = Math.floorDiv(now - phase, intervalMs) + 1;
            return phase + k * intervalMs;
        }
    }

    /** A stream's last few probe times; kept across reloads. */
    static final class History {
        private final long[] samples = new long[HISTORY];
        private int count;
        private int next;
        volatile boolean timedOut;
        /** The last probe decoded a frame: the stream answers, its beats are held to their schedule. */
        volatile boolean answered;

        synchronized void add(long ms, boolean timeout, boolean ok) {
            samples[next] = ms;
            next = (next + 1) % HISTORY;
            count = Math.min(HISTORY, count + 1);
            timedOut = timeout;
            answered = ok;
        }

        /**
         * The camera stayed silent through a knock: while it is knocked it holds no probe thread, so the
         * thread time of the probes before (its timeouts) no longer says what it costs.
         */
        synchronized void silent() {
            samples[0] = 0;
            next = 1;
            count = 1;
            timedOut = true;
            answered = false;
        }

        /** The mean of the recent probe times; before any, {@link #PRIOR_MS} (at most the timeout). */
        synchronized long expectedMs(StreamConfig s) {
            if (count == 0) return Math.min(PRIOR_MS, s.timeoutSeconds() * 1000L);
            long sum = 0;
            for (int i = 0; i < count; i++) sum += samples[i];
            return sum / count;
        }

        boolean slow(StreamConfig s, long limitMs) {
            return timedOut || expectedMs(s) >= limitMs;
        }
    }
}
