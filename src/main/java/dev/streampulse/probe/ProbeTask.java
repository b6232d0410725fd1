package dev.streampulse.probe;

import dev.streampulse.config.StreamConfig;

/** One beat to take: which stream, and when it was due (system clock, epoch ms). */
public record ProbeTask(StreamConfig stream, long dueMs) {
}
