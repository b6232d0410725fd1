package dev.streampulse.health;

/** A change of state decided by the {@link StateMachine}; becomes an event row. */
public record Transition(StreamState from, StreamState to, String reason, long ts) {
}
