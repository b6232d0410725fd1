package dev.streampulse.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

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
                             int latencyWarnMs, ExpectedProfile expect, Set<String> ignore) {
    public static final Set<String> CONDITIONS = Set.of("black", "uniform", "frozen", "slow");

    /** The health keys; {@code static_scene} and {@code expect} describe one camera, so only a stream sets them. */
    public enum Key implements ConfigKey {
        FAIL_THRESHOLD, RECOVER_THRESHOLD, FROZEN_AFTER, LATENCY_WARN_MS, IGNORE, STATIC_SCENE, EXPECT;

        static final Set<Key> GLOBAL = EnumSet.of(FAIL_THRESHOLD, RECOVER_THRESHOLD, FROZEN_AFTER, LATENCY_WARN_MS, IGNORE);
    }

    public HealthSettings {
        ignore = ignore == null ? Set.of() : Set.copyOf(ignore);
    }

    public HealthSettings(int failThreshold, int recoverThreshold, int frozenAfter, boolean staticScene,
                          int latencyWarnMs, ExpectedProfile expect) {
        this(failThreshold, recoverThreshold, frozenAfter, staticScene, latencyWarnMs, expect, Set.of());
    }

    /** Whether a condition (BLACK, UNIFORM, FROZEN, SLOW) counts for this stream. */
    public boolean watches(String condition) {
        return !ignore.contains(condition.toLowerCase(Locale.ROOT))
                && !(staticScene && condition.equalsIgnoreCase("frozen"));
    }

    // latency_warn_ms 8 s: a camera with a long GOP (4 s and more, "H.264+") waits that long for a
    // keyframe on a good day; slower than 8 s is near the 10-s default timeout.
    public static final HealthSettings DEFAULT = new HealthSettings(3, 2, 3, false, 8_000, null);

    /** What a stream's codec, resolution and frame rate must be; null fields are not checked. */
    public record ExpectedProfile(String codec, Integer width, Integer height, Double fps) {
        public enum Key implements ConfigKey { CODEC, WIDTH, HEIGHT, FPS }

        /** {@code expect:} of {@code parent}. */
        static ExpectedProfile read(ConfigSection parent) {
            ConfigSection m = parent.section(HealthSettings.Key.EXPECT);
            if (m == null) {
                parent.problem(HealthSettings.Key.EXPECT, parent.field(HealthSettings.Key.EXPECT)
                        + " must be a mapping (codec, width, height, fps)");
                return null;
            }
            m.unknownKeys(EnumSet.allOf(Key.class));
            String codec = m.get(Key.CODEC) == null ? null : m.string(Key.CODEC).toLowerCase(Locale.ROOT);
            Integer w = m.get(Key.WIDTH) == null ? null : m.positiveInt(Key.WIDTH, 0, 16_384);
            Integer h = m.get(Key.HEIGHT) == null ? null : m.positiveInt(Key.HEIGHT, 0, 16_384);
            Double fps = null;
            if (m.get(Key.FPS) instanceof Number n && n.doubleValue() > 0) fps = n.doubleValue();
            else if (m.get(Key.FPS) != null) m.problem(Key.FPS, m.field(Key.FPS) + " must be a positive number, got '" + m.get(Key.FPS) + "'");
            return new ExpectedProfile(codec, w, h, fps);
        }
    }

    /** {@code health:}, the defaults of every stream. */
    static HealthSettings read(ConfigSection top) {
        ConfigSection m = top.section(AppConfig.Key.HEALTH, Key.GLOBAL, "health: must be a mapping (" + ConfigSection.keys(Key.GLOBAL) + ")");
        return m == null ? DEFAULT : readOver(m, DEFAULT);
    }

    /** The health keys present in {@code m} override {@code base}. */
    static HealthSettings readOver(ConfigSection m, HealthSettings base) {
        int fail = m.positiveInt(Key.FAIL_THRESHOLD, base.failThreshold(), 100);
        int recover = m.positiveInt(Key.RECOVER_THRESHOLD, base.recoverThreshold(), 100);
        int frozen = m.positiveInt(Key.FROZEN_AFTER, base.frozenAfter(), 1000);
        if (m.get(Key.FROZEN_AFTER) != null && frozen < 2) {
            m.problem(Key.FROZEN_AFTER, m.field(Key.FROZEN_AFTER) + " must be at least 2 (beats showing the same picture)");
        }
        int slow = m.nonNegativeInt(Key.LATENCY_WARN_MS, base.latencyWarnMs());
        boolean staticScene = m.bool(Key.STATIC_SCENE, base.staticScene());
        ExpectedProfile expect = m.has(Key.EXPECT) ? ExpectedProfile.read(m) : base.expect();
        Set<String> ignore = base.ignore();
        if (m.has(Key.IGNORE)) {
            ignore = new TreeSet<>();
            for (String c : m.strings(Key.IGNORE)) {
                String k = c.trim().toLowerCase(Locale.ROOT);
                if (CONDITIONS.contains(k)) ignore.add(k);
                else m.problem(Key.IGNORE, m.field(Key.IGNORE) + ": '" + c + "' is not one of " + new TreeSet<>(CONDITIONS));
            }
        }
        return new HealthSettings(fail, recover, frozen, staticScene, slow, expect, ignore);
    }
}
