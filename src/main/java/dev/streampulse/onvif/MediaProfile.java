package dev.streampulse.onvif;

/**
 * One media profile: its video encoder's settings and, once asked, its RTSP stream URI.
 *
 * @param codec  as the camera spells it (H264, H265, JPEG, MPEG4), null without a video encoder
 * @param fps    the encoder's frame-rate limit, null when not given
 */
public record MediaProfile(String token, String name, String codec, Integer width, Integer height, Double fps, String streamUri) {

    MediaProfile withStreamUri(String uri) {
        return new MediaProfile(token, name, codec, width, height, fps, uri);
    }
}
