package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.sim.CameraSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What analysis and evidence cost per beat, on real frames: printed for the record, bounded by asserts. */
class AnalysisCostTest {
    @Test
    void analysisIsMicrosecondsAndEvidenceJpegIsSmall() throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(-1).start()) {
            FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
            String url = sim.rtspUrl("/cam1");
            probe.run(url, 10, 0); // warm up FFmpeg and the clip
            long plain = 0, withJpeg = 0;
            int jpegBytes = 0;
            int n = 6;
            FrameProbe.Result r = null;
            for (int i = 0; i < n; i++) {
                FrameProbe.Result a = probe.run(url, 10, 0);
                r = probe.run(url, 10, FrameProbe.EVIDENCE_WIDTH);
                assertTrue(a.ok() && r.ok());
                plain += a.latencyMs();
                withJpeg += r.latencyMs();
                jpegBytes = Math.max(jpegBytes, r.frame().jpeg().length);
            }
            PictureTracker tracker = new PictureTracker();
            int loops = 20_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < loops; i++) tracker.observe(r.frame(), FrameAnalysis.of(r.frame()));
            double usPerBeat = (System.nanoTime() - t0) / 1000.0 / loops;
            System.out.printf("analysis %.1f µs/beat; probe %d ms without JPEG, %d ms with the %d-px evidence JPEG "
                    + "(mean of %d); JPEG up to %d bytes%n", usPerBeat, plain / n, withJpeg / n, FrameProbe.EVIDENCE_WIDTH,
                    n, jpegBytes);
            assertTrue(usPerBeat < 500, usPerBeat + " µs per beat");
            assertTrue(jpegBytes < 40_000, jpegBytes + " bytes");
            assertEquals(FrameProbe.EVIDENCE_WIDTH, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.frame().jpeg())).getWidth());
        }
    }
}
