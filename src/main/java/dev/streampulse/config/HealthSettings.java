package dev.streampulse.config;

/**
 * How a stream's beats turn into a state (see {@code health.StateMachine}). Set globally under
 * {@code health:} and per stream; a stream's own keys win.
 *
 * @param failThreshold    consecutive bad beats before UP becomes DEGRADED or DOWN (flaky Wi-Fi does not flap)
 * @param recoverThreshold consecutive better beats before the state improves
 * @param frozenAfter      beats showing the same picture before it counts as FROZEN
 * @param staticScene      the picture is meant not to change (a wall, a parked gate): never FROZEN
 * @param latencyWarnMs    a frame slower than this counts as SLOW (DEGRADED); 0 = off
 * @param expect           the profile the stream must keep; null = the first stable profile seen
 * @param ignore           conditions never reported for this stream: black (a camera without IR at
 *                         night), uniform, frozen, slow
 */
public record HealthSettings(int failThreshold, int recoverThreshold, int frozenAfter, boolean staticScene,
                             int latencyWarnMs, ExpectedProfile expect, java.util.Set<String> ignore) {
    public static final java.util.Set<String> CONDITIONS = java.util.Set.of("black", "uniform", "frozen", "slow");

    public HealthSettings {
        ignore = ignore == null ? java.util.Set.of() : java.util.Set.copyOf(ignore);
    }

    public HealthSettings(int failThreshold, int recoverThreshold, int frozenAfter, boolean staticScene,
                          int latencyWarnMs, ExpectedProfile expect) {
        this(failThreshold, recoverThreshold, frozenAfter, staticScene, latencyWarnMs, expect, java.util.Set.of());
    }

    /** Whether a condition (BLACK, UNIFORM, FROZEN, SLOW) counts for this stream. */
    public boolean watches(String condition) {
        return !ignore.contains(condition.toLowerCase(java.util.Locale.ROOT))
                && !(staticScene && condition.equalsIgnoreCase("frozen"));
    }

    // latency_warn_ms 8 s: a camera with a long GOP (4 s and more, "H.264+") waits that long for a
    // keyframe on a good day; slower than 8 s is near the 10-s default timeout.
    public static final HealthSettings DEFAULT = new HealthSettings(3, 2, 3, false, 8_000, null);

    /** What a stream's codec, resolution and frame rate must be; null fields are not checked. */
    public record ExpectedProfile(String codec, Integer width, Integer height, Double fps) {}
}
