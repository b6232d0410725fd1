package dev.streampulse.ops;

import java.util.List;

/** JMX view of the fleet: one MBean, {@code dev.streampulse:type=Fleet}, not one per stream. */
public interface FleetMXBean {
    int getStreamsConfigured();

    int getStreamsUp();

    int getStreamsDown();

    int getStreamsUnknown();

    long getProbesStarted();

    long getProbesSkipped();

    /** Every stream's newest beat: name, status, latency, reason, time. */
    List<StreamView> getStreams();

    /** One stream as text, e.g. for jconsole's operation tab. */
    String describe(String stream);

    /** MXBean-friendly (getters) view of a stream; never carries its URL. */
    final class StreamView {
        private final String name;
        private final String status;
        private final long lastLatencyMs;
        private final String lastReason;
        private final long lastBeatMs;

        public StreamView(String name, String status, long lastLatencyMs, String lastReason, long lastBeatMs) {
            this.name = name;
            this.status = status;
            this.lastLatencyMs = lastLatencyMs;
            this.lastReason = lastReason;
            this.lastBeatMs = lastBeatMs;
        }

        public String getName() {
            return name;
        }

        public String getStatus() {
            return status;
        }

        public long getLastLatencyMs() {
            return lastLatencyMs;
        }

        public String getLastReason() {
            return lastReason;
        }

        public long getLastBeatMs() {
            return lastBeatMs;
        }
    }
}
