package dev.streampulse.probe;

import dev.streampulse.config.StreamConfig;

/** A scheduled beat and the frame behind it (null when the probe failed), on its way to analysis. */
public record Observation(StreamConfig stream, Heartbeat beat, GrabbedFrame frame) {
}
