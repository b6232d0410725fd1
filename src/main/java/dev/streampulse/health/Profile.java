package dev.streampulse.health;

import dev.streampulse.config.HealthSettings.ExpectedProfile;
import dev.streampulse.probe.Heartbeat;
import java.util.Locale;
import java.util.Objects;

/** What a stream delivers: codec, resolution, frame rate (0 = the stream did not say). */
public record Profile(String codec, int width, int height, double fps) {
    public static Profile of(Heartbeat b) {
        return new Profile(b.codec(), b.width(), b.height(), b.fps());
    }

    /** Frame rates within 1 fps are the same (cameras report 14.99 and 15); an unknown rate matches any. */
    public boolean sameAs(Profile o) {
        return Objects.equals(codec, o.codec) && width == o.width && height == o.height && fpsMatch(fps, o.fps);
    }

    public boolean matches(ExpectedProfile e) {
        return (e.codec() == null || e.codec().equals(codec)) && (e.width() == null || e.width() == width)
                && (e.height() == null || e.height() == height) && (e.fps() == null || fpsMatch(e.fps(), fps));
    }

    private static boolean fpsMatch(double a, double b) {
        return a <= 0 || b <= 0 || Math.abs(a - b) < 1;
    }

    @Override
    public String toString() {
        return codec + " " + width + "x" + height + (fps > 0 ? String.format(Locale.ROOT, " %.4g fps", fps) : "");
    }

    public static String describe(ExpectedProfile e) {
        return (e.codec() == null ? "any codec" : e.codec()) + " " + (e.width() == null ? "?" : e.width()) + "x"
                + (e.height() == null ? "?" : e.height()) + (e.fps() == null ? "" : " " + e.fps() + " fps");
    }
}
