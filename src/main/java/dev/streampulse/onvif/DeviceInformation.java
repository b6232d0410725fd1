package dev.streampulse.onvif;

/** GetDeviceInformation: who the camera says it is. Fields may be null when a camera leaves them out. */
public record DeviceInformation(String manufacturer, String model, String firmware, String serial, String hardwareId) {
}
