package dev.streampulse.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws the simulated cameras' pictures with Java2D: colour bars, a large frame counter, a clip clock
 * and a moving ball, so a decoded frame is obviously "live video" and two moments differ visibly.
 * The bottom {@link #CLOCK_BAND} of the height holds only the clock (the part Motion keeps ticking
 * when its source dies).
 */
final class TestPatternPainter {

    /** Fraction of the height, at the bottom, that holds the clock text. */
    static final double CLOCK_BAND = 0.14;

    /** Flat grey-blue of a covered lens. */
    static final Color UNIFORM = new Color(88, 108, 140);

    private static final Color[] BARS = {
        new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192), new Color(0, 192, 0),
        new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192)
    };

    /** 7 x HUE_STEP = 2 + 1/6: seconds 7, 14, ... 35 apart, with the same bar order, differ in hue by >= 1/6. */
    private static final float HUE_STEP = (2f + 1f / 6f) / 7f;

    /**
     * PATTERN: the instant simulator's test card. SCENE, STILL, WALL_CLOCK: camera-like pictures
     * (see {@link CameraScene}) with sensor noise on every frame and an OSD clock. FROZEN_NOISY: one
     * such picture, noise included, that never changes (re-encoded by the clip library).
     */
    enum Kind { PATTERN, FROZEN, FROZEN_CLOCK, BLACK, UNIFORM, SCENE, STILL, WALL_CLOCK, FROZEN_NOISY }

    private TestPatternPainter() {
    }

    static BufferedImage paint(Kind kind, int w, int h, int frame, int fps) {
        return paint(new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR), kind, frame, fps);
    }

    /** Paints over every pixel of {@code img}, so one image can be reused for a whole clip. */
    static BufferedImage paint(BufferedImage img, Kind kind, int frame, int fps) {
        if (kind == Kind.SCENE || kind == Kind.STILL || kind == Kind.WALL_CLOCK || kind == Kind.FROZEN_NOISY) {
            return CameraScene.paint(img, kind, frame, fps);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            switch (kind) {
                case BLACK -> {
                    g.setColor(Color.BLACK);
                    g.fillRect(0, 0, w, h);
                }
                case UNIFORM -> {
                    g.setColor(UNIFORM);
                    g.fillRect(0, 0, w, h);
                }
                case PATTERN -> {
                    scene(g, w, h, frame, fps, null);
                    clock(g, w, h, frame, fps);
                }
                case FROZEN -> {
                    scene(g, w, h, 0, fps, "FROZEN");
                    clock(g, w, h, 0, fps);
                }
                default -> throw new IllegalStateException(kind + " is painted by CameraScene");
                case FROZEN_CLOCK -> {
                    // the picture stuck at frame 0, only the timestamp overlay advances
                    scene(g, w, h, 0, fps, "NO SIGNAL");
                    clock(g, w, h, frame, fps);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void scene(Graphics2D g, int w, int h, int frame, int fps, String label) {
        int barsH = (int) (h * 0.55);
        // the bars rotate one place per second and the counter band changes hue, chosen so that any
        // two seconds of the 37 s loop differ strongly (the hue step keeps multiples of 7 s apart)
        int second = frame / fps;
        for (int i = 0; i < BARS.length; i++) {
            g.setColor(BARS[(i + second) % BARS.length]);
            int x0 = i * w / BARS.length;
            g.fillRect(x0, 0, (i + 1) * w / BARS.length - x0, barsH);
        }
        int bandBottom = h - (int) (h * CLOCK_BAND);
        g.setColor(Color.getHSBColor((second * HUE_STEP) % 1f, 0.75f, 0.7f));
        g.fillRect(0, barsH, w, bandBottom - barsH);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, (bandBottom - barsH) * 3 / 4)));
        String text = label != null ? label : String.format("#%04d", frame);
        g.drawString(text, w / 20, bandBottom - (bandBottom - barsH) / 6);
        // a ball bouncing across the bars
        int d = Math.max(6, h / 6);
        int span = w - d;
        int period = 2 * span;
        int pos = Math.floorMod(frame * Math.max(1, w / 40), period);
        int x = pos <= span ? pos : period - pos;
        int y = (barsH - d) / 2 + (int) ((barsH - d) / 2.5 * Math.sin(frame * 0.3));
        g.setColor(Color.WHITE);
        g.fillOval(x, y, d, d);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(Math.max(1, d / 12f)));
        g.drawOval(x, y, d, d);
    }

    private static void clock(Graphics2D g, int w, int h, int frame, int fps) {
        int bandH = (int) (h * CLOCK_BAND);
        g.setColor(Color.BLACK);
        g.fillRect(0, h - bandH, w, bandH);
        long tenths = (long) frame * 10 / fps;
        String text = String.format("CLIP %02d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
        g.setColor(Color.YELLOW);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(8, bandH * 3 / 4)));
        g.drawString(text, w / 20, h - bandH / 5);
    }
}
