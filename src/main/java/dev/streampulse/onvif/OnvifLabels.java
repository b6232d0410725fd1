package dev.streampulse.onvif;

import dev.streampulse.config.StreamConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A stream's ONVIF identity, kept for now in its labels (no config schema change until the planned
 * {@code onvif:} block, see docs/onvif.md): {@code onvif_device} (device service URL),
 * {@code onvif_serial}, {@code onvif_profile}. The ONVIF login is the stream URL's user and password,
 * the account cameras use for both.
 */
public record OnvifLabels(String deviceUrl, String serial, String profile) {
    public static final String DEVICE = "onvif_device";
    public static final String SERIAL = "onvif_serial";
    public static final String PROFILE = "onvif_profile";

    /** The stream's ONVIF labels, or null for a stream without {@code onvif_device}. */
    public static OnvifLabels of(StreamConfig s) {
        String device = s.labels().get(DEVICE);
        if (device == null || device.isBlank()) {
            return null;
        }
        return new OnvifLabels(device.trim(), s.labels().get(SERIAL), s.labels().get(PROFILE));
    }

    /** The user-info of the stream URL as ONVIF credentials, or null. */
    public static SoapClient.Credentials credentials(StreamConfig s) {
        try {
            String info = URI.create(s.url()).getRawUserInfo();
            if (info == null) {
                return null;
            }
            int colon = info.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            String password = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            return new SoapClient.Credentials(user, password);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
