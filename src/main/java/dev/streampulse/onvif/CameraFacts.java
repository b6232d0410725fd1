package dev.streampulse.onvif;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code discover} reports about one camera.
 *
 * @param clockOffsetMs the camera's clock minus ours (positive: the camera is ahead), at one-second
 *                      resolution, as ONVIF gives seconds only
 * @param mediaUrl      the media service the profiles came from (Media1, else Media2)
 */
public record CameraFacts(String deviceUrl, String manufacturer, String model, String firmware, String serial,
                          String hardwareId, String mac, Instant cameraTime, long clockOffsetMs, String mediaUrl,
                          String eventsUrl, List<MediaProfile> profiles) {

    /** Whether the camera's clock is further from ours than {@code limit} (either way). */
    public boolean clockDrifted(java.time.Duration limit) {
        return Math.abs(clockOffsetMs) > limit.toMillis();
    }

    /** The profile with this token, or null. */
    public MediaProfile profile(String token) {
        return profiles.stream().filter(p -> p.token() != null && p.token().equals(token)).findFirst().orElse(null);
    }
}
