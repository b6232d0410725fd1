package dev.streampulse.sim.onvif;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * One simulated ONVIF camera. Its serial number, MAC and endpoint reference derive from its id, so
 * they stay the same across restarts and ports (what a real camera's identity does).
 *
 * @param id      URL-safe id, e.g. {@code cam1}; the services live under {@code /onvif/<id>/}
 * @param tamper  the camera reports a tamper event (GlobalSceneChange) on its first pull
 */
public record SimDevice(String id, List<Profile> profiles, boolean tamper) {

    /** One media profile and where its stream is served. */
    public record Profile(String token, String name, String codec, int width, int height, int fps, String rtspUri) {
    }

    public SimDevice {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("device id must be URL-safe: " + id);
        }
        profiles = List.copyOf(profiles);
    }

    public String serial() {
        return String.format("SPS%08X", crc(id));
    }

    public String mac() {
        long c = crc("mac:" + id);
        return String.format("02:53:50:%02X:%02X:%02X", (c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF);
    }

    public String endpoint() {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("streampulse-sim:" + id).getBytes(StandardCharsets.UTF_8));
    }

    public String hardwareId() {
        return "SPSIM-" + (profiles.isEmpty() ? "0" : profiles.get(0).width() + "x" + profiles.get(0).height());
    }

    private static long crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }
}
