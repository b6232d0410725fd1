package dev.streampulse.onvif;

/** Why an ONVIF exchange failed, in words a user can act on. */
public final class OnvifException extends Exception {

    public enum Kind {
        /** The camera refused our user name or password (HTTP 401 after trying, or ter:NotAuthorized). */
        AUTH,
        /** The camera answered with a SOAP fault other than authentication. */
        FAULT,
        /** The answer is not the SOAP we asked for (not XML, wrong body, missing fields). */
        PROTOCOL,
        /** No answer: refused, unreachable, timed out. */
        NETWORK
    }

    private final Kind kind;

    public OnvifException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
