package dev.streampulse.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;

/** 200 in-JVM FFmpeg clients on 200 paths at once each decode a frame. */
class ConcurrentClientsTest {

    private static final int CLIENTS = 200;
    private static final int THREADS = 48;

    @Test
    void twoHundredRtspClientsEachDecodeAFrame() throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start()) {
            long t0 = System.nanoTime();
            List<Future<String>> results = new ArrayList<>();
            for (int k = 1; k <= CLIENTS; k++) {
                String url = sim.rtspUrl("cam" + k);
                results.add(pool.submit(() -> grabOne(url)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : results) {
                String r = f.get(120, TimeUnit.SECONDS);
                if (r != null) {
                    failures.add(r);
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println(CLIENTS + " RTSP clients decoded a frame each in " + ms + " ms");
            assertEquals(List.of(), failures);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /** @return null on success, else what went wrong */
    private static String grabOne(String url) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url);
        g.setOption("rtsp_transport", "tcp");
        g.setOption("probesize", "32");
        g.setOption("analyzeduration", "0");
        g.setOption("timeout", "5000000");
        g.setVideoOption("threads", "1");
        try {
            // startUnsafe/releaseUnsafe: start()/release() hold a JVM-wide lock across the network open
            g.startUnsafe();
            Frame f = g.grabImage();
            if (f == null || f.image == null) {
                return url + ": no image";
            }
            if (f.imageWidth != 640 || f.imageHeight != 360) {
                return url + ": " + f.imageWidth + "x" + f.imageHeight;
            }
            return null;
        } catch (Exception e) {
            return url + ": " + e;
        } finally {
            try {
                g.releaseUnsafe();
            } catch (Exception e) {
                // nothing more to free
            }
        }
    }
}
