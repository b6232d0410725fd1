package dev.streampulse.probe;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Opens a stream with FFmpeg, decodes the first video frame, closes it: one probe.
 *
 * <p>Why not JavaCV's {@code FFmpegFrameGrabber}: it cannot set FFmpeg's interrupt callback before
 * {@code avformat_open_input}, so a camera that trickles bytes (or never finishes its reply) could
 * hold a probe thread forever despite socket timeouts. Here every blocking FFmpeg call is bound to a
 * wall-clock deadline through {@code AVFormatContext.interrupt_callback}. Like JavaCV's
 * {@code startUnsafe()}/{@code releaseUnsafe()} it takes no JVM-wide lock, so probes run in parallel.
 */
final class FfmpegGrab {
    /** Network protocols FFmpeg may use; no file:, concat:, subfile:, pipe:, data: or device inputs. */
    static final String PROTOCOL_WHITELIST = "rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy";

    private static final int THUMB_WIDTH = 64;
    /** Luma samples per row (and, 16:9, 48 rows over the middle two thirds): 6 KB a stream keeps. */
    static final int SAMPLE_WIDTH = 128;
    /** Pixel formats whose first plane is 8-bit luma, one byte per pixel. */
    private static final java.util.Set<Integer> LUMA_FIRST = java.util.Set.of(AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P,
            AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUV444P, AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUV440P,
            AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_NV12, AV_PIX_FMT_NV21, AV_PIX_FMT_GRAY8, AV_PIX_FMT_YUV411P);
    private static final int MAX_PACKETS = 2_000;
    private static final int MAX_DAMAGED = 3;
    /**
     * A camera that starts a session at the live position sends the rest of its GOP before the next
     * keyframe. Those pictures cannot decode, yet fed to the decoder they make it conceal missing
     * references into a full picture buffer (megabytes per open session at 1080p, while it waits up to
     * a GOP). They are dropped unread; a stream that marks no keyframe at all is fed after this many.
     */
    private static final int MAX_PACKETS_BEFORE_KEY = 200;
    private static final int EAGAIN = -11;
    /**
     * Decoding and converting a frame is CPU work: so many at once (two per core, slack for threads the
     * OS preempts on a busy box) keep the cores busy. More would not finish sooner, only hold more
     * decoders and pictures in memory at once (a fleet's keyframes can arrive together): each open
     * decoder is ~1.5 MB at 640x360, and 2,000 cameras at 15 s keep ~1.2 slots busy on average.
     */
    private static final java.util.concurrent.Semaphore CPU =
            new java.util.concurrent.Semaphore(2 * Runtime.getRuntime().availableProcessors());
    // Linux errno values (both target platforms are Linux)
    static final int ECONNREFUSED = -111, ETIMEDOUT = -110, EHOSTUNREACH = -113, ENETUNREACH = -101,
            ECONNRESET = -104, EIO = -5, EPIPE = -32;

    /** The deadline of this thread's probe: FFmpeg asks the callback on it hundreds of times a probe (no LongPointer each). */
    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    /** One callback object for all probes: JavaCPP function pointers are a scarce native resource. */
    private static final AVIOInterruptCB.Callback_Pointer INTERRUPT = new AVIOInterruptCB.Callback_Pointer() {
        @Override
        public int call(Pointer opaque) {
            long[] mine = DEADLINE.get();
            long deadline = mine != null ? mine[0] : new LongPointer(opaque).get();
            return System.nanoTime() - deadline > 0 ? 1 : 0;
        }
    };

    /** FFmpeg logs on the calling thread: collect the lines of the probe running on this thread. */
    private static final ThreadLocal<StringBuilder> LOG_LINES = new ThreadLocal<>();
    private static final LogCallback LOG = new LogCallback() {
        @Override
        public void call(int level, BytePointer msg) {
            StringBuilder sb = LOG_LINES.get();
            if (sb == null || sb.length() >= 1_000) return;
            String line = msg.getString().trim();
            // errors, and the one warning that names an HTTP status (503 = the camera's sessions are taken)
            if (level <= AV_LOG_ERROR || line.contains("] HTTP error ")) sb.append(line).append(". ");
        }
    };

