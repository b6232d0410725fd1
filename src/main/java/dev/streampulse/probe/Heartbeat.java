package dev.streampulse.probe;

/**
 * The outcome of one probe of one stream.
 *
 * @param stream    stream name
 * @param ts        probe start, NTP-corrected UTC epoch ms
 * @param lateMs    how long after its due time the probe started (schedule health)
 * @param ok        a video frame was decoded
 * @param latencyMs connect → first decoded frame (or → failure)
 * @param reason    why not ok; null when ok
 * @param detail    FFmpeg's own words for the failure (credentials removed); null when ok
 * @param codec     e.g. h264, mjpeg; null when no stream was opened
 * @param clock     "ntp" or "system": which clock stamped {@code ts}
 */
public record Heartbeat(
        String stream,
        long ts,
        long lateMs,
        boolean ok,
        long latencyMs,
        Reason reason,
        String detail,
        String codec,
        int width,
        int height,
        double fps,
        String clock) {
}
