package dev.streampulse.sim;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;

/**
 * One client's RTP over TCP-interleaved: per-client 16-byte headers ({@code $}, channel, length,
 * then the RTP header) around payload bytes shared by all clients of the clip.
 */
final class RtpStream implements FrameTicker.Subscriber {

    enum Mode { LIVE, SLOW, TRUNCATED }

    /** RTP clock for video. */
    static final int CLOCK_RATE = 90_000;
    private static final int TICKS_PER_FRAME = CLOCK_RATE / ClipLibrary.FPS;
    /** Beyond this many missed ticks, resync on the next keyframe instead of bursting. */
    private static final int MAX_CATCH_UP = 5;

    private final Channel channel;
    private final ChannelHandlerContext raw;
    private final Clip clip;
    private final int interleavedChannel;
    private final int ssrc;
    private final int tsOffset;
    private final Mode mode;
    private final long slowTicks;
    /** This camera's position in the clip ahead of the wall-clock tick: cameras' keyframes do not come together. */
    private final long phase;
    private int seq;
    private long lastTick;
    private long nextSlowTick;
    private boolean needKey;
    private volatile boolean stopped;

    RtpStream(Channel channel, ChannelHandlerContext raw, Clip clip, int interleavedChannel, int ssrc,
              int firstSeq, int tsOffset, Mode mode, long slowIntervalMs, long phase) {
        this.channel = channel;
        this.raw = raw;
        this.clip = clip;
        this.interleavedChannel = interleavedChannel;
        this.ssrc = ssrc;
        this.seq = firstSeq;
        this.tsOffset = tsOffset;
        this.mode = mode;
        this.slowTicks = Math.max(1, slowIntervalMs / FrameTicker.TICK_MS);
        this.phase = phase;
    }

    /**
     * Where in the clip a camera plays, frames ahead of the wall-clock tick: real cameras' GOPs are not
     * in step, so a fleet's keyframes spread over the GOP instead of all arriving in the same 100 ms (on
     * one shared timeline every waiting probe of 2,000 cameras decoded at once, a ~30 MB spike of RSS
     * every GOP that no real fleet shows). Stable per camera path; 0 for the default path.
     */
    static long phaseOf(String cameraKey, Clip clip) {
        return cameraKey == null || cameraKey.isEmpty() ? 0 : Math.floorMod(cameraKey.hashCode() * 2654435761L, (long) clip.frames.size());
    }

    static int rtpTime(int tsOffset, long tick) {
        return (int) (tsOffset + tick * TICKS_PER_FRAME);
    }

    /**
     * Starts at the live position. With {@code gopCache} the current GOP from its keyframe up to the
     * live frame goes out at once (a server's GOP cache: a probe decodes immediately); without, the
     * stream starts at the next keyframe, as most cameras do.
     */
    void start(long wallTick, boolean gopCache) {
        long tick = wallTick + phase;
        lastTick = tick;
        if (mode == Mode.SLOW) {
            nextSlowTick = tick + slowTicks;
            return;
        }
        if (!gopCache) {
            lastTick = tick - 1;
            needKey = true;
            onTick(wallTick);
            return;
        }
        for (long t = tick - clip.framesSinceKey(tick); t <= tick; t++) {
            send(t, clip.frameAt(t).payloads(), true);
        }
        channel.flush();
    }

    /**
     * RTSP "ends": the keyframe's parameter sets go out, then the connection closes before any slice
     * data (even a fragment of a slice would let a decoder conceal its way to a picture).
     */
    void sendParameterSetsAndClose(long wallTick) {
        long tick = wallTick + phase;
        long keyTick = tick - clip.framesSinceKey(tick);
        List<byte[]> p = clip.frameAt(keyTick).payloads().stream()
                .filter(b -> clip.codec == Clip.Codec.H264 && ((b[0] & 0x1F) == 7 || (b[0] & 0x1F) == 8))
                .toList();
        if (!p.isEmpty()) {
            send(keyTick, p, false);
        }
        channel.flush();
        raw.close();
    }

    void stop() {
        stopped = true;
    }

    @Override
    public boolean onTick(long wallTick) {
        long tick = wallTick + phase;
        if (stopped || !channel.isActive()) {
            return false;
        }
        if (mode == Mode.SLOW) {
            if (tick >= nextSlowTick) {
                nextSlowTick = tick + slowTicks;
                // a lone picture must decode on its own: send the GOP's keyframe
                long key = tick - clip.framesSinceKey(tick);
                sendIfWritable(tick, clip.frameAt(key).payloads());
                channel.flush();
            }
            return true;
        }
        if (tick - lastTick > MAX_CATCH_UP) {
            lastTick = tick - 1;
            needKey = true;
        }
        for (long t = lastTick + 1; t <= tick; t++) {
            EncodedFrame f = clip.frameAt(t);
            if (needKey && !f.key()) {
                continue;
            }
            needKey = !sendIfWritable(t, f.payloads());
        }
        lastTick = Math.max(lastTick, tick);
        channel.flush();
        return true;
    }

    /** A slow reader loses frames (and waits for the next keyframe) instead of growing a buffer. */
    private boolean sendIfWritable(long tick, List<byte[]> payloads) {
        if (!channel.isWritable()) {
            return false;
        }
        send(tick, payloads, true);
        return true;
    }

    private void send(long tick, List<byte[]> payloads, boolean markLast) {
        int n = payloads.size();
        int ts = rtpTime(tsOffset, tick);
        byte[] headers = new byte[16 * n];
        CompositeByteBuf out = Unpooled.compositeBuffer(2 * n);
        for (int i = 0; i < n; i++) {
            byte[] payload = payloads.get(i);
            int len = payload.length;
            if (mode == Mode.TRUNCATED && i == n - 1) {
                len = Math.max(1, len / 2); // the picture's last NAL (or FU-A end) is cut short
            }
            int h = 16 * i;
            int rtpLen = 12 + len;
            headers[h] = '$';
            headers[h + 1] = (byte) interleavedChannel;
            headers[h + 2] = (byte) (rtpLen >> 8);
            headers[h + 3] = (byte) rtpLen;
            headers[h + 4] = (byte) 0x80;
            headers[h + 5] = (byte) (96 | (markLast && i == n - 1 ? 0x80 : 0));
            headers[h + 6] = (byte) (seq >> 8);
            headers[h + 7] = (byte) seq;
            seq = (seq + 1) & 0xFFFF;
            headers[h + 8] = (byte) (ts >> 24);
            headers[h + 9] = (byte) (ts >> 16);
            headers[h + 10] = (byte) (ts >> 8);
            headers[h + 11] = (byte) ts;
            headers[h + 12] = (byte) (ssrc >> 24);
            headers[h + 13] = (byte) (ssrc >> 16);
            headers[h + 14] = (byte) (ssrc >> 8);
            headers[h + 15] = (byte) ssrc;
            out.addComponent(true, Unpooled.wrappedBuffer(headers, h, 16));
            out.addComponent(true, Unpooled.wrappedBuffer(payload, 0, len));
        }
        raw.write(out, raw.voidPromise());
    }

    int nextSeq() {
        return seq;
    }
}
