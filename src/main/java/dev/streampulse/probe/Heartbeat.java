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
 * @param dhash     64-bit difference hash of the frame's middle band (health.FrameAnalysis); null without a frame
 * @param luma      mean grey level 0..255 of that band; null without a frame
 * @param node      the monitor node that probed it (scale-out); null on a single box
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
        String clock,
        Long dhash,
        Double luma,
        String node) {

    public Heartbeat(String stream, long ts, long lateMs, boolean ok, long latencyMs, Reason reason, String detail,
                     String codec, int width, int height, double fps, String clock, Long dhash, Double luma) {
        this(stream, ts, lateMs, ok, latencyMs, reason, detail, codec, width, height, fps, clock, dhash, luma, null);
    }

    /** A beat without frame analysis (failed beats, and code written before it existed). */
    public Heartbeat(String stream, long ts, long lateMs, boolean ok, long latencyMs, Reason reason, String detail,
                     String codec, int width, int height, double fps, String clock) {
        this(stream, ts, lateMs, ok, latencyMs, reason, detail, codec, width, height, fps, clock, null, null);
    }

    public Heartbeat withAnalysis(long hash, double meanLuma) {
        return new Heartbeat(stream, ts, lateMs, ok, latencyMs, reason, detail, codec, width, height, fps, clock,
                hash, Math.round(meanLuma * 10) / 10.0, node);
    }

    public Heartbeat withNode(String nodeId) {
        return new Heartbeat(stream, ts, lateMs, ok, latencyMs, reason, detail, codec, width, height, fps, clock, dhash,
                luma, nodeId);
    }
}
