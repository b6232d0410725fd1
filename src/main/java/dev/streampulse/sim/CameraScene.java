package dev.streampulse.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * A picture like a surveillance camera's: a corridor (flat walls, a floor, doors, a window, a
 * striped poster), temporal sensor noise on every frame, and an OSD clock in the top band.
 * SCENE adds a figure walking through it, so the picture changes with the wall clock; STILL has
 * nothing moving but noise and the OSD; WALL_CLOCK is the still corridor with an analogue clock on
 * the wall whose second hand ticks; FROZEN_NOISY is frame 0 of STILL, noise and OSD included, forever.
 */
final class CameraScene {

    /** Standard deviation of the sensor noise, grey levels (a typical small sensor in indoor light). */
    static final double NOISE_SD = 2.5;
    /** The OSD clock lives in the top 10 % of the height, inside the band analysis leaves out. */
    static final double OSD_BAND = 0.10;

    /** Shared noise: a frame uses a window of it at a frame-dependent offset (white in space and time). */
    private static final byte[] NOISE = noiseTable(1 << 22);

    private CameraScene() {
    }

    static BufferedImage paint(BufferedImage img, TestPatternPainter.Kind kind, int frame, int fps) {
        int w = img.getWidth();
        int h = img.getHeight();
        int f = kind == TestPatternPainter.Kind.FROZEN_NOISY ? 0 : frame;
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            corridor(g, w, h);
            if (kind == TestPatternPainter.Kind.SCENE) {
                walker(g, w, h, f, fps);
            }
            if (kind == TestPatternPainter.Kind.WALL_CLOCK) {
                wallClock(g, w, h, f / fps);
            }
        } finally {
            g.dispose();
        }
        addNoise(img, f);
        Graphics2D o = img.createGraphics();
        try {
            o.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            osd(o, w, h, f / fps);
        } finally {
            o.dispose();
        }
        return img;
    }

    private static void corridor(Graphics2D g, int w, int h) {
        g.setPaint(new GradientPaint(0, 0, new Color(150, 146, 138), 0, h * 0.6f, new Color(118, 114, 108)));
        g.fillRect(0, 0, w, h);
        // floor: a darker trapezoid towards the vanishing point
        int horizon = (int) (h * 0.62);
        g.setPaint(new GradientPaint(0, horizon, new Color(82, 78, 74), 0, h, new Color(60, 57, 54)));
        g.fillPolygon(new int[] {0, w, w * 62 / 100, w * 38 / 100}, new int[] {h, h, horizon, horizon}, 4);
        // two doors with frames, a window, a striped poster
        door(g, w * 8 / 100, (int) (h * 0.25), w / 7, (int) (h * 0.5));
        door(g, w * 74 / 100, (int) (h * 0.28), w / 8, (int) (h * 0.44));
        g.setColor(new Color(205, 212, 218));
        g.fillRect(w * 40 / 100, (int) (h * 0.2), w / 5, (int) (h * 0.22));
        g.setColor(new Color(70, 70, 70));
        g.setStroke(new BasicStroke(Math.max(2, w / 200f)));
        g.drawRect(w * 40 / 100, (int) (h * 0.2), w / 5, (int) (h * 0.22));
        g.drawLine(w / 2, (int) (h * 0.2), w / 2, (int) (h * 0.42));
        int px = w * 28 / 100, py = (int) (h * 0.3), pw = w / 12, ph = (int) (h * 0.2);
        for (int i = 0; i < 6; i++) {
            g.setColor(i % 2 == 0 ? new Color(180, 60, 50) : new Color(230, 220, 200));
            g.fillRect(px, py + i * ph / 6, pw, ph / 6 + 1);
        }
    }

    private static void door(Graphics2D g, int x, int y, int dw, int dh) {
        g.setColor(new Color(96, 72, 52));
        g.fillRect(x, y, dw, dh);
        g.setColor(new Color(50, 40, 30));
        g.setStroke(new BasicStroke(Math.max(2, dw / 30f)));
        g.drawRect(x, y, dw, dh);
        g.setColor(new Color(200, 190, 120));
        g.fillOval(x + dw * 8 / 10, y + dh / 2, Math.max(3, dw / 12), Math.max(3, dw / 12));
    }

    /** A figure walking across the corridor and back once per clip loop. */
    private static void walker(Graphics2D g, int w, int h, int frame, int fps) {
        double phase = (double) Math.floorMod(frame, ClipLibrary.LOOP_FRAMES) / ClipLibrary.LOOP_FRAMES;
        double pos = phase < 0.5 ? phase * 2 : 2 - phase * 2;
        int bw = w / 14, bh = (int) (h * 0.42);
        int x = (int) (w * 0.05 + pos * (w * 0.9 - bw));
        int y = (int) (h * 0.3);
        g.setColor(new Color(40, 48, 70));
        g.fillRoundRect(x, y + bh / 5, bw, bh * 4 / 5, bw / 3, bw / 3);
        g.setColor(new Color(196, 160, 130));
        g.fillOval(x + bw / 5, y, bw * 3 / 5, bh / 5);
        int stride = (int) (Math.sin(frame * Math.PI / fps) * bw / 3);
        g.setColor(new Color(30, 30, 36));
        g.fillRect(x + bw / 4 + stride, y + bh - bh / 20, bw / 4, bh / 20 + 2);
    }

    /** An analogue clock on the wall: the second hand ticks once a second, the minute hand creeps. */
    private static void wallClock(Graphics2D g, int w, int h, int second) {
        int r = (int) (h * 0.13);
        int cx = w * 62 / 100, cy = (int) (h * 0.36);
        g.setColor(new Color(238, 236, 230));
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(new Color(30, 30, 30));
        g.setStroke(new BasicStroke(Math.max(2, r / 15f)));
        g.drawOval(cx - r, cy - r, 2 * r, 2 * r);
        for (int i = 0; i < 12; i++) {
            double a = i * Math.PI / 6;
            g.drawLine(cx + (int) (Math.sin(a) * r * 0.8), cy - (int) (Math.cos(a) * r * 0.8),
                    cx + (int) (Math.sin(a) * r * 0.95), cy - (int) (Math.cos(a) * r * 0.95));
        }
        hand(g, cx, cy, r * 0.5, (10 + second / 3600.0) * Math.PI / 6, r / 10f);
        hand(g, cx, cy, r * 0.75, (12 + second / 60.0) * Math.PI / 30, r / 14f);
        g.setColor(new Color(190, 30, 30));
        hand(g, cx, cy, r * 0.85, second * Math.PI / 30, Math.max(1.5f, r / 30f));
    }

    private static void hand(Graphics2D g, int cx, int cy, double len, double angle, float width) {
        g.setStroke(new BasicStroke(Math.max(1.5f, width), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(cx, cy, cx + (int) (Math.sin(angle) * len), cy - (int) (Math.cos(angle) * len));
    }

    /** The camera's own timestamp, white on the picture as most cameras draw it (clip time, ticks each second). */
    private static void osd(Graphics2D g, int w, int h, int second) {
        int size = Math.max(8, (int) (h * OSD_BAND * 0.6));
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, size));
        String text = String.format("2026-01-01  12:%02d:%02d  CAM", (second / 60) % 60, second % 60);
        int x = w / 40, y = (int) (h * OSD_BAND * 0.8);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 1, y + 1);
        g.setColor(Color.WHITE);
        g.drawString(text, x, y);
    }

    /** Adds the same noise value to B, G and R: luma noise, as a sensor in low light mostly gives. */
    private static void addNoise(BufferedImage img, int frame) {
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int pixels = px.length / 3;
        int room = NOISE.length - pixels;
        int off = room <= 0 ? 0 : (int) Math.floorMod(mix(frame), (long) room);
        for (int p = 0, i = 0; p < pixels; p++, i += 3) {
            int n = NOISE[(off + p) % NOISE.length];
            px[i] = clamp((px[i] & 0xFF) + n);
            px[i + 1] = clamp((px[i + 1] & 0xFF) + n);
            px[i + 2] = clamp((px[i + 2] & 0xFF) + n);
        }
    }

    private static long mix(long x) {
        x = (x + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 31);
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(255, v));
    }

    private static byte[] noiseTable(int n) {
        Random r = new Random(20261201L);
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = (byte) Math.max(-12, Math.min(12, Math.round(r.nextGaussian() * NOISE_SD)));
        }
        return t;
    }
}
