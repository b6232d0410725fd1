package dev.streampulse.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Motion/motionEye-style MJPEG over HTTP: {@code /<camera>} streams multipart JPEG (chunked for
 * HTTP/1.1, plain for HTTP/1.0), {@code /<camera>/snapshot.jpg} and {@code /snapshot.jpg} give one JPEG.
 */
final class MjpegHandler extends SimpleChannelInboundHandler<HttpObject> {

    static final String STREAM_TYPE = "multipart/x-mixed-replace; boundary=" + JpegClip.BOUNDARY;

    private final CameraSimulator sim;
    private boolean busy;

    MjpegHandler(CameraSimulator sim) {
        this.sim = sim;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (!(msg instanceof HttpRequest req) || busy) {
            return;
        }
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        boolean snapshot = path.endsWith("/snapshot.jpg");
        if (snapshot) {
            path = path.substring(0, path.length() - "/snapshot.jpg".length());
            if (path.isEmpty()) {
                path = "/cam1";
            }
        }
        CameraPath cam = CameraPath.parse(path.isEmpty() ? "/" : path);
        if (RawWriter.byteLevelFault(ctx, cam, "HTTP/1.1 200 OK\r\nContent-Type: " + STREAM_TYPE + "\r\n")) {
            busy = true;
            return;
        }
        if (!cam.known() || cam.is(Fault.NOT_FOUND)) {
            sendError(ctx, req, HttpResponseStatus.NOT_FOUND, null);
            return;
        }
        if (cam.is(Fault.UNAUTHORIZED)) {
            sendError(ctx, req, HttpResponseStatus.UNAUTHORIZED, sim.auth().challenge(DigestAuth.Scheme.DIGEST, true));
            return;
        }
        if (cam.auth() != null && !sim.auth().check(cam.auth(), req.method().name(), req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            sendError(ctx, req, HttpResponseStatus.UNAUTHORIZED, sim.auth().challenge(cam.auth(), true));
            return;
        }
        if (!snapshot) {
            if (!sim.acquireSession(cam.key())) {
                sendError(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, null); // the camera's streams are all taken
                return;
            }
            ctx.channel().closeFuture().addListener(f -> sim.releaseSession(cam.key()));
        }
        busy = true;
        long delay = cam.is(Fault.DELAYED) ? sim.openDelayMs() : sim.replyDelayMs();
        HttpVersion version = req.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        ClipLibrary.jpeg(sim.clipFor(cam, true)).whenComplete((clip, err) -> ctx.executor().schedule(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (err != null) {
                sendError(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, null);
            } else if (snapshot) {
                sendSnapshot(ctx, version, keepAlive, clip);
            } else {
                startStream(ctx, version, cam, clip);
            }
        }, delay, TimeUnit.MILLISECONDS));
    }

    private void sendSnapshot(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, JpegClip clip) {
        byte[] jpeg = clip.jpegAt(FrameTicker.tick());
        FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.wrappedBuffer(jpeg));
        r.headers().set("Content-Type", "image/jpeg");
        r.headers().setInt("Content-Length", jpeg.length);
        r.headers().set("Cache-Control", "no-cache");
        busy = false;
        if (keepAlive) {
            ctx.writeAndFlush(r);
        } else {
            r.headers().set("Connection", HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void startStream(ChannelHandlerContext ctx, HttpVersion version, CameraPath cam, JpegClip clip) {
        HttpResponse r = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        boolean badMultipart = cam.is(Fault.BAD_SDP);
        // bad-sdp over HTTP: a multipart type without its boundary, then parts that are not JPEG
        r.headers().set("Content-Type", badMultipart ? "multipart/x-mixed-replace" : STREAM_TYPE);
        if (version.equals(HttpVersion.HTTP_1_1)) {
            r.headers().set("Transfer-Encoding", "chunked");
        } else {
            r.headers().set("Connection", HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(r);
        if (cam.is(Fault.HANG_AFTER_HEADERS)) {
            return;
        }
        if (badMultipart) {
            byte[] junk = new byte[4096];
            ThreadLocalRandom.current().nextBytes(junk);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(
                    Unpooled.copiedBuffer("--NotTheBoundary\r\nContent-type: text/plain\r\n\r\n", StandardCharsets.US_ASCII),
                    Unpooled.wrappedBuffer(junk))));
            return;
        }
        if (cam.is(Fault.HUGE_LENGTH)) {
            // a part that claims 2 GB, then a little JPEG data and silence
            byte[] jpeg = clip.jpegAt(FrameTicker.tick());
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(
                    Unpooled.wrappedBuffer(JpegClip.partHeader(2_147_483_647L)), Unpooled.wrappedBuffer(jpeg, 0, jpeg.length / 2))));
            return;
        }
        MjpegStream.Mode mode = cam.is(Fault.SLOW) ? MjpegStream.Mode.SLOW
                : cam.is(Fault.ENDS) ? MjpegStream.Mode.ENDS : MjpegStream.Mode.LIVE;
        MjpegStream s = new MjpegStream(ctx.channel(), clip, mode, sim.slowIntervalMs(), sim.endsAfterFrames());
        s.start(FrameTicker.tick());
        if (ctx.channel().isActive()) {
            sim.ticker(ctx.channel().eventLoop()).add(s);
        }
    }

    private void sendError(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String challenge) {
        byte[] body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse r = new DefaultFullHttpResponse(req.protocolVersion(), status, Unpooled.wrappedBuffer(body));
        r.headers().set("Content-Type", "text/plain");
        r.headers().setInt("Content-Length", body.length);
        if (challenge != null) {
            r.headers().set("WWW-Authenticate", challenge);
        }
        if (HttpUtil.isKeepAlive(req)) {
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
