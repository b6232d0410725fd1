package dev.streampulse.sim;

import java.util.Locale;

/**
 * The ways a simulated camera misbehaves. Each fault (except {@link #REFUSED}, which is a port rather
 * than a path) is served at {@code /<path>} and {@code /<path>/anything} on both protocols.
 */
public enum Fault {
    /** A port nothing listens on: see {@link CameraSimulator#refusedUrl()}. Not a path. */
    REFUSED("refused"),
    BLACKHOLE("blackhole"),
    UNAUTHORIZED("401"),
    NOT_FOUND("404"),
    HANG_AFTER_HEADERS("hang-after-headers"),
    SLOW("slow"),
    ENDS("ends"),
    GARBAGE("garbage"),
    BAD_SDP("bad-sdp"),
    FROZEN("frozen"),
    FROZEN_CLOCK("frozen-clock"),
    /** One still camera picture (noise frozen with it) re-encoded every frame: fresh compression noise, no change. */
    FROZEN_NOISY("frozen-noisy"),
    BLACK("black"),
    UNIFORM("uniform"),
    SWITCH_CODEC("switch-codec"),
    SWITCH_RESOLUTION("switch-resolution"),
    DELAYED("delayed"),
    TRICKLE("trickle"),
    ENDLESS_HEADER("endless-header"),
    HUGE_LENGTH("huge-length"),
    TRUNCATED_NAL("truncated-nal");

    private final String path;

    Fault(String path) {
        this.path = path;
    }

    /** The first path segment that selects this fault, e.g. {@code frozen-clock}. */
    public String path() {
        return path;
    }

    /** The fault whose path is {@code segment}, or null. */
    public static Fault byPath(String segment) {
        String s = segment.toLowerCase(Locale.ROOT);
        for (Fault f : values()) {
            if (f.path.equals(s)) {
                return f;
            }
        }
        return null;
    }
}
