package dev.streampulse.health;

import java.util.Arrays;

/**
 * How two frames' luma samples (point samples of the middle band, see
 * {@link dev.streampulse.probe.GrabbedFrame#samples()}) differ, in the two ways a live camera always
 * differs from a stuck one. The difference is cut into {@link #TILES_X} x {@link #TILES_Y} tiles,
 * and each tile's mean difference is removed first: a brightness or quantiser step moves a whole
 * tile and is not life.
 *
 * <ul>
 *   <li>{@code noise}: the residual standard deviation of the quieter tiles (25th percentile).
 *       Sensor noise is white and everywhere, flat walls included, so even the quietest tiles of two
 *       live frames differ by a few levels; an image re-encoded by a stuck source only changes
 *       near its edges (compression noise follows the picture), and its flat tiles stay at ~0.</li>
 *   <li>{@code whiteness}: in the flattest quarter of the tiles (least ripple between neighbouring
 *       samples), the median ratio of the difference's spread to the frame's own ripple. Fresh
 *       sensor noise differs as much between frames as between neighbours (~1.4); a stuck picture whose
 *       noise was frozen with it and is re-encoded differs by a fraction of its ripple.</li>
 *   <li>{@code changedTiles}: tiles where at least {@link #BIG_COUNT} samples moved by more than
 *       {@link #BIG_DELTA} levels: a localized real change (wall-clock hands, someone walking) that
 *       a camera with a strong denoiser still shows.</li>
 * </ul>
 * Thresholds and the measurements behind them: docs/stream-intelligence.md.
 */
public record PictureChange(double noise, double whiteness, int changedTiles) {
    static final int TILES_X = 8, TILES_Y = 4;
    /** A sample that moved this many grey levels (beyond its tile's mean shift) is picture, not noise. */
    static final int BIG_DELTA = 24;
    /** This many such samples in one tile make a localized change. */
    static final int BIG_COUNT = 4;
    /** Below this residual noise (grey levels) the pair is the same picture; live readings were >= 1.01. */
    static final double LIVE_NOISE = 0.6;

    /**
     * In the flattest tiles a live sensor's frame-to-frame difference is as large as the frame's own
     * pixel-to-pixel ripple (both are the noise: ratio ~1.4); re-encoding a stuck noisy picture moves
     * pixels by a fraction of that ripple (0.1-0.6 measured for H.264, up to 0.77 for JPEG whose quality
     * steps 0.78-0.84). Live readings were >= 0.95: the threshold sits between the two.
     */
    static final double LIVE_WHITENESS = 0.85;

    /** Whether this difference shows a live camera: fresh sensor noise everywhere, or a real local change. */
    public boolean live() {
        return (noise >= LIVE_NOISE && whiteness >= LIVE_WHITENESS) || changedTiles > 0;
    }

    /** @return null when the two sample sets are not comparable (size changed, samples missing) */
    public static PictureChange between(byte[] a, byte[] b, int w, int h) {
        if (a == null || b == null || a.length != b.length || a.length != w * h || w < TILES_X || h < TILES_Y) return null;
        double[] sd = new double[TILES_X * TILES_Y];
        double[][] ripple = new double[TILES_X * TILES_Y][];
        int changed = 0;
        int[] d = new int[(w / TILES_X + 1) * (h / TILES_Y + 1)];
        for (int ty = 0; ty < TILES_Y; ty++) {
            int y0 = ty * h / TILES_Y, y1 = (ty + 1) * h / TILES_Y;
            for (int tx = 0; tx < TILES_X; tx++) {
                int x0 = tx * w / TILES_X, x1 = (tx + 1) * w / TILES_X;
                int n = 0;
                long sum = 0, sumSq = 0;
                for (int y = y0; y < y1; y++) {
                    int row = y * w;
                    for (int x = x0; x < x1; x++) {
                        int v = (a[row + x] & 0xFF) - (b[row + x] & 0xFF);
                        d[n++] = v;
                        sum += v;
                        sumSq += v * v;
                    }
                }
                double mean = (double) sum / n;
                double tileSd = Math.sqrt(Math.max(0, (double) sumSq / n - mean * mean));
                sd[ty * TILES_X + tx] = tileSd;
                // the frame's own ripple: RMS difference of horizontally neighbouring samples / sqrt 2
                long rip = 0;
                int m = 0;
                for (int y = y0; y < y1; y++) {
                    int row = y * w;
                    for (int x = x0; x + 1 < x1; x++, m++) {
                        int v = (b[row + x] & 0xFF) - (b[row + x + 1] & 0xFF);
                        rip += v * v;
                    }
                }
                double r = m == 0 ? 0 : Math.sqrt(rip / (2.0 * m));
                ripple[ty * TILES_X + tx] = new double[] {r, r < 0.25 ? (tileSd < 0.25 ? 0 : 4) : tileSd / r};
                int big = 0;
                for (int i = 0; i < n; i++) if (Math.abs(d[i] - mean) > BIG_DELTA) big++;
                if (big >= BIG_COUNT) changed++;
            }
        }
        Arrays.sort(ripple, (x, y) -> Double.compare(x[0], y[0]));
        double[] flattest = new double[ripple.length / 4];
        for (int i = 0; i < flattest.length; i++) flattest[i] = ripple[i][1];
        Arrays.sort(flattest);
        Arrays.sort(sd);
        return new PictureChange(sd[sd.length / 4], flattest[flattest.length / 2], changed);
    }
}
