package dev.streampulse.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RTSP connection (one session on it, as FFmpeg and VLC use it): OPTIONS, DESCRIBE, SETUP
 * (TCP-interleaved only; UDP gets 461), PLAY, PAUSE, TEARDOWN, GET/SET_PARAMETER, and the faults.
 */
final class RtspSessionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String TRACK = "trackID=0";
    static final HttpResponseStatus NOT_ENOUGH_BANDWIDTH = new HttpResponseStatus(453, "Not Enough Bandwidth");
    private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)(?:-(\\d+))?");

    private final CameraSimulator sim;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final int tsOffset = ThreadLocalRandom.current().nextInt();
    private Clip clip;
    private String sessionId;
    private int rtpChannel;
    private RtpStream stream;
    private boolean misbehaving;
    /** The camera whose session slot this connection holds, or null. */
    private String slot;

    RtspSessionHandler(CameraSimulator sim) {
        this.sim = sim;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (misbehaving) {
            return; // a byte-level fault (blackhole, garbage, trickle, endless header) owns this connection
        }
        String method = req.method().name();
        String cseq = req.headers().get(RtspHeaderNames.CSEQ, "0");
        CameraPath cam = CameraPath.parse(pathOf(req.uri()));
        if (RawWriter.byteLevelFault(ctx, cam, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n")) {
            misbehaving = true; // the fault owns this connection now
            return;
        }
        if (method.equals("OPTIONS")) {
            FullHttpResponse r = response(HttpResponseStatus.OK, cseq);
            r.headers().set("Public", "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER");
            reply(ctx, cam, r, null);
            return;
        }
        if (!cam.known() || cam.is(Fault.NOT_FOUND)) {
            reply(ctx, cam, response(HttpResponseStatus.NOT_FOUND, cseq), null);
            return;
        }
        if (cam.is(Fault.UNAUTHORIZED)) {
            FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, cseq);
            r.headers().set("WWW-Authenticate", sim.auth().challenge(DigestAuth.Scheme.DIGEST, false));
            reply(ctx, cam, r, null);
            return;
        }
        if (cam.auth() != null && !sim.auth().check(cam.auth(), method, req.headers().get(RtspHeaderNames.AUTHORIZATION))) {
            FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, cseq);
            r.headers().set("WWW-Authenticate", sim.auth().challenge(cam.auth(), false));
            reply(ctx, cam, r, null);
            return;
        }
        switch (method) {
            case "DESCRIBE" -> describe(ctx, req, cam, cseq);
            case "SETUP" -> setup(ctx, req, cam, cseq);
            case "PLAY" -> play(ctx, req, cam, cseq);
            case "PAUSE" -> {
                stopStream();
                reply(ctx, cam, withSession(response(HttpResponseStatus.OK, cseq)), null);
            }
            case "TEARDOWN" -> {
                stopStream();
                releaseSlot();
                reply(ctx, cam, withSession(response(HttpResponseStatus.OK, cseq)), null);
            }
            case "GET_PARAMETER", "SET_PARAMETER" -> reply(ctx, cam, withSession(response(HttpResponseStatus.OK, cseq)), null);
            default -> reply(ctx, cam, response(HttpResponseStatus.NOT_IMPLEMENTED, cseq), null);
        }
    }

    private void describe(ChannelHandlerContext ctx, FullHttpRequest req, CameraPath cam, String cseq) {
        String base = baseUrl(req.uri());
        if (cam.is(Fault.BAD_SDP)) {
            // 200 OK, application/sdp, but the body is not a usable session description
            sendSdp(ctx, cam, cseq, base, "v=0\r\no=broken\r\ns=\r\nmedia: video please\r\n\u0000\u0001\u0002garbage\r\n");
            return;
        }
        if (slot == null) {
            if (!sim.acquireSession(cam.key())) {
                // a Tapo with its two sessions taken answers exactly this
                reply(ctx, cam, response(NOT_ENOUGH_BANDWIDTH, cseq), null);
                return;
            }
            slot = cam.key();
        }
        ClipLibrary.video(sim.clipFor(cam, false)).whenComplete((c, err) -> ctx.executor().execute(() -> {
            if (err != null) {
                reply(ctx, cam, response(HttpResponseStatus.INTERNAL_SERVER_ERROR, cseq), null);
                return;
            }
            clip = c;
            String host = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
            String sdp = "v=0\r\n"
                    + "o=- " + Integer.toUnsignedString(ssrc) + " 1 IN IP4 " + host + "\r\n"
                    + "s=StreamPulse simulated camera\r\n"
                    + "c=IN IP4 " + host + "\r\n"
                    + "t=0 0\r\n"
                    + "a=control:*\r\n"
                    + "a=range:npt=0-\r\n"
                    + "m=video 0 RTP/AVP 96\r\n"
                    + c.sdpFormat
                    + "a=framerate:" + c.fps + "\r\n"
                    + "a=x-dimensions:" + c.width + "," + c.height + "\r\n"
                    + "a=control:" + TRACK + "\r\n";
            sendSdp(ctx, cam, cseq, base, sdp);
        }));
    }

    private void sendSdp(ChannelHandlerContext ctx, CameraPath cam, String cseq, String base, String sdp) {
        byte[] body = sdp.getBytes(StandardCharsets.ISO_8859_1);
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
        common(r, cseq);
        r.headers().set("Content-Type", "application/sdp");
        r.headers().set("Content-Base", base + "/");
        r.headers().setInt("Content-Length", body.length);
        reply(ctx, cam, r, null);
    }

    private void setup(ChannelHandlerContext ctx, FullHttpRequest req, CameraPath cam, String cseq) {
        String transport = req.headers().get(RtspHeaderNames.TRANSPORT, "");
        if (!transport.toUpperCase().contains("RTP/AVP/TCP")) {
            // no UDP here: FFmpeg then retries SETUP over TCP
            reply(ctx, cam, response(RtspResponseStatuses.UNSUPPORTED_TRANSPORT, cseq), null);
            return;
        }
        if (clip == null) {
            reply(ctx, cam, response(RtspResponseStatuses.METHOD_NOT_VALID, cseq), null);
            return;
        }
        Matcher m = INTERLEAVED.matcher(transport);
        rtpChannel = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (sessionId == null) {
            sessionId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).toUpperCase();
        }
        FullHttpResponse r = withSession(response(HttpResponseStatus.OK, cseq));
        r.headers().set("Transport", "RTP/AVP/TCP;unicast;interleaved=" + rtpChannel + "-" + (rtpChannel + 1)
                + ";ssrc=" + String.format("%08X", ssrc) + ";mode=\"PLAY\"");
        reply(ctx, cam, r, null);
    }

    private void play(ChannelHandlerContext ctx, FullHttpRequest req, CameraPath cam, String cseq) {
        if (sessionId == null || clip == null) {
            reply(ctx, cam, response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq), null);
            return;
        }
        stopStream();
        long phase = RtpStream.phaseOf(cam.key(), clip);
        long tick = FrameTicker.tick() + phase;
        RtpStream.Mode mode = cam.is(Fault.SLOW) ? RtpStream.Mode.SLOW
                : cam.is(Fault.TRUNCATED_NAL) ? RtpStream.Mode.TRUNCATED : RtpStream.Mode.LIVE;
        RtpStream s = new RtpStream(ctx.channel(), RawWriter.raw(ctx), clip, rtpChannel, ssrc,
                ThreadLocalRandom.current().nextInt(0x10000), tsOffset, mode, sim.slowIntervalMs(), phase);
        long firstTick = sim.gopCache() ? tick - clip.framesSinceKey(tick) : tick + clip.framesToKey(tick);
        FullHttpResponse r = withSession(response(HttpResponseStatus.OK, cseq));
        r.headers().set("Range", "npt=0.000-");
        r.headers().set("RTP-Info", "url=" + baseUrl(req.uri()).replaceAll("/" + TRACK + "$", "") + "/" + TRACK
                + ";seq=" + s.nextSeq() + ";rtptime=" + Integer.toUnsignedString(RtpStream.rtpTime(tsOffset, firstTick)));
        reply(ctx, cam, r, () -> {
            if (cam.is(Fault.HANG_AFTER_HEADERS)) {
                return; // PLAY said OK; no RTP will ever come
            }
            if (cam.is(Fault.ENDS)) {
                s.sendParameterSetsAndClose(FrameTicker.tick());
                return;
            }
            stream = s;
            s.start(FrameTicker.tick(), sim.gopCache());
            sim.ticker(ctx.channel().eventLoop()).add(s);
        });
    }

    private void stopStream() {
        if (stream != null) {
            stream.stop(); // the ticker drops it on its next tick
            stream = null;
        }
    }

    private void releaseSlot() {
        if (slot != null) {
            sim.releaseSession(slot);
            slot = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopStream();
        releaseSlot();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /**
     * Every reply goes out after the camera's reply latency ("delayed": openDelayMs), scheduled on
     * the channel's event loop, never a sleeping thread; {@code after} runs once the reply is written.
     */
    private void reply(ChannelHandlerContext ctx, CameraPath cam, FullHttpResponse r, Runnable after) {
        Runnable send = () -> {
            if (!ctx.channel().isActive()) {
                r.release();
                return;
            }
            ctx.writeAndFlush(r);
            if (after != null) {
                after.run();
            }
        };
        long delay = cam.is(Fault.DELAYED) ? sim.openDelayMs() : sim.replyDelayMs();
        if (delay > 0) {
            ctx.executor().schedule(send, delay, TimeUnit.MILLISECONDS);
        } else {
            send.run();
        }
    }

    private FullHttpResponse response(HttpResponseStatus status, String cseq) {
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status);
        common(r, cseq);
        r.headers().setInt("Content-Length", 0);
        return r;
    }

    private static void common(FullHttpResponse r, String cseq) {
        r.headers().set("CSeq", cseq);
        r.headers().set("Server", "StreamPulse-Sim/1.0");
    }

    private FullHttpResponse withSession(FullHttpResponse r) {
        if (sessionId != null) {
            r.headers().set("Session", sessionId + ";timeout=60");
        }
        return r;
    }

    /** The request URL without a trailing slash or query. */
    private static String baseUrl(String uri) {
        String u = uri;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        return u.replaceAll("/+$", "");
    }

    /** Path of an RTSP request URI, minus our track control suffix. */
    static String pathOf(String uri) {
        String path;
        try {
            path = uri.startsWith("/") ? uri : URI.create(uri).getRawPath();
        } catch (IllegalArgumentException e) {
            path = uri;
        }
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.replaceAll("/" + TRACK + "/?$", "");
    }
}
