package dev.streampulse.probe;

/**
 * Whether answering streams' beats start on time, measured rather than predicted: over the last
 * 30 seconds, how many beats of streams whose previous probe decoded a frame started {@link #LATE_MS} or
 * more after their due time, or were skipped because their previous probe still ran — per lane. The
 * capacity plan predicts trouble from probe times; this catches what it cannot foresee (a machine too
 * busy to start probes on time), so readiness never stays UP while the fast lane's beats go late. The
 * slow lane gives way first by design: its lateness is counted and shown, not an outage.
 */
public final class Punctuality {
    /** A beat starting this long after its due time is late (the schedule's own promise). */
    public static final long LATE_MS = 1_000;
    /** The share of late fast-lane beats over the window that makes probing "late" (readiness DOWN). */
    public static final double MAX_LATE_SHARE = 0.005;
    /** ... and at least this many, so one stalled second of a small fleet is not an outage of the monitor. */
    static final int MIN_LATE = 3;
    /** The window: long enough to count a few thousand beats of a large fleet, short enough that readiness is UP
     * again half a minute after the last late beat (a start-up, before the dead cameras are known, is one). */
    public static final int SECONDS = 30;

    private final long[] second = new long[SECONDS];
    private final int[][] counts = new int[SECONDS][4]; // fast beats, fast late, slow beats, slow late

    /** A beat of an answering stream started ({@code lateMs} after due) or was skipped ({@code Long.MAX_VALUE}). */
    public synchronized void record(long nowMs, long lateMs, boolean slowLane) {
        long s = Math.floorDiv(nowMs, 1000);
        int i = (int) Math.floorMod(s, SECONDS);
        if (second[i] != s) {
            second[i] = s;
            java.util.Arrays.fill(counts[i], 0);
        }
        int lane = slowLane ? 2 : 0;
        counts[i][lane]++;
        if (lateMs >= LATE_MS) counts[i][lane + 1]++;
    }

    /** The answering streams' beats of the window up to {@code nowMs}, and how many were late, per lane. */
    public synchronized Window recent(long nowMs) {
        long s = Math.floorDiv(nowMs, 1000);
        int[] sum = new int[4];
        for (int i = 0; i < SECONDS; i++) {
            if (second[i] > s - SECONDS && second[i] <= s) {
                for (int k = 0; k < 4; k++) sum[k] += counts[i][k];
            }
        }
        return new Window(sum[0], sum[1], sum[2], sum[3]);
    }

    /** Beats started (or skipped) in a window and the late ones among them, in the fast and the slow lane. */
    public record Window(int beats, int late, int slowBeats, int slowLate) {
        /** The fast lane — streams that answer in time — is late: healthy cameras' beats are. */
        public boolean tooLate() {
            return late >= MIN_LATE && late > MAX_LATE_SHARE * beats;
        }

        public double lateShare() {
            return beats == 0 ? 0 : (double) late / beats;
        }
    }
}
