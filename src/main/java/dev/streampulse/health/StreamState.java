package dev.streampulse.health;

/** What a stream is doing, as the state machine decided it from several beats. */
public enum StreamState {
    /** no verdict yet (just started, or back from maintenance) */
    UNKNOWN,
    /** frames come and look alive */
    UP,
    /** frames come, but frozen, black, uniform or slow */
    DEGRADED,
    /** no frame */
    DOWN,
    /** in a maintenance window: no alerts, not counted in uptime */
    PAUSED;

    /** How bad a beat's level is; only UP, DEGRADED and DOWN have one. */
    int severity() {
        return switch (this) {
            case UP -> 0;
            case DEGRADED -> 1;
            case DOWN -> 2;
            default -> -1;
        };
    }
}
