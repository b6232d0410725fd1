package dev.streampulse.store;

/** One stream's beats in one hour, counted once when they are compacted. */
public record HourlyRollup(String stream, long hour, int beats, int okBeats, long latencySumMs, long latencyMaxMs) {
    public double okRatio() {
        return beats == 0 ? 0 : (double) okBeats / beats;
    }
}
