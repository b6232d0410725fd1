package dev.streampulse.onvif;

/**
 * What a stream remembers of the ONVIF camera it came from, to find it again after its address
 * changes (DHCP): the serial number and hardware id it reports, its WS-Discovery endpoint
 * reference, and which of its profiles the stream is.
 */
public record OnvifIdentity(String serial, String hardwareId, String endpoint, String profileToken, String deviceUrl) {

    public static OnvifIdentity of(CameraFacts facts, String endpoint, MediaProfile profile) {
        return new OnvifIdentity(facts.serial(), facts.hardwareId(), endpoint, profile.token(), facts.deviceUrl());
    }

    /** Same camera: same serial, and same hardware id when both sides report one. */
    public boolean sameCamera(CameraFacts f) {
        return serial != null && serial.equals(f.serial())
                && (hardwareId == null || f.hardwareId() == null || hardwareId.equals(f.hardwareId()));
    }
}
