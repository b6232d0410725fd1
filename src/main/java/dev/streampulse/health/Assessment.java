package dev.streampulse.health;

import dev.streampulse.probe.Heartbeat;
import java.util.List;

/** A beat with its frame analysis filled in, and the events it caused (usually none) for the alert route. */
public record Assessment(Heartbeat beat, List<HealthEvent> events) {
}
