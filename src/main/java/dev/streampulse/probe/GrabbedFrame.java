package dev.streampulse.probe;

/**
 * What the probe saw of the first decoded frame: its profile, a small grey thumbnail for cheap
 * analysis (luma, perceptual hash), and point samples of the luma plane (no averaging, so sensor
 * noise survives) over the picture minus its top and bottom sixth, for telling a live still scene from
 * a stuck one. {@code jpeg} is only filled when a preview or the evidence asked for it.
 *
 * @param samples     {@code sampleWidth x sampleHeight} luma values, row by row, or null when the
 *                    frame's pixel format has no 8-bit luma plane
 */
public record GrabbedFrame(
        String codec,
        int width,
        int height,
        double fps,
        int thumbWidth,
        int thumbHeight,
        byte[] thumbGray,
        byte[] jpeg,
        int sampleWidth,
        int sampleHeight,
        byte[] samples) {

    /** A frame without luma samples (synthetic frames in tests; formats without a luma plane). */
    public GrabbedFrame(String codec, int width, int height, double fps, int thumbWidth, int thumbHeight,
                        byte[] thumbGray, byte[] jpeg) {
        this(codec, width, height, fps, thumbWidth, thumbHeight, thumbGray, jpeg, 0, 0, null);
    }
}
