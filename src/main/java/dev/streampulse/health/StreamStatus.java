package dev.streampulse.health;

/** A stream's current state for the dashboard: since when, and why. */
public record StreamStatus(String stream, StreamState state, String reason, long since) {
}
