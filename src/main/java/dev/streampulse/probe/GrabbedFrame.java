package dev.streampulse.probe;

/**
 * What the probe saw of the first decoded frame: its profile and a small grey thumbnail for
 * cheap analysis (luma, perceptual hash). {@code jpeg} is only filled when a preview asked for it.
 */
public record GrabbedFrame(
        String codec,
        int width,
        int height,
        double fps,
        int thumbWidth,
        int thumbHeight,
        byte[] thumbGray,
        byte[] jpeg) {
}
