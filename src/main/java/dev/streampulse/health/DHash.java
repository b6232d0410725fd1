package dev.streampulse.health;

/**
 * 64-bit difference hash of a grey picture: the picture (or a horizontal band of it) is shrunk to
 * 9x8 cells and each bit says whether a cell is clearly brighter than its right neighbour.
 *
 * <p>"Clearly": a difference below {@code margin} grey levels counts as 0. Flat areas (colour bars,
 * sky, a wall) otherwise give bits that flip with every keyframe's compression noise, and a frozen
 * picture would look as if it moved.
 */
public final class DHash {
    private DHash() {}

    /**
     * @param gray   packed 8-bit grey pixels, row by row
     * @param rowTop first row to use; rows above are ignored (a timestamp overlay, for instance)
     * @param rowEnd one past the last row to use
     */
    public static long of(byte[] gray, int width, int rowTop, int rowEnd, int margin) {
        int rows = rowEnd - rowTop;
        if (width < 9 || rows < 8) throw new IllegalArgumentException("picture band too small for a hash: " + width + "x" + rows);
        double[][] cell = new double[8][9];
        for (int cy = 0; cy < 8; cy++) {
            int y0 = rowTop + cy * rows / 8, y1 = rowTop + (cy + 1) * rows / 8;
            for (int cx = 0; cx < 9; cx++) {
                int x0 = cx * width / 9, x1 = (cx + 1) * width / 9;
                long sum = 0;
                for (int y = y0; y < y1; y++) {
                    int row = y * width;
                    for (int x = x0; x < x1; x++) sum += gray[row + x] & 0xFF;
                }
                cell[cy][cx] = (double) sum / ((y1 - y0) * (x1 - x0));
            }
        }
        long hash = 0;
        for (int cy = 0; cy < 8; cy++) {
            for (int cx = 0; cx < 8; cx++) {
                hash <<= 1;
                if (cell[cy][cx] - cell[cy][cx + 1] > margin) hash |= 1; // "darker" and "about the same" share 0
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
