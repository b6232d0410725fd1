package dev.streampulse.sim;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes each clip once per JVM, lazily, with the ffmpeg binary that the JavaCV natives ship, and
 * keeps it in a static cache. Encoding runs on background threads so event loops never block.
 */
final class ClipLibrary {

    static final int FPS = 10;
    static final int GOP = 10;
    /** 37 s: divides none of the usual heartbeats (5, 10, 15, 30, 60 s), so probes don't see repeats. */
    static final int LOOP_FRAMES = 37 * FPS;

    /** What a clip shows and how it is encoded; clips are cached per spec and shared by every camera. */
    record Spec(TestPatternPainter.Kind kind, int width, int height, int frames, Clip.Codec codec, int gop) {
        /** H.264 bitrate: ~1.2 Mbit/s at 640x360, a camera's sub stream; scaled by area^0.6 (1080p: ~4.5 Mbit/s). */
        int kbps() {
            return (int) Math.round(1200 * Math.pow(width * (double) height / (640 * 360), 0.6));
        }
    }

    /** The clips of the instant simulator (GOP 1 s, 640x360, the test pattern), by name. */
    enum Id {
        NORMAL(TestPatternPainter.Kind.PATTERN, 640, 360, LOOP_FRAMES, Clip.Codec.H264),
        FROZEN(TestPatternPainter.Kind.FROZEN, 640, 360, GOP, Clip.Codec.H264),
        FROZEN_CLOCK(TestPatternPainter.Kind.FROZEN_CLOCK, 640, 360, LOOP_FRAMES, Clip.Codec.H264),
        BLACK(TestPatternPainter.Kind.BLACK, 640, 360, GOP, Clip.Codec.H264),
        UNIFORM(TestPatternPainter.Kind.UNIFORM, 640, 360, GOP, Clip.Codec.H264),
        SMALL(TestPatternPainter.Kind.PATTERN, 320, 180, LOOP_FRAMES, Clip.Codec.H264),
        MPEG4(TestPatternPainter.Kind.PATTERN, 640, 360, LOOP_FRAMES, Clip.Codec.MPEG4);

        final Spec spec;

        Id(TestPatternPainter.Kind kind, int width, int height, int frames, Clip.Codec codec) {
            this.spec = new Spec(kind, width, height, frames, codec, GOP);
        }

        /** The same picture with another GOP length. */
        Spec withGop(int gop) {
            return new Spec(spec.kind(), spec.width(), spec.height(), spec.kind() == TestPatternPainter.Kind.FROZEN
                    || spec.kind() == TestPatternPainter.Kind.BLACK || spec.kind() == TestPatternPainter.Kind.UNIFORM
                    ? gop : spec.frames(), spec.codec(), gop);
        }
    }

