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
}
