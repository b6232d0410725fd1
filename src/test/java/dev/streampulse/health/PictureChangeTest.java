package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The frozen rule on synthetic luma samples: each case the rule must tell, in isolation. */
class PictureChangeTest {
    static final int W = 128, H = 48;
    final Random rnd = new Random(15);

    /** A corridor-like picture: a vertical gradient, two dark rectangles with sharp edges. */
    static int scene(int x, int y) {
        int v = 150 - y / 2;
        if (x > 10 && x < 30 && y > 8 && y < 44) v = 80;
        if (x > 90 && x < 110 && y > 10 && y < 40) v = 70;
        return v;
    }

    byte[] frame(double noiseSd, int shift) {
        byte[] f = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                f[y * W + x] = (byte) Math.max(0, Math.min(255, scene(x, y) + shift + (int) Math.round(rnd.nextGaussian() * noiseSd)));
            }
        }
        return f;
    }

    @Test
    void freshSensorNoiseIsLive() {
        PictureChange c = PictureChange.between(frame(1.0, 0), frame(1.0, 0), W, H);
        assertTrue(c.live(), c.toString());
        assertTrue(c.noise() > 1.0 && c.whiteness() > 1.0, c.toString());
    }

    @Test
    void identicalPicturesAndABrightnessStepAreNotLive() {
        byte[] a = frame(0, 0);
        assertFalse(PictureChange.between(a, a.clone(), W, H).live());
        PictureChange step = PictureChange.between(a, frame(0, 6), W, H);
        assertFalse(step.live(), "a quantiser/exposure step moves whole tiles, it is not life: " + step);
    }

    @Test
    void aStuckNoisyPictureReEncodedIsNotLive() {
        // the noise is frozen into the picture; a re-encode perturbs it by a fraction of its own ripple
        byte[] stuck = frame(3.0, 0);
        byte[] again = stuck.clone();
        for (int i = 0; i < again.length; i++) {
            if (rnd.nextInt(3) == 0) again[i] = (byte) Math.max(0, Math.min(255, (again[i] & 0xFF) + (rnd.nextBoolean() ? 1 : -1)));
        }
        PictureChange c = PictureChange.between(stuck, again, W, H);
        assertFalse(c.live(), c.toString());
        assertTrue(c.whiteness() < PictureChange.LIVE_WHITENESS, c.toString());
    }

    @Test
    void aLocalRealChangeIsLiveWithoutNoise() {
        // a wall clock's hand moving in one tile of a noise-free (denoised) picture
        byte[] a = frame(0, 0);
        byte[] b = a.clone();
        for (int k = 0; k < 8; k++) b[(13 + k) * W + 60] = (byte) 20;
        PictureChange c = PictureChange.between(a, b, W, H);
        assertEquals(1, c.changedTiles(), c.toString());
        assertTrue(c.live());
    }

    @Test
    void incomparableSamplesGiveNoAnswer() {
        assertNull(PictureChange.between(null, frame(1, 0), W, H));
        assertNull(PictureChange.between(new byte[10], frame(1, 0), W, H));
    }
}
