package dev.streampulse.onvif;

import dev.streampulse.config.HealthSettings;
import java.util.Locale;

/**
 * A stream's {@code expect:} from its camera's own encoder settings: codec (in FFmpeg's names, as
 * the probe reports them) and resolution. Not the fps: FrameRateLimit is a ceiling, and cameras
 * stream below it (night mode, PAL 25 under a 30 limit), which would read as profile drift.
 */
public final class ExpectedFromEncoder {
    private ExpectedFromEncoder() {
    }

    public static HealthSettings.ExpectedProfile of(MediaProfile p) {
        return new HealthSettings.ExpectedProfile(codec(p.codec()), p.width(), p.height(), null);
    }

    /** ONVIF encoding → FFmpeg codec name; null (any codec) for one we do not know. */
    static String codec(String onvif) {
        if (onvif == null) {
            return null;
        }
        return switch (onvif.toUpperCase(Locale.ROOT)) {
            case "H264" -> "h264";
            case "H265", "HEVC" -> "hevc";
            case "JPEG", "MJPEG" -> "mjpeg";
            case "MPEG4", "MP4V-ES" -> "mpeg4";
            default -> null;
        };
    }
}
