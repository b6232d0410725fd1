package dev.streampulse.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;

/** One client's multipart JPEG stream, in Motion's wire format, fed by the shared ticker. */
final class MjpegStream implements FrameTicker.Subscriber {

    enum Mode { LIVE, SLOW, ENDS }

    private static final byte[] CRLF = {'\r', '\n'};

    private final Channel channel;
    private final JpegClip clip;
    private final Mode mode;
    private final long slowTicks;
    private final int endsAfter;
    private long lastTick = Long.MIN_VALUE;
    private long nextSlowTick;
    private int sent;

    MjpegStream(Channel channel, JpegClip clip, Mode mode, long slowIntervalMs, int endsAfter) {
        this.channel = channel;
        this.clip = clip;
        this.mode = mode;
        this.slowTicks = Math.max(1, slowIntervalMs / FrameTicker.TICK_MS);
        this.endsAfter = endsAfter;
    }

    /** A new client gets the live frame at once (slow cameras: only after the first interval). */
    void start(long tick) {
        if (mode == Mode.SLOW) {
            nextSlowTick = tick + slowTicks;
            lastTick = tick;
            return;
        }
        onTick(tick);
    }

    @Override
    public boolean onTick(long tick) {
        if (!channel.isActive()) {
            return false;
        }
        if (mode == Mode.SLOW) {
            if (tick < nextSlowTick) {
                return true;
            }
            nextSlowTick = tick + slowTicks;
        } else if (tick == lastTick) {
            return true;
        }
        lastTick = tick;
        if (!channel.isWritable()) {
            return true; // JPEGs stand alone: a slow reader simply misses pictures
        }
        byte[] jpeg = clip.jpegAt(tick);
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(
                Unpooled.wrappedBuffer(JpegClip.partHeader(jpeg.length)), Unpooled.wrappedBuffer(jpeg), Unpooled.wrappedBuffer(CRLF))),
                channel.voidPromise());
        if (mode == Mode.ENDS && ++sent >= endsAfter) {
            channel.close(); // mid-stream, no closing chunk: the camera went away
            return false;
        }
        return true;
    }
}