    private static final Logger LOG = Logger.getLogger(ClipLibrary.class.getName());
    private static final Map<Spec, CompletableFuture<Clip>> VIDEO = new ConcurrentHashMap<>();
    private static final Map<Spec, CompletableFuture<JpegClip>> JPEG = new ConcurrentHashMap<>();
    /** Two threads: the H.264 and the JPEG version of a clip encode side by side at startup. */
    private static final ExecutorService ENCODER = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sim-clip-encoder");
        t.setDaemon(true);
        return t;
    });

    private ClipLibrary() {
    }

    static CompletableFuture<Clip> video(Id id) {
        return video(id.spec);
    }

    static CompletableFuture<JpegClip> jpeg(Id id) {
        return jpeg(id.spec);
    }

    static CompletableFuture<Clip> video(Spec id) {
        CompletableFuture<Clip> f = VIDEO.computeIfAbsent(id, k -> CompletableFuture.supplyAsync(() -> encodeVideo(k), ENCODER));
        f.whenComplete((c, err) -> {
            if (err != null) {
                VIDEO.remove(id, f); // let a later client try again
            }
        });
        return f;
    }

    static CompletableFuture<JpegClip> jpeg(Spec id) {
        CompletableFuture<JpegClip> f = JPEG.computeIfAbsent(id, k -> CompletableFuture.supplyAsync(() -> encodeJpegs(k), ENCODER));
        f.whenComplete((c, err) -> {
            if (err != null) {
                JPEG.remove(id, f);
            }
        });
        return f;
    }

    private static Clip encodeVideo(Spec id) {
        long t0 = System.nanoTime();
        byte[] stream;
        if (id.kind() == TestPatternPainter.Kind.FROZEN_NOISY) {
            // one image, each GOP encoded at another bitrate: every keyframe carries fresh compression
            // noise (it follows the picture's edges), yet the picture never changes
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int g = 0; g * id.gop() < id.frames(); g++) {
                int from = g * id.gop();
                all.writeBytes(runFfmpeg(id, from, Math.min(id.frames(), from + id.gop()), id.kbps() * (6 + g % 4) / 8));
            }
            stream = all.toByteArray();
        } else {
            stream = runFfmpeg(id, 0, id.frames(), id.kbps());
        }
        List<EncodedFrame> frames = new ArrayList<>();
        String format;
        if (id.codec() == Clip.Codec.H264) {
            List<byte[]> nals = ElementaryStreams.nals(stream);
            byte[] sps = nals.stream().filter(n -> (n[0] & 0x1F) == 7).findFirst().orElseThrow();
            byte[] pps = nals.stream().filter(n -> (n[0] & 0x1F) == 8).findFirst().orElseThrow();
            for (List<byte[]> au : ElementaryStreams.accessUnits(nals)) {
                boolean key = ElementaryStreams.isIdr(au);
                List<byte[]> send = new ArrayList<>(au);
                if (key && send.stream().noneMatch(n -> (n[0] & 0x1F) == 7)) {
                    // joiners decode from any keyframe without relying on the SDP alone
                    send.add(0, pps);
                    send.add(0, sps);
                }
                frames.add(new EncodedFrame(key, RtpPacketizer.h264(send)));
            }
            format = Clip.h264Format(sps, pps);
        } else {
            for (byte[] f : ElementaryStreams.mpeg4Frames(stream)) {
                frames.add(new EncodedFrame(ElementaryStreams.isMpeg4Intra(f), RtpPacketizer.mpeg4(f)));
            }
            format = Clip.mpeg4Format(ElementaryStreams.mpeg4Config(stream));
        }
        if (frames.isEmpty() || !frames.get(0).key()) {
            throw new IllegalStateException("encoder output for " + id + " does not start with a keyframe");
        }
        if (frames.size() != id.frames()) {
            LOG.warning(() -> id + ": encoder gave " + frames.size() + " frames, expected " + id.frames());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info(() -> "sim clip " + id + " encoded: " + frames.size() + " frames, " + stream.length + " bytes in " + ms + " ms");
        return new Clip(id, id.codec(), id.width(), id.height(), FPS, frames, format);
    }

    private static JpegClip encodeJpegs(Spec id) {
        long t0 = System.nanoTime();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            List<byte[]> jpegs = new ArrayList<>(id.frames());
            byte[] previous = null;
            BufferedImage img = new BufferedImage(id.width(), id.height(), BufferedImage.TYPE_3BYTE_BGR);
            for (int i = 0; i < id.frames(); i++) {
                if (id.kind() == TestPatternPainter.Kind.FROZEN || id.kind() == TestPatternPainter.Kind.BLACK
                        || id.kind() == TestPatternPainter.Kind.UNIFORM) {
                    if (previous != null) {
                        jpegs.add(previous); // identical pictures: the very same bytes
                        continue;
                    }
                }
                TestPatternPainter.paint(img, id.kind(), i, FPS);
                // frozen-noisy: the same image at another quality each frame, like a re-encoding restreamer
                param.setCompressionQuality(id.kind() == TestPatternPainter.Kind.FROZEN_NOISY ? 0.78f + 0.02f * (i % 4) : 0.8f);
                ByteArrayOutputStream bos = new ByteArrayOutputStream(64 * 1024);
                try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bos)) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(img, null, null), param);
                }
                previous = bos.toByteArray();
                jpegs.add(previous);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LOG.info(() -> "sim clip " + id + " JPEGs encoded: " + jpegs.size() + " in " + ms + " ms");
            return new JpegClip(id, jpegs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** Pipes raw BGR frames drawn in Java into ffmpeg and returns its elementary stream. */
    private static byte[] runFfmpeg(Spec id, int from, int to, int kbps) {
        List<String> cmd = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error",
                "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", id.width() + "x" + id.height(), "-r", String.valueOf(FPS),
                "-i", "pipe:0", "-pix_fmt", "yuv420p", "-g", String.valueOf(id.gop()), "-threads", "1"));
        if (id.codec() == Clip.Codec.H264) {
            cmd.addAll(List.of("-c:v", "libopenh264", "-b:v", kbps + "k", "-f", "h264", "pipe:1"));
        } else {
            cmd.addAll(List.of("-c:v", "mpeg4", "-q:v", "5", "-f", "m4v", "pipe:1"));
        }
        ProcessBuilder pb = FfmpegBinary.processBuilder(cmd);
        Process p = null;
        try {
            p = pb.start();
            Process proc = p;
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(proc.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(proc.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                // one reusable canvas: a clip is 370 pictures, ~250 MB of garbage otherwise
                BufferedImage img = new BufferedImage(id.width(), id.height(), BufferedImage.TYPE_3BYTE_BGR);
                for (int i = from; i < to; i++) {
                    TestPatternPainter.paint(img, id.kind(), i, FPS);
                    in.write(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
                }
            }
            byte[] out = stdout.join();
            int rc = p.waitFor();
            if (rc != 0 || out.length == 0) {
                throw new IllegalStateException("ffmpeg failed (" + rc + "): " + new String(stderr.join()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
