package dev.streampulse.health;

import dev.streampulse.config.HealthSettings;
import dev.streampulse.probe.GrabbedFrame;
import dev.streampulse.probe.Heartbeat;

/** One stream's memory in {@link StreamHealth}: state machine, last pictures, profile baseline, frames kept for evidence. */
final class StreamTracker {
    final StateMachine machine;
    final HealthSettings settings;
    final PictureTracker pictures = new PictureTracker();
    final ProfileTracker profiles;
    byte[] lastGood;
    byte[] firstBad;
    /** the state before UNKNOWN (restart, maintenance): coming back to it is not news for alerts */
    StreamState beforeUnknown;
    /** when this process last judged a beat of the stream (scale-out: how long it was away) */
    long lastTs;
    /** scale-out: unprobed this long, the stream is back from another node or from nobody */
    long handoverGapMs = Long.MAX_VALUE;

    StreamTracker(HealthSettings s, StreamState state, String reason, long since) {
        this.settings = s;
        this.machine = new StateMachine(s.failThreshold(), s.recoverThreshold(), state, reason, since);
        this.profiles = new ProfileTracker(s.failThreshold(), s.expect());
    }

    /** What this beat alone says. Order matters: a black picture is also "the same picture" every beat. */
    Verdict verdict(Heartbeat beat, GrabbedFrame frame, FrameAnalysis a) {
        if (!beat.ok()) return Verdict.down(beat.reason() == null ? "ERROR" : beat.reason().name());
        if (a != null) {
            int same = pictures.observe(frame, a);
            HealthSettings h = settings;
            // black is also flat: with black ignored (no IR at night) a black frame is simply fine
            if (a.black()) {
                if (h.watches("black")) return Verdict.degraded(Condition.BLACK);
            } else if (a.uniform() && h.watches("uniform")) {
                return Verdict.degraded(Condition.UNIFORM);
            }
            // a flat picture is "the same picture" every beat: that is news only as BLACK or UNIFORM
            boolean flat = a.black() || a.uniform();
            if (!flat && same >= h.frozenAfter() && h.watches("frozen")) return Verdict.degraded(Condition.FROZEN);
        }
        int slow = settings.latencyWarnMs();
        if (slow > 0 && beat.latencyMs() > slow && settings.watches("slow")) return Verdict.degraded(Condition.SLOW);
        return Verdict.UP;
    }
}
