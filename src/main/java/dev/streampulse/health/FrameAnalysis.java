package dev.streampulse.health;

import dev.streampulse.probe.GrabbedFrame;

/**
 * What one decoded frame looks like, from its 64-pixel grey thumbnail only (a few thousand pixel
 * reads per beat). The top and bottom {@link #OVERLAY_BAND} of the picture are left out: that is where
 * cameras and Motion draw their ticking timestamp, which must not make a dead picture look alive.
 *
 * @param hash      dHash of the middle band (see {@link DHash})
 * @param luma      mean grey level of the middle band, 0..255
 * @param lumaSd    standard deviation of the grey levels: near 0 for a covered lens or a signal-loss screen

 */
public record FrameAnalysis(long hash, double luma, double lumaSd) {
    /** Fraction of the height, top and bottom, where overlays live. */
    public static final double OVERLAY_BAND = 1.0 / 6;
    /** Grey-level differences below this are compression noise, not picture. */
    static final int HASH_MARGIN = 3;

    /** Below this mean and spread a picture is BLACK. */
    static final double BLACK_LUMA = 24, BLACK_SD = 10;
    /** Below this spread a picture is one flat colour: UNIFORM. */
    static final double UNIFORM_SD = 6;

    public boolean black() {
        return luma < BLACK_LUMA && lumaSd < BLACK_SD;
    }

    public boolean uniform() {
        return lumaSd < UNIFORM_SD;
    }

    /** First and one-past-last row analysed: the picture minus its overlay bands, unless it is tiny. */
    static int[] band(int h) {
        int b = (int) Math.round(h * OVERLAY_BAND);
        return h - 2 * b < 8 ? new int[] {0, h} : new int[] {b, h - b};
    }

    public static FrameAnalysis of(GrabbedFrame f) {
        return of(f.thumbGray(), f.thumbWidth(), f.thumbHeight());
    }

    public static FrameAnalysis of(byte[] gray, int w, int h) {
        int[] band = band(h);
        int top = band[0], end = band[1];
        long sum = 0, sumSq = 0;
        for (int i = top * w; i < end * w; i++) {
            int v = gray[i] & 0xFF;
            sum += v;
            sumSq += (long) v * v;
        }
        long n = (long) (end - top) * w;
        double mean = (double) sum / n;
        double var = Math.max(0, (double) sumSq / n - mean * mean);
        long hash = w >= 9 && end - top >= 8 ? DHash.of(gray, w, top, end, HASH_MARGIN) : 0;
        return new FrameAnalysis(hash, mean, Math.sqrt(var));
    }
}