    static {
        // ImageIO otherwise spools every JPEG through a temp file: a write to the SD card per beat
        ImageIO.setUseCache(false);
        avformat_network_init();
        av_log_set_level(AV_LOG_WARNING); // the callback keeps errors and HTTP status warnings only
        setLogCallback(LOG);
    }

    /** The grab's outcome: a frame, or FFmpeg's error code with what it logged. */
    record Outcome(GrabbedFrame frame, int error, String phase, String log) {
        boolean ok() {
            return frame != null;
        }
    }

    private FfmpegGrab() {}

    static Outcome grab(String url, long deadlineNanos, int timeoutMicros, int jpegWidth) {
        StringBuilder log = new StringBuilder();
        LOG_LINES.set(log);
        LongPointer deadline = new LongPointer(1).put(deadlineNanos);
        long[] mine = {deadlineNanos};
        DEADLINE.set(mine);
        AVFormatContext fmt = avformat_alloc_context();
        AVCodecContext dec = null;
        AVPacket pkt = null;
        AVFrame frame = null;
        String phase = "open";
        try {
            fmt.interrupt_callback().callback(INTERRUPT).opaque(deadline);
            AVDictionary opts = options(url, timeoutMicros);
            int ret = avformat_open_input(fmt, url, null, opts);
            av_dict_free(opts);
            if (ret < 0) return new Outcome(null, ret, phase, log.toString());

            int video = videoStream(fmt);
            if (video < 0 && (ret = avformat_find_stream_info(fmt, (PointerPointer<?>) null)) < 0) {
                return new Outcome(null, ret, "stream info", log.toString());
            }
            video = video < 0 ? videoStream(fmt) : video;
            if (video < 0) return new Outcome(null, AVERROR_INVALIDDATA, "no video stream", log.toString());

            AVStream stream = fmt.streams(video);
            AVCodecParameters par = stream.codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null) return new Outcome(null, AVERROR_DECODER_NOT_FOUND, "decoder", log.toString());

            phase = "first frame";
            pkt = av_packet_alloc();
            frame = av_frame_alloc();
            int packets = 0, damaged = 0, beforeKey = 0;
            boolean keySeen = false, sent;
            while (true) {
                ret = av_read_frame(fmt, pkt);
                if (ret < 0) return new Outcome(null, ret, phase, log.toString());
                if (pkt.stream_index() != video) {
                    av_packet_unref(pkt);
                    continue;
                }
                if (!keySeen) {
                    keySeen = (pkt.flags() & AV_PKT_FLAG_KEY) != 0 || ++beforeKey > MAX_PACKETS_BEFORE_KEY;
                    if (!keySeen) {
                        av_packet_unref(pkt);
                        continue;
                    }
                }
                boolean corruptPacket = (pkt.flags() & AV_PKT_FLAG_CORRUPT) != 0;
                // decoding is CPU work: a few at a time, so the decoders of a fleet's simultaneous keyframes
                // do not all hold their picture buffers while they share two cores
                if (!cpuSlot(deadlineNanos)) {
                    av_packet_unref(pkt);
                    return new Outcome(null, AVERROR_EXIT, phase, "no CPU slot to decode in before the deadline. " + log);
                }
                try {
                    if (dec == null) {
                        // opened at the first keyframe, not before: an open H.264 decoder holds its parameter
                        // sets (~0.4 MB) for the whole wait, up to a GOP per session
                        phase = "decoder";
                        dec = avcodec_alloc_context3(codec);
                        avcodec_parameters_to_context(dec, par);
                        dec.thread_count(1); // one decode thread per probe: parallelism comes from probing many cameras
                        if ((ret = avcodec_open2(dec, codec, (AVDictionary) null)) < 0) {
                            av_packet_unref(pkt);
                            return new Outcome(null, ret, phase, log.toString());
                        }
                        phase = "first frame";
                    }
                    ret = avcodec_send_packet(dec, pkt);
                    av_packet_unref(pkt);
                    sent = ret >= 0 || ret == EAGAIN;
                    if (sent) ret = avcodec_receive_frame(dec, frame);
                } finally {
                    CPU.release();
                }
                if (!sent) {
                    // one bad packet (a stray parameter set, a lost slice) is not yet a broken stream
                    if (++damaged >= MAX_DAMAGED) return new Outcome(null, ret, "decode", log.toString());
                    continue;
                }
                if (ret == 0 && (corruptPacket || frame.decode_error_flags() != 0)) {
                    // a picture patched up by concealment is not video flowing: give the stream a few frames to heal
                    if (++damaged >= MAX_DAMAGED) {
                        return new Outcome(null, AVERROR_INVALIDDATA, "decode",
                                damaged + " frames in a row decoded damaged (truncated or corrupt data). " + log);
                    }
                    av_frame_unref(frame);
                    continue;
                }
                if (ret == 0) break;
                if (ret != EAGAIN) return new Outcome(null, ret, "decode", log.toString());
                if (++packets > MAX_PACKETS) return new Outcome(null, AVERROR_INVALIDDATA, "decode", log.toString());
            }
            String codecName = avcodec_get_name(par.codec_id()).getString().toLowerCase(Locale.ROOT);
            // the decoder's tables and spare pictures go before the conversions; the frame keeps its own buffers
            avcodec_free_context(dec);
            dec = null;
            if (!cpuSlot(deadlineNanos)) return new Outcome(null, AVERROR_EXIT, phase, "no CPU slot to convert in before the deadline. " + log);
            try {
                return new Outcome(describe(frame, stream, codecName, jpegWidth), 0, phase, log.toString());
            } finally {
                CPU.release();
            }
        } finally {
            // Tearing down may talk to the camera (RTSP TEARDOWN): allow it half a second at most.
            mine[0] = Math.min(mine[0], System.nanoTime() + 500_000_000L);
            deadline.put(mine[0]);
            if (frame != null) av_frame_free(frame);
            if (pkt != null) av_packet_free(pkt);
            if (dec != null) avcodec_free_context(dec);
            if (fmt != null && !fmt.isNull()) avformat_close_input(fmt);
            deadline.close();
            DEADLINE.remove();
            LOG_LINES.remove();
        }
    }

    private static boolean cpuSlot(long deadlineNanos) {
        try {
            return CPU.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static AVDictionary options(String url, int timeoutMicros) {
        AVDictionary opts = new AVDictionary(null);
        String us = Integer.toString(timeoutMicros);
        av_dict_set(opts, "protocol_whitelist", PROTOCOL_WHITELIST, 0);
        // Start decoding at once instead of probing seconds of stream (2 s -> 0.2 s per grab).
        av_dict_set(opts, "probesize", "32", 0);
        av_dict_set(opts, "analyzeduration", "0", 0);
        if (url.regionMatches(true, 0, "rtsp", 0, 4)) {
            av_dict_set(opts, "rtsp_transport", "tcp", 0);
            av_dict_set(opts, "allowed_media_types", "video", 0);
            av_dict_set(opts, "timeout", us, 0); // socket I/O timeout, µs
        } else {
            av_dict_set(opts, "rw_timeout", us, 0);
            av_dict_set(opts, "reconnect", "0", 0);
        }
        av_dict_set(opts, "user_agent", "StreamPulse", 0);
        return opts;
    }

    private static int videoStream(AVFormatContext fmt) {
        for (int i = 0; i < fmt.nb_streams(); i++) {
            AVCodecParameters p = fmt.streams(i).codecpar();
            if (p.codec_type() == AVMEDIA_TYPE_VIDEO && p.codec_id() != AV_CODEC_ID_NONE) return i;
        }
        return -1;
    }

    private static GrabbedFrame describe(AVFrame frame, AVStream stream, String codec, int jpegWidth) {
        int w = frame.width(), h = frame.height();
        int tw = Math.min(THUMB_WIDTH, w);
        int th = Math.max(1, Math.round((float) h * tw / w));
        byte[] thumb = new byte[tw * th];
        scale(frame, tw, th, AV_PIX_FMT_GRAY8, 1, thumb);
        int jw = Math.min(jpegWidth, w);
        byte[] jpeg = jw > 0 ? jpeg(frame, jw, Math.max(1, Math.round((float) h * jw / w))) : null;
        int sw = Math.min(SAMPLE_WIDTH, w);
        int band = Math.round(h / 6f);
        int sh = Math.max(1, Math.round((float) sw * (h - 2 * band) / w));
        byte[] samples = LUMA_FIRST.contains(frame.format()) && h - 2 * band >= sh ? lumaSamples(frame, sw, sh, band) : null;
        return new GrabbedFrame(codec, w, h, fps(stream), tw, th, thumb, jpeg, samples == null ? 0 : sw,
                samples == null ? 0 : sh, samples);
    }

    /**
     * Point samples (nearest pixel, no filtering) of the luma plane on an even grid over rows
     * [band, h - band): averaging would erase the sensor noise that says a still picture is live.
     * One native copy per sampled row.
     */
    private static byte[] lumaSamples(AVFrame frame, int sw, int sh, int band) {
        int w = frame.width(), h = frame.height();
        int stride = frame.linesize(0);
        BytePointer plane = frame.data(0);
        byte[] row = new byte[w];
        byte[] out = new byte[sw * sh];
        int rows = h - 2 * band;
        for (int j = 0; j < sh; j++) {
            int y = band + (int) ((2L * j + 1) * rows / (2L * sh));
            plane.position((long) y * stride).get(row, 0, w);
            for (int i = 0; i < sw; i++) out[j * sw + i] = row[(int) ((2L * i + 1) * w / (2L * sw))];
        }
        plane.position(0);
        return out;
    }

    private static double fps(AVStream stream) {
        AVRational r = stream.avg_frame_rate();
        if (r.num() <= 0 || r.den() <= 0) r = stream.r_frame_rate();
        if (r.num() <= 0 || r.den() <= 0) return 0;
        double fps = (double) r.num() / r.den();
        return fps > 0 && fps < 1000 ? Math.round(fps * 100) / 100.0 : 0;
    }

    /** Converts the frame to a packed picture of the given format and size with swscale, into {@code into}. */
    private static void scale(AVFrame frame, int w, int h, int pixFmt, int bytesPerPixel, byte[] into) {
        SwsContext sws = sws_getContext(frame.width(), frame.height(), frame.format(), w, h, pixFmt,
                SWS_AREA, null, null, (DoublePointer) null);
        if (sws == null) return;
        try (BytePointer out = new BytePointer((long) w * h * bytesPerPixel);
             PointerPointer<BytePointer> dst = new PointerPointer<>(out, null, null, null);
             IntPointer dstStride = new IntPointer(w * bytesPerPixel, 0, 0, 0)) {
            sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), dst, dstStride);
            out.get(into);
        } finally {
            sws_freeContext(sws);
        }
    }

    private static byte[] jpeg(AVFrame frame, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        // one picture-sized array per beat, the raster's own (a fleet's beats are most of the heap's churn)
        scale(frame, w, h, AV_PIX_FMT_BGR24, 3, ((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h / 4);
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** FFmpeg's text for an error code. */
    static String errorText(int error) {
        byte[] buf = new byte[256];
        av_strerror(error, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
