package dev.streampulse.probe;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many probes may run at once, following what the fleet needs instead of a fixed number: every
 * second (the capacity route) it sums each stream's expected probe time over its interval
 * ({@link ProbeScheduler#demand()}), adds a margin, and sizes the two probe lanes, never past the
 * ceiling ({@code probe.max_concurrency}). The fast lane — streams that answer — is sized first; the
 * slow lane (streams that time out or take seconds) gets what is left, at least one thread, so a
 * dead tenth of the fleet queues behind itself, never in front of healthy cameras.
 *
 * <p>A probe thread blocked in FFmpeg costs no CPU and ~120 KB of RSS (bench section {@code blocked}),
 * so a generous ceiling is cheap. When the fleet needs more than the ceiling, {@link #plan()} says so
 * and readiness goes DOWN with the numbers; the log names the streams that cost the most (once a minute).
 */
public final class ProbeCapacity implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeCapacity.class);
    /**
     * Sessions are sized this many standard deviations above the average need. The sessions open at
     * once are a sum of independent streams each busy a share of its interval, so their spread is at
     * most the square root of the need: need + 3 sqrt(need) is passed about once in a thousand
     * samples. A flat 1.5 x need kept ~65 idle threads at a 2,000-camera fleet's need of 130 (each
     * ~150 KB of touched stack for the life of the pool) and pushed a 20 % bad fleet past the ceiling.
     */
    public static final double SIGMAS = 3;
    /** Threads the fast lane keeps above the margin (a small fleet's bursts). */
    public static final int HEADROOM = 4;
    private static final long LOG_EVERY_MS = 60_000;

    private final ProbeScheduler scheduler;
    private final Lane fast = new Lane("probe");
    private final Lane slow = new Lane("probe-slow");
    private volatile int ceiling;
    private volatile Plan plan;
    private long lastLogMs = Long.MIN_VALUE / 2;
    private boolean wasOver, wasLate;
    private long lastLateLogMs = Long.MIN_VALUE / 2;

    public ProbeCapacity(ProbeScheduler scheduler, int ceiling) {
        this.scheduler = scheduler;
        this.ceiling = ceiling;
        adjust();
    }

    /** The pool of the fast lane (streams that answer), for the routes' {@code threads} step. */
    public ThreadPoolExecutor fastLane() {
        return fast;
    }

    /** The pool of the slow lane (streams that time out or take seconds). */
    public ThreadPoolExecutor slowLane() {
        return slow;
    }

    public void setCeiling(int ceiling) {
        this.ceiling = ceiling;
        adjust();
    }

    public Plan plan() {
        return plan;
    }

    /**
     * The capacity rule: each lane gets its average need plus {@link #SIGMAS} times its square root
     * (the fast lane plus {@link #HEADROOM}), the fast lane first, both together at most {@code ceiling};
     * the slow lane always keeps one thread.
     */
    public static Plan plan(double fastNeed, double slowNeed, int ceiling) {
        int slowFloor = 1;
        int fastWant = withMargin(fastNeed) + HEADROOM;
        int fastSize = Math.max(1, Math.min(fastWant, ceiling - slowFloor));
        int slowWant = withMargin(slowNeed) + 1;
        int slowSize = Math.max(slowFloor, Math.min(slowWant, ceiling - fastSize));
        return new Plan(fastNeed, slowNeed, fastSize, slowSize, ceiling);
    }

    static int withMargin(double need) {
        return (int) Math.ceil(need + SIGMAS * Math.sqrt(Math.max(0, need)));
    }

    /** Recomputes the plan from the fleet's recent probe times and resizes the lanes (the capacity route). */
    public synchronized Plan adjust() {
        ProbeScheduler.Demand d = scheduler.demand();
        // a fast-lane probe running for seconds (a camera that just went dark) holds its thread until its
        // timeout, before its history moves it to the slow lane: do not count that thread as capacity
        Plan p = plan(d.fast() + fast.overdue(scheduler.slowLaneMs()), d.slow(), ceiling);
        fast.setMaximumPoolSize(p.fast());
        slow.setMaximumPoolSize(p.slow());
        plan = p;
        long now = System.currentTimeMillis();
        if (p.cannotKeepUp() && (!wasOver || now - lastLogMs >= LOG_EVERY_MS)) {
            lastLogMs = now;
            LOG.warn("Probing cannot keep up: {} sessions needed, {} available (probe.max_concurrency); {} streams skipped in "
                            + "the last minute; the most costly streams: {}", fmt(p.needed()), p.ceiling(),
                    scheduler.streamsSkippedSince(now - 60_000), top(d.loads(), 5));
        } else if (!p.cannotKeepUp() && wasOver) {
            LOG.info("Probing keeps up again: {} sessions needed, {} available", fmt(p.needed()), p.ceiling());
        }
        Punctuality.Window w = scheduler.punctuality().recent(now);
        if (!p.cannotKeepUp() && w.tooLate() && (!wasLate || now - lastLateLogMs >= LOG_EVERY_MS)) {
            lastLateLogMs = now;
            LOG.warn("{}; the most costly streams: {}", late(w, p), top(d.loads(), 5));
        }
        wasOver = p.cannotKeepUp();
        wasLate = w.tooLate();
        return p;
    }

    /**
     * In words, when a lane needs more sessions than it has (readiness and the dashboard say it);
     * null while probing keeps up.
     */
    public String problem() {
        Plan p = plan;
        Punctuality.Window w = scheduler.punctuality().recent(System.currentTimeMillis());
        if (!p.cannotKeepUp()) return w.tooLate() ? late(w, p) : null;
        return String.format(Locale.ROOT, "Probing cannot keep up: %.1f sessions needed, %d available (probe.max_concurrency; "
                        + "fast lane %.1f needed / %d threads, slow lane %.1f / %d); %d streams skipped in the last minute",
                p.needed(), p.ceiling(), p.fastNeed(), p.fast(), p.slowNeed(), p.slow(),
                scheduler.streamsSkippedSince(System.currentTimeMillis() - 60_000));
    }

    /**
     * Healthy beats went late though the plan fits under the ceiling: the machine (CPU, a stalled disk)
     * cannot start them on time. Said with the numbers; readiness goes DOWN.
     */
    private String late(Punctuality.Window w, Plan p) {
        return String.format(Locale.ROOT, "Probing is late: %d of %d fast-lane beats of answering streams in the last 30 s started "
                        + "%d s or more after their due time or were skipped (%.1f %%; slow lane %d of %d); %d probes in flight, %d queued, "
                        + "%.1f sessions needed of %d", w.late(), w.beats(), Punctuality.LATE_MS / 1000, 100 * w.lateShare(), w.slowLate(),
                w.slowBeats(), inFlight(), queued(), p.needed(), p.ceiling());
    }

    /** Probes running now, both lanes. */
    public int inFlight() {
        return fast.getActiveCount() + slow.getActiveCount();
    }

    /** Probes handed to a lane and not started yet (the lane was full). */
    public int queued() {
        return fast.getQueue().size() + slow.getQueue().size();
    }

    static String top(List<ProbeScheduler.Load> loads, int n) {
        return loads.stream().limit(n).map(l -> String.format(Locale.ROOT, "%s (%.1f s every %d s%s)", l.stream(),
                l.expectedMs() / 1000.0, l.intervalMs() / 1000, l.timedOut() ? ", timing out" : "")).collect(Collectors.joining(", "));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * A lane's pool, sized by its maximum: it starts a thread only when a probe arrives and none is
     * idle, and a thread idle for {@link #IDLE_SECONDS} retires, so the threads alive follow the probes in
     * flight (each ~100 KB of touched stack). A full lane queues its probes (they go late, and readiness
     * says why), never rejects them.
     */
    private static final class Lane extends ThreadPoolExecutor {
        static final int IDLE_SECONDS = 2;
        private final java.util.Map<Thread, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        /** Probes handed to the lane and not finished: more than its threads means none is idle. */
        private final AtomicInteger unfinished = new AtomicInteger();

        Lane(String name) {
            super(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LaneQueue(), new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            }, (r, pool) -> ((LaneQueue) pool.getQueue()).force(r));
            ((LaneQueue) getQueue()).lane = this;
        }

        @Override
        public void execute(Runnable command) {
            unfinished.incrementAndGet();
            super.execute(command);
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            started.put(t, System.nanoTime());
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            started.remove(Thread.currentThread());
            unfinished.decrementAndGet();
        }

        /** Probes on this lane running for longer than {@code ms}. */
        int overdue(long ms) {
            long limit = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(ms);
            int n = 0;
            for (long t : started.values()) if (t < limit) n++;
            return n;
        }
    }

    /**
     * Refuses a probe while the lane has room and no idle thread, which makes the pool start one (a
     * plain queue would only ever feed the core threads); at its size the lane queues.
     */
    private static final class LaneQueue extends LinkedBlockingQueue<Runnable> {
        private volatile Lane lane;

        @Override
        public boolean offer(Runnable r) {
            Lane l = lane;
            if (l != null && l.unfinished.get() > l.getPoolSize() && l.getPoolSize() < l.getMaximumPoolSize()) return false;
            return super.offer(r);
        }

        /** A probe refused while a thread was being started elsewhere (the lane reached its size): it queues. */
        void force(Runnable r) {
            if (lane.isShutdown()) throw new java.util.concurrent.RejectedExecutionException("probe lane stopped");
            super.offer(r);
        }
    }

    @Override
    public void close() {
        fast.shutdownNow();
        slow.shutdownNow();
    }

    /**
     * @param fastNeed sessions the fast lane's streams keep open on average
     * @param slowNeed the same for the slow lane
     * @param fast     threads of the fast lane
     * @param slow     threads of the slow lane
     * @param ceiling  probe.max_concurrency
     */
    public record Plan(double fastNeed, double slowNeed, int fast, int slow, int ceiling) {
        public double needed() {
            return fastNeed + slowNeed;
        }

        public int available() {
            return fast + slow;
        }

        /**
         * A lane needs more sessions at once than it has threads — the fleet asks more than the ceiling
         * allows — so its beats will be late or skipped.
         */
        public boolean cannotKeepUp() {
            return fastNeed > fast || slowNeed > slow;
        }
    }
}
