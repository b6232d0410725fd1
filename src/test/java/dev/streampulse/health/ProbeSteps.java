package dev.streampulse.health;

import dev.streampulse.probe.Observation;

/** The probe route's health steps in one call, for tests that drive StreamHealth without Camel. */
final class ProbeSteps {
    private ProbeSteps() {}

    /** As probe.camel.yaml: streamHealth.assess, then evidence.keepFrames, then eventLog.record. */
    static Assessment assess(StreamHealth health, EventStore events, Observation o) {
        return new EventLog(events).record(health.evidence().keepFrames(health.assess(o)));
    }
}
