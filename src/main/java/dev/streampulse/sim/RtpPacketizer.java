package dev.streampulse.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts coded frames into RTP payloads: H.264 per RFC 6184 (single NAL / FU-A), MPEG-4 per RFC 3016. */
final class RtpPacketizer {

    /** Payload bytes per RTP packet; keeps packets under a 1500-byte MTU like real cameras. */
    static final int MAX_PAYLOAD = 1400;

    private RtpPacketizer() {
    }

    static List<byte[]> h264(List<byte[]> nals) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] nal : nals) {
            if (nal.length <= MAX_PAYLOAD) {
                out.add(nal);
                continue;
            }
            byte indicator = (byte) ((nal[0] & 0xE0) | 28);
            int type = nal[0] & 0x1F;
            int pos = 1;
            while (pos < nal.length) {
                int len = Math.min(MAX_PAYLOAD - 2, nal.length - pos);
                byte[] p = new byte[len + 2];
                p[0] = indicator;
                p[1] = (byte) (type | (pos == 1 ? 0x80 : 0) | (pos + len == nal.length ? 0x40 : 0));
                System.arraycopy(nal, pos, p, 2, len);
                out.add(p);
                pos += len;
            }
        }
        return out;
    }

    /** RFC 3016: a VOP (with any headers before it) is simply split across packets. */
    static List<byte[]> mpeg4(byte[] frame) {
        List<byte[]> out = new ArrayList<>();
        for (int pos = 0; pos < frame.length; pos += MAX_PAYLOAD) {
            out.add(Arrays.copyOfRange(frame, pos, Math.min(frame.length, pos + MAX_PAYLOAD)));
        }
        return out;
    }
}
