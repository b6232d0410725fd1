package dev.streampulse.health;

import dev.streampulse.probe.Heartbeat;
import java.util.List;

/**
 * What {@link StreamHealth#assess} decided for one beat, nothing written yet: the beat with its frame
 * analysis filled in and the events it caused (usually none). The probe route then keeps their
 * evidence frames ({@link Evidence#keepFrames}) and records them ({@link EventLog#record}) before the
 * news goes to the alert route.
 */
public record Assessment(Heartbeat beat, List<NewEvent> decided) {

    /**
     * An event decided but not yet written: its row (id 0), the frames to keep as its proof (null: none),
     * and whether alerts hear of it (coming back to the state before a restart is no news).
     */
    public record NewEvent(HealthEvent event, byte[] good, byte[] bad, boolean news) {}

    /** The news for the alert route. */
    public List<HealthEvent> events() {
        return decided.stream().filter(NewEvent::news).map(NewEvent::event).toList();
    }

    Assessment withDecided(List<NewEvent> events) {
        return new Assessment(beat, events);
    }
}
