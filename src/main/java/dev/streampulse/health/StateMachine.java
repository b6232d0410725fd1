package dev.streampulse.health;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * One stream's state, debounced: it gets worse only after {@code fail} consecutive beats worse than
 * the current state, and better only after {@code recover} consecutive better beats, so a flaky Wi-Fi
 * camera that misses one beat in three stays UP. Beats seen since the last change are all it remembers.
 * Not thread-safe: one stream's beats arrive one at a time (the scheduler never overlaps them).
 */
public final class StateMachine {
    private final int fail;
    private final int recover;
    private final Deque<Verdict> recent = new ArrayDeque<>();
    private StreamState state;
    private String reason;
    private long since;

    public StateMachine(int fail, int recover, StreamState state, String reason, long since) {
        if (fail < 1 || recover < 1) throw new IllegalArgumentException("thresholds must be at least 1");
        this.fail = fail;
        this.recover = recover;
        this.state = state;
        this.reason = reason;
        this.since = since;
    }

    public StreamState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public long since() {
        return since;
    }

    /** Feeds one beat's verdict; returns the transition it caused, or null. Ignored while PAUSED. */
    public Transition observe(Verdict v, long ts) {
        if (state == StreamState.PAUSED) return null;
        recent.addFirst(v);
        while (recent.size() > Math.max(fail, recover)) recent.removeLast();
        int current = state.severity(); // -1 for UNKNOWN: anything is "worse" and "better" at once
        Verdict worse = settled(fail, x -> x.level().severity() > current, true);
        if (worse != null) return move(worse, ts);
        Verdict better = settled(recover, x -> current < 0 ? x.level() == StreamState.UP : x.level().severity() < current, false);
        if (better != null) return move(better, ts);
        if (state == StreamState.DEGRADED) {
            // frozen turned black (or slow turned frozen): a new reason is worth an event too
            Verdict same = settled(fail, x -> x.level() == StreamState.DEGRADED && x.reason() != null
                    && x.reason().equals(v.reason()) && !x.reason().equals(reason), true);
            if (same != null) return move(same, ts);
        }
        return null;
    }

    /** Enters maintenance. */
    public Transition pause(long ts) {
        if (state == StreamState.PAUSED) return null;
        return move(StreamState.PAUSED, "MAINTENANCE", ts);
    }

    /** Leaves maintenance: nothing is known until the next beats say it. */
    public Transition resume(long ts) {
        if (state != StreamState.PAUSED) return null;
        return move(StreamState.UNKNOWN, "MAINTENANCE_END", ts);
    }

    /**
     * If the newest {@code n} verdicts all pass {@code test}, the level they agree on: the mildest of
     * them when getting worse (two DOWN and one FROZEN make DEGRADED), the worst when getting better.
     */
    private Verdict settled(int n, Predicate<Verdict> test, boolean mildest) {
        if (recent.size() < n) return null;
        Verdict pick = null;
        Iterator<Verdict> it = recent.iterator();
        for (int i = 0; i < n; i++) {
            Verdict x = it.next();
            if (!test.test(x)) return null;
            int sx = x.level().severity();
            if (pick == null || (mildest ? sx < pick.level().severity() : sx > pick.level().severity())) pick = x;
        }
        return pick;
    }

    private Transition move(Verdict to, long ts) {
        return move(to.level(), to.reason(), ts);
    }

    private Transition move(StreamState to, String why, long ts) {
        Transition t = new Transition(state, to, why, ts);
        state = to;
        reason = why;
        since = ts;
        recent.clear();
        return t;
    }
}
