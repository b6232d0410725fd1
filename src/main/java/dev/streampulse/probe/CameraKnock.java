package dev.streampulse.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cheap first step for a camera whose last probe timed out: one TCP connection and the request
 * FFmpeg would send first (RTSP {@code OPTIONS}, HTTP {@code GET}), on one shared event loop, within the
 * stream's timeout. While the camera stays silent no probe thread waits for it (a blackholed tenth of
 * the fleet cost ~70 threads at 15 s); any answer — a reply, a refusal, a closed connection — sends it
 * on to the full FFmpeg probe, which tells what the answer means. TLS streams ({@code rtsps}, {@code
 * https}) are not knocked (the full probe runs as before). No credentials are sent: the request line
 * carries the path only.
 */
public final class CameraKnock implements AutoCloseable {
    private final EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("camera-knock", true));

    /**
     * What the knock found.
     *
     * @param startedMs when the camera was first contacted (epoch ms): the beat starts here
     * @param startNanos the same on the monotonic clock: the full probe's deadline counts from it
     * @param answered  anything came back (or the knock was skipped): run the full probe
     * @param detail    for a silent camera, what was asked and how long it stayed silent
     */
    public record Answer(long startedMs, long startNanos, boolean answered, String detail) {}

    /** Knocks on the task's camera; the future completes with the task carrying the answer, never exceptionally. */
    public CompletableFuture<ProbeTask> knock(ProbeTask task) {
        long startedMs = System.currentTimeMillis(), startNanos = System.nanoTime();
        CompletableFuture<ProbeTask> done = new CompletableFuture<>();
        long timeoutMs = task.stream().timeoutSeconds() * 1000L;
        URI uri;
        try {
            uri = URI.create(task.stream().url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(task.knocked(new Answer(startedMs, startNanos, true, null)));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean rtsp = scheme.equals("rtsp");
        if (!rtsp && !scheme.equals("http") || uri.getHost() == null) {
            return CompletableFuture.completedFuture(task.knocked(new Answer(startedMs, startNanos, true, null)));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : rtsp ? 554 : 80;
        // resolved here (the JVM caches names); a name that does not resolve goes to the full probe: DNS
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), port);
        if (address.isUnresolved()) {
            return CompletableFuture.completedFuture(task.knocked(new Answer(startedMs, startNanos, true, null)));
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String hostPort = (uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port;
        String request = rtsp
                ? "OPTIONS rtsp://" + hostPort + path + " RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: StreamPulse\r\n\r\n"
                : "GET " + path + " HTTP/1.1\r\nHost: " + hostPort + "\r\nUser-Agent: StreamPulse\r\nConnection: close\r\n\r\n";
        String asked = rtsp ? "RTSP OPTIONS" : "HTTP GET";
        java.util.function.Consumer<Answer> finish = a -> done.complete(task.knocked(a));
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeoutMs))
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                        finish.accept(new Answer(startedMs, startNanos, true, null));
                        ctx.close();
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        finish.accept(new Answer(startedMs, startNanos, true, null)); // closed on us: an answer
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        finish.accept(new Answer(startedMs, startNanos, true, null)); // reset etc.: the full probe says what
                        ctx.close();
                    }
                });
        Channel channel = b.connect(address).addListener(f -> {
            if (f.isSuccess()) return;
            if (f.cause() instanceof ConnectTimeoutException) {
                finish.accept(new Answer(startedMs, startNanos, false, "no answer within " + elapsedMs(startNanos) + " ms: the TCP connection to "
                        + hostPort + " was never accepted"));
            } else {
                finish.accept(new Answer(startedMs, startNanos, true, null)); // refused, unreachable: the full probe names it
            }
        }).channel();
        var timer = loop.schedule(() -> {
            if (finish(done, task, new Answer(startedMs, startNanos, false, "no answer within " + elapsedMs(startNanos) + " ms: "
                    + (channel.isActive() ? "connected to " + hostPort + ", the " + asked + " request got no reply"
                    : "the TCP connection to " + hostPort + " was never accepted")))) {
                channel.close();
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        done.whenComplete((t, e) -> {
            timer.cancel(false);
            channel.close();
        });
        return done;
    }

    private static boolean finish(CompletableFuture<ProbeTask> done, ProbeTask task, Answer a) {
        return done.complete(task.knocked(a));
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
