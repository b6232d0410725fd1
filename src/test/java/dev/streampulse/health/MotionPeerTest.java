package dev.streampulse.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.HealthSettings;
import dev.streampulse.probe.FrameProbe;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real peer: Debian's Motion 4.5.1 reads the simulator's live still corridor (MJPEG) and re-serves
 * it as MJPEG with its own clock overlay. Through Motion the still scene is never FROZEN; when
 * Motion's source dies it keeps sending the last picture with a ticking clock — a real
 * frozen-clock — and that is FROZEN within {@code frozen_after} beats.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("paced-tests") // mostly waiting (a peer process, child JVMs): beside the sequence, one at a time
class MotionPeerTest {
    static final int FROZEN_AFTER = HealthSettings.DEFAULT.frozenAfter();

    @TempDir
    Path dir;

    @Test
    void liveStillSceneThroughMotionIsLiveAndItsDeadSourceIsFrozen() throws Exception {
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        int streamPort;
        try (ServerSocket s = new ServerSocket(0)) {
            streamPort = s.getLocalPort();
        }
        String motionUrl = "http://127.0.0.1:" + streamPort + "/";
        Process motion = null;
        int camPort;
        try (ServerSocket s = new ServerSocket(0)) {
            camPort = s.getLocalPort();
        }
        // Motion's camera: the default (realistic) simulator in a process of its own, killed to make the source die
        Process sim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.streampulse.sim.SimulatorMain", "--bind", "127.0.0.1",
                "--rtsp-port", "-1", "--mjpeg-port", Integer.toString(camPort), "--cameras", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String camUrl = "http://127.0.0.1:" + camPort + "/still/1";
        try {
            await("simulator up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> probe.run(camUrl, 5, 0).ok() || !sim.isAlive());
            assertTrue(sim.isAlive(), "simulator did not start");
            // Motion reads at 15 fps, faster than the camera's 10: no backlog, so its picture is live until the source dies
            Path conf = dir.resolve("motion.conf");
            Files.writeString(conf, String.join("\n",
                    "daemon off", "setup_mode off", "log_level 7", "log_file " + dir.resolve("motion.log"), "target_dir " + dir, "netcam_url " + camUrl,
                    "width 640", "height 360", "framerate 15", "text_left CAM1", "text_right %Y-%m-%d\\n%T",
                    "emulate_motion off", "picture_output off", "movie_output off", "webcontrol_port 0",
                    "stream_port " + streamPort, "stream_localhost on", "stream_quality 75", "stream_maxrate 15", ""));
            motion = new ProcessBuilder("/usr/bin/motion", "-n", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("motion.log").toFile()).start();
            java.util.concurrent.atomic.AtomicReference<FrameProbe.Result> served = new java.util.concurrent.atomic.AtomicReference<>();
            await("Motion serves a frame (log: " + dir.resolve("motion.log") + ")").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).until(() -> { served.set(probe.run(motionUrl, 5, 0)); return served.get().ok(); });
            FrameProbe.Result first = served.get();
            assertEquals(640, first.frame().width(), "Motion re-serves the camera's picture");

            PictureTracker tracker = new PictureTracker();
            List<String> live = new ArrayList<>();
            int maxSame = 0;
            for (int i = 0; i < 8; i++) {
                FrameProbe.Result r = probe.run(motionUrl, 5, 0);
                assertTrue(r.ok(), r.detail());
                FrameAnalysis a = FrameAnalysis.of(r.frame());
                int same = tracker.observe(r.frame(), a);
                maxSame = Math.max(maxSame, same);
                live.add(same + " " + tracker.lastChange());
                assertFalse(a.black() || a.uniform(), live.toString());
                Thread.sleep(1_000); // pacing: one beat a second
            }
            assertTrue(maxSame < FROZEN_AFTER, "the live still scene through Motion read FROZEN: " + live);

            sim.destroyForcibly().waitFor(); // Motion's source dies; it keeps sending the last picture, its clock ticking
            Thread.sleep(4_000); // Motion notices its source is gone (it keeps serving meanwhile): nothing to await from outside
            PictureTracker dead = new PictureTracker();
            List<String> frozen = new ArrayList<>();
            int same = 0;
            for (int i = 0; i < FROZEN_AFTER + 2; i++) {
                FrameProbe.Result r = probe.run(motionUrl, 5, 0);
                assertTrue(r.ok(), "Motion keeps serving: " + r.detail());
                same = dead.observe(r.frame(), FrameAnalysis.of(r.frame()));
                frozen.add(same + " " + dead.lastChange());
                Thread.sleep(1_100); // a new second on Motion's clock every beat
            }
            List<String> log = Files.readAllLines(dir.resolve("motion.log")).stream().filter(l -> !l.contains("webu_answer_strm")).toList();
            assertEquals(FROZEN_AFTER + 2, same, "Motion's frozen picture with a ticking clock: " + frozen + "\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 25), log.size())));
        } finally {
            sim.destroyForcibly();
            if (motion != null) {
                motion.destroy();
                if (!motion.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) motion.destroyForcibly();
            }
        }
    }
}
