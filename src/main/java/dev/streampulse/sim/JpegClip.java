package dev.streampulse.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The same pictures as a {@link Clip}, as JPEGs for the MJPEG server, with Motion's part headers. */
final class JpegClip {

    static final String BOUNDARY = "BoundaryString";

    final ClipLibrary.Spec id;
    final List<byte[]> jpegs;

    JpegClip(ClipLibrary.Spec id, List<byte[]> jpegs) {
        this.id = id;
        this.jpegs = List.copyOf(jpegs);
    }

    byte[] jpegAt(long tick) {
        return jpegs.get((int) Math.floorMod(tick, (long) jpegs.size()));
    }

    /** Motion 4.5.1's part header, byte for byte: lower-case "Content-type", length padded to 9. */
    static byte[] partHeader(long contentLength) {
        return ("--" + BOUNDARY + "\r\nContent-type: image/jpeg\r\nContent-Length: "
                + String.format("%9d", contentLength) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
