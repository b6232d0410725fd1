package dev.streampulse.sim;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The default simulator behaves like a camera, checked with Debian's own ffmpeg CLI and with our
 * probe: a frame at full resolution that differs from one a few seconds later, and a first frame that
 * takes four reply latencies (OPTIONS, DESCRIBE, SETUP, PLAY) plus the wait for the next keyframe.
 */
// runs beside the sequential tests (src/test/resources/junit-platform.properties): sessions seconds apart and a lower bound on time to first frame: a busy machine cannot make it pass falsely
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("paced-tests") // one of them at a time beside the sequence
class RealisticCameraTest {
    static CameraSimulator sim;

    @BeforeAll
    static void start() {
        sim = CameraSimulator.builder().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** One frame as full-resolution 8-bit grey, decoded by Debian's /usr/bin/ffmpeg. */
    static byte[] cliFrame(String url) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp",
                "-probesize", "32", "-analyzeduration", "0", "-i", url, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "ffmpeg exit code for " + url);
        return out;
    }

    /** Share of pixels of the middle band (no OSD) whose grey level differs. */
    static double differing(byte[] a, byte[] b, int w, int h) {
        assertEquals(a.length, b.length);
        int n = 0, diff = 0;
        for (int y = h / 6; y < h - h / 6; y++) {
            for (int x = 0; x < w; x++) {
                n++;
                if (a[y * w + x] != b[y * w + x]) diff++;
            }
        }
        return (double) diff / n;
    }

    @Test
    void debianFfmpegDecodesPicturesThatDifferAtFullResolution() throws Exception {
        byte[] first = cliFrame(sim.rtspUrl("cam1"));
        assertEquals(640 * 360, first.length, "one 640x360 grey frame");
        Thread.sleep(3_000);
        byte[] later = cliFrame(sim.rtspUrl("cam1"));
        double share = differing(first, later, 640, 360);
        assertTrue(share > 0.5, "a live camera's pictures differ nearly everywhere (sensor noise): " + share);
        byte[] still1 = cliFrame(sim.rtspUrl("still/1"));
        Thread.sleep(2_100);
        double still = differing(still1, cliFrame(sim.rtspUrl("still/1")), 640, 360);
        assertTrue(still > 0.5, "so do a still scene's: " + still);
        // and the check can fail: a frozen camera's pictures are the same bytes
        assertEquals(0.0, differing(cliFrame(sim.rtspUrl("frozen")), cliFrame(sim.rtspUrl("frozen")), 640, 360));
    }

    @Test
    void firstFrameTakesFourRepliesAndPartOfAGop() throws Exception {
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        probe.run(sim.rtspUrl("cam9"), 10, 0); // warm-up: FFmpeg's first use in this JVM
        long gopMs = 2_000;
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // start session i at a tenth i of the GOP, so the ten waits for a keyframe spread over it
            long now = System.currentTimeMillis();
            long keyPhase = Math.floorMod(now / 100, (long) ClipLibrary.LOOP_FRAMES) % 20 * 100 + now % 100;
            long target = Math.floorMod(i * gopMs / 10 - keyPhase, gopMs);
            Thread.sleep(target);
            FrameProbe.Result r = probe.run(sim.rtspUrl("cam" + (10 + i)), 10, 0);
            assertTrue(r.ok(), r.detail());
            latencies.add(r.latencyMs());
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        long median = (sorted.get(4) + sorted.get(5)) / 2;
        System.out.println("RTSP time to first frame over 10 sessions (ms): " + latencies + ", median " + median);
        long minReply = 20;
        assertTrue(median >= 4 * minReply + gopMs / 4, "median " + median + " ms: " + latencies);
        assertTrue(sorted.get(0) >= 4 * minReply, "every session answers four requests: " + latencies);
        assertTrue(sorted.get(9) < gopMs + 1_500, "and no session waits longer than a GOP: " + latencies);
    }
}
