package dev.streampulse.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits encoder output (H.264 Annex-B, MPEG-4 Part 2 elementary stream) into frames. */
final class ElementaryStreams {

    private ElementaryStreams() {
    }

    /** Offsets of the byte after each 00 00 01 start code. */
    private static List<Integer> startCodes(byte[] d) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + 2 < d.length; i++) {
            if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1) {
                at.add(i + 3);
                i += 2;
            }
        }
        return at;
    }

    /** Annex-B NAL units, without start codes or trailing zero bytes. */
    static List<byte[]> nals(byte[] d) {
        List<Integer> at = startCodes(d);
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < at.size(); k++) {
            int from = at.get(k);
            int to = k + 1 < at.size() ? at.get(k + 1) - 3 : d.length;
            while (to > from && d[to - 1] == 0) {
                to--;
            }
            if (to > from) {
                out.add(Arrays.copyOfRange(d, from, to));
            }
        }
        return out;
    }

    /** Groups NAL units into access units (one per picture); the encoder makes one slice per picture. */
    static List<List<byte[]>> accessUnits(List<byte[]> nals) {
        List<List<byte[]>> aus = new ArrayList<>();
        List<byte[]> cur = new ArrayList<>();
        boolean hasSlice = false;
        for (byte[] nal : nals) {
            int t = nal[0] & 0x1F;
            boolean slice = t == 1 || t == 5;
            // a new picture starts with a parameter set/SEI/AUD, or a slice whose first_mb_in_slice is 0
            boolean starts = hasSlice && (!slice || (nal.length > 1 && (nal[1] & 0x80) != 0));
            if (starts) {
                aus.add(cur);
                cur = new ArrayList<>();
                hasSlice = false;
            }
            cur.add(nal);
            hasSlice |= slice;
        }
        if (hasSlice) {
            aus.add(cur);
        }
        return aus;
    }

    static boolean isIdr(List<byte[]> au) {
        return au.stream().anyMatch(n -> (n[0] & 0x1F) == 5);
    }

    /** MPEG-4 Part 2: one entry per VOP, each with the headers that precede it. */
    static List<byte[]> mpeg4Frames(byte[] d) {
        List<Integer> at = startCodes(d);
        List<byte[]> out = new ArrayList<>();
        int frameStart = 0;
        for (int k = 0; k < at.size(); k++) {
            int code = at.get(k);
            if ((d[code] & 0xFF) == 0xB6) {
                int end = k + 1 < at.size() ? at.get(k + 1) - 3 : d.length;
                out.add(Arrays.copyOfRange(d, frameStart, end));
                frameStart = end;
            }
        }
        return out;
    }

    /** The VOS/VO/VOL headers before the first GOV or VOP: the SDP {@code config=}. */
    static byte[] mpeg4Config(byte[] d) {
        for (int code : startCodes(d)) {
            int c = d[code] & 0xFF;
            if (c == 0xB3 || c == 0xB6) {
                return Arrays.copyOfRange(d, 0, code - 3);
            }
        }
        return new byte[0];
    }

    static boolean isMpeg4Intra(byte[] frame) {
        for (int code : startCodes(frame)) {
            if ((frame[code] & 0xFF) == 0xB6 && code + 1 < frame.length) {
                return ((frame[code + 1] >> 6) & 3) == 0;
            }
        }
        return false;
    }
}
