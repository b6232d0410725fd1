package dev.streampulse.sim;

import static dev.streampulse.sim.HealthyCameraTest.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** switch-codec and switch-resolution: sessions after switchAfter get another profile. */
class ProfileSwitchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> RTSP_TCP = concat(FfmpegCli.FAST, "-rtsp_transport", "tcp", "-loglevel", "info");

    @TempDir
    Path dir;

    @Test
    void laterSessionsGetAnotherCodecAndResolution() throws Exception {
        // encode the switched profiles up front so the timing below measures the simulator, not the encoder
        ClipLibrary.video(ClipLibrary.Id.MPEG4).get();
        ClipLibrary.video(ClipLibrary.Id.SMALL).get();
        ClipLibrary.jpeg(ClipLibrary.Id.SMALL).get();
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0)
                .switchAfter(Duration.ofSeconds(3)).start()) {
            FfmpegCli.Result[] before = grabAll(sim);
            assertTrue(before[0].stderr().contains("Video: h264"), before[0]::toString);
            assertSize(before[1], 640, 360);
            assertSize(before[2], 640, 360);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(sim::switched);
            FfmpegCli.Result[] after = grabAll(sim);
            assertTrue(after[0].stderr().contains("Video: mpeg4"), after[0]::toString);
            assertTrue(after[0].gotFrame(), after[0]::toString);
            HealthyCameraTest.assertTestPattern(Pictures.read(after[0].output()), 640, 360);
            assertSize(after[1], 320, 180);
            assertSize(after[2], 320, 180);
        }
    }

    private FfmpegCli.Result[] grabAll(CameraSimulator sim) {
        List<CompletableFuture<FfmpegCli.Result>> runs = List.of(
                CompletableFuture.supplyAsync(() -> FfmpegCli.grab(dir, TIMEOUT, RTSP_TCP, sim.rtspUrl("switch-codec"))),
                CompletableFuture.supplyAsync(() -> FfmpegCli.grab(dir, TIMEOUT, RTSP_TCP, sim.rtspUrl("switch-resolution"))),
                CompletableFuture.supplyAsync(() -> FfmpegCli.grab(dir, TIMEOUT, FfmpegCli.FAST, sim.mjpegUrl("switch-resolution/2"))));
        return runs.stream().map(CompletableFuture::join).toArray(FfmpegCli.Result[]::new);
    }

    private static void assertSize(FfmpegCli.Result r, int w, int h) {
        assertTrue(r.gotFrame(), r::toString);
        BufferedImage img = Pictures.read(r.output());
        assertEquals(w + "x" + h, img.getWidth() + "x" + img.getHeight());
    }
}
