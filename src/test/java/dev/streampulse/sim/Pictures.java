package dev.streampulse.sim;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pixel statistics for decoded frames. */
final class Pictures {

    private Pictures() {
    }

    static BufferedImage read(Path p) {
        try {
            BufferedImage img = ImageIO.read(p.toFile());
            if (img == null) {
                throw new IllegalStateException("not an image: " + p);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    static double meanLuma(BufferedImage img) {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                sum += luma(img.getRGB(x, y));
            }
        }
        return sum / ((double) img.getWidth() * img.getHeight());
    }

    /** Standard deviation of all R, G and B samples: ~0 for a flat picture, large for colour bars. */
    static double colourStdDev(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int v = (rgb >> shift) & 0xFF;
                    sum += v;
                    sq += (double) v * v;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /** Mean absolute difference per sample over rows [y0, y1). */
    static double meanAbsDiff(BufferedImage a, BufferedImage b, int y0, int y1) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 255;
        }
        double sum = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                    n++;
                }
            }
        }
        return sum / n;
    }

    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        return meanAbsDiff(a, b, 0, Math.min(a.getHeight(), b.getHeight()));
    }

    /** First row of the clock band at the bottom of the picture. */
    static int clockBandTop(BufferedImage img) {
        return img.getHeight() - (int) Math.ceil(img.getHeight() * TestPatternPainter.CLOCK_BAND) - 2;
    }
}
