package dev.streampulse.health;

/**
 * What one beat says on its own: UP, DEGRADED or DOWN, and why (a {@code probe.Reason} name for DOWN,
 * a {@link Condition} name for DEGRADED, null for UP).
 */
public record Verdict(StreamState level, String reason) {
    public static final Verdict UP = new Verdict(StreamState.UP, null);

    public Verdict {
        if (level.severity() < 0) throw new IllegalArgumentException("a beat is UP, DEGRADED or DOWN, not " + level);
    }

    public static Verdict degraded(Condition c) {
        return new Verdict(StreamState.DEGRADED, c.name());
    }

    public static Verdict down(String reason) {
        return new Verdict(StreamState.DOWN, reason);
    }
}
