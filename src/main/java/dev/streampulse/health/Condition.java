package dev.streampulse.health;

/** Why a stream that delivers frames is still not fine. */
public enum Condition {
    /** black picture: lens covered, IR off at night, sensor dead */
    BLACK,
    /** one flat colour: a "no signal" screen or a covered lens */
    UNIFORM,
    /** the same picture beat after beat: a hung encoder, a camera repeating its last frame */
    FROZEN,
    /** the first frame took longer than latency_warn_ms */
    SLOW
}
