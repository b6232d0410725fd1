package dev.streampulse.probe;

/** Why a beat failed, in words a camera owner acts on. */
public enum Reason {
    REFUSED("Connection refused: nothing listens on that port (camera service down or wrong port)"),
    UNREACHABLE("Host unreachable: no route to the camera (powered off or off the network)"),
    DNS("Host name does not resolve"),
    TIMEOUT("No answer in time (camera hung, blackholed or overloaded)"),
    AUTH("Login refused: wrong or missing user/password"),
    NOT_FOUND("Stream path not found on the camera"),
    BUSY("The camera refused another session (453 Not Enough Bandwidth / 503): its session limit is reached"),
    PROTOCOL("The camera answered, but not with a stream we understand"),
    NO_FRAME("Stream opened, but no video frame arrived"),
    DECODE("Video arrived but could not be decoded"),
    HOST_WAIT("Not probed in time: every session our own cap allows to this camera or NVR host was taken by other probes"),
    ERROR("Unexpected error");

    private final String words;

    Reason(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
