package dev.streampulse.sim;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A looping, pre-encoded video: all frames in memory, already cut into RTP payloads, shared by every
 * client. Playback position is a function of wall time only (see {@link FrameTicker#tick()}).
 */
final class Clip {

    enum Codec { H264, MPEG4 }

    final ClipLibrary.Spec id;
    final Codec codec;
    final int width;
    final int height;
    final int fps;
    final List<EncodedFrame> frames;
    /** SDP {@code a=rtpmap} and {@code a=fmtp} lines for payload type 96. */
    final String sdpFormat;

    Clip(ClipLibrary.Spec id, Codec codec, int width, int height, int fps, List<EncodedFrame> frames, String sdpFormat) {
        this.id = id;
        this.codec = codec;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.frames = List.copyOf(frames);
        this.sdpFormat = sdpFormat;
    }

    int frameIndex(long tick) {
        return (int) Math.floorMod(tick, (long) frames.size());
    }

    EncodedFrame frameAt(long tick) {
        return frames.get(frameIndex(tick));
    }

    /** How many frames back from the frame at {@code tick} the GOP's keyframe is. */
    int framesSinceKey(long tick) {
        int idx = frameIndex(tick);
        for (int back = 0; back < frames.size(); back++) {
            if (frames.get(Math.floorMod(idx - back, frames.size())).key()) {
                return back;
            }
        }
        return 0;
    }

    /** How many frames from the frame at {@code tick} to the next keyframe (0 if it is one). */
    int framesToKey(long tick) {
        int idx = frameIndex(tick);
        for (int ahead = 0; ahead < frames.size(); ahead++) {
            if (frames.get((idx + ahead) % frames.size()).key()) {
                return ahead;
            }
        }
        return 0;
    }

    static String h264Format(byte[] sps, byte[] pps) {
        String profile = HexFormat.of().withUpperCase().formatHex(sps, 1, 4);
        Base64.Encoder b64 = Base64.getEncoder();
        return "a=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 packetization-mode=1;profile-level-id=" + profile
                + ";sprop-parameter-sets=" + b64.encodeToString(sps) + "," + b64.encodeToString(pps) + "\r\n";
    }

    static String mpeg4Format(byte[] config) {
        return "a=rtpmap:96 MP4V-ES/90000\r\n"
                + "a=fmtp:96 profile-level-id=1;config=" + HexFormat.of().withUpperCase().formatHex(config) + "\r\n";
    }
}
