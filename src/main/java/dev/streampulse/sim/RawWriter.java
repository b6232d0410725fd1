package dev.streampulse.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Byte-level misbehaviour written below the protocol encoders (through the pipeline's first
 * handler's context): garbage, trickled replies, headers that never end.
 */
final class RawWriter {

    /** Name of the no-op outbound handler at the head of each pipeline; writes via its context skip the encoders. */
    static final String RAW = "raw";

    private RawWriter() {
    }

    static ChannelHandlerContext raw(ChannelHandlerContext ctx) {
        return ctx.pipeline().context(RAW);
    }

    /** Random bytes instead of a reply, then close. */
    static void garbage(ChannelHandlerContext ctx) {
        byte[] junk = new byte[512];
        Random r = ThreadLocalRandom.current();
        r.nextBytes(junk);
        junk[0] = (byte) 0xFF; // never accidentally a valid status line
        junk[1] = 0;
        raw(ctx).writeAndFlush(Unpooled.wrappedBuffer(junk)).addListener(ChannelFutureListener.CLOSE);
    }

    /** A valid-looking reply, one byte per second. */
    static void trickle(ChannelHandlerContext ctx, String reply) {
        byte[] bytes = reply.getBytes(StandardCharsets.US_ASCII);
        ChannelHandlerContext raw = raw(ctx);
        int[] next = {0};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (!ctx.channel().isActive() || next[0] >= bytes.length) {
                return;
            }
            raw.writeAndFlush(Unpooled.wrappedBuffer(bytes, next[0]++, 1));
            ctx.executor().schedule(step[0], 1, TimeUnit.SECONDS);
        };
        step[0].run();
    }

    /** A status line, then header lines every 100 ms, never the blank line that ends them. */
    static void endlessHeader(ChannelHandlerContext ctx, String statusAndFirstHeaders) {
        ChannelHandlerContext raw = raw(ctx);
        raw.writeAndFlush(Unpooled.copiedBuffer(statusAndFirstHeaders, StandardCharsets.US_ASCII));
        long[] n = {0};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            raw.writeAndFlush(Unpooled.copiedBuffer("X-Padding-" + (n[0]++) + ": still going\r\n", StandardCharsets.US_ASCII));
            ctx.executor().schedule(step[0], 100, TimeUnit.MILLISECONDS);
        };
        ctx.executor().schedule(step[0], 100, TimeUnit.MILLISECONDS);
    }

    /**
     * The faults that misbehave below the protocol, shared by both ports: blackhole (answer
     * nothing), garbage, trickle and endless header. {@code head} is the protocol's status line and
     * first headers, each ending in CRLF. Returns true when the fault now owns the connection.
     */
    static boolean byteLevelFault(ChannelHandlerContext ctx, CameraPath cam, String head) {
        if (cam.is(Fault.BLACKHOLE)) {
            return true; // read everything, answer nothing
        }
        if (cam.is(Fault.GARBAGE)) {
            garbage(ctx);
            return true;
        }
        if (cam.is(Fault.TRICKLE)) {
            trickle(ctx, head + "\r\n");
            return true;
        }
        if (cam.is(Fault.ENDLESS_HEADER)) {
            endlessHeader(ctx, head);
            return true;
        }
        return false;
    }
}
