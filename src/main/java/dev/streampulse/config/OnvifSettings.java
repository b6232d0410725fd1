package dev.streampulse.config;

import java.util.EnumSet;

/**
 * {@code onvif:} in config.yaml, for streams with an ONVIF identity (labels {@code onvif_device} ...):
 * a camera whose own clock is further than {@code clock_drift_seconds} from our NTP-corrected clock is
 * flagged ({@code CAMERA_CLOCK_DRIFT}): its recordings and alarms would carry wrong times.
 */
public record OnvifSettings(int clockDriftSeconds) {
    public static final OnvifSettings DEFAULT = new OnvifSettings(30);

    public enum Key implements ConfigKey { CLOCK_DRIFT_SECONDS }

    static OnvifSettings read(ConfigSection top) {
        ConfigSection m = top.section(AppConfig.Key.ONVIF, EnumSet.allOf(Key.class), "onvif: must be a mapping (clock_drift_seconds)");
        if (m == null) return DEFAULT;
        return new OnvifSettings(m.positiveInt(Key.CLOCK_DRIFT_SECONDS, DEFAULT.clockDriftSeconds, 86_400));
    }
}
