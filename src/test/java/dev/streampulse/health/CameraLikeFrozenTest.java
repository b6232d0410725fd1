package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.HealthSettings;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.sim.CameraSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Acceptance for issue 15 on the realistic simulator (reply latency, join at the next keyframe, GOP
 * 2 s, sensor noise, OSD clock), real probes and the real analysis: a live still scene, a scene
 * showing a wall clock and the default healthy camera are never FROZEN, BLACK or UNIFORM over 100
 * beats each at a 2 s heartbeat; frozen, frozen-clock and frozen-noisy are FROZEN within
 * {@code frozen_after} beats.
 *
 * <p>100 beats of one stream would take 200 s. Each scene is watched instead by four streams (three
 * RTSP, one MJPEG) of 25 beats each, their phases half a second apart, all at once: 100 beats per
 * scene, the same comparisons of frames two seconds apart, at 64 different positions of the 37 s
 * clip loop (which every beat of one stream would revisit anyway), in ~55 s.
 */
// runs beside the sequential tests (src/test/resources/junit-platform.properties): paced beats at 2 s, a dozen streams: it waits, and its verdicts do not depend on timing
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("paced-tests") // one of them at a time beside the sequence
class CameraLikeFrozenTest {
    static final int HEARTBEAT_MS = 2_000;
    static final int BEATS = 25;
    static final int FROZEN_AFTER = HealthSettings.DEFAULT.frozenAfter();

    record Beat(int same, boolean black, boolean uniform, PictureChange change, long latencyMs) {}

    @Test
    void liveScenesAreNeverFrozenAndFrozenOnesAreFrozenInTime() throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start()) {
            FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
            Map<String, String> live = new LinkedHashMap<>();
            for (String scene : List.of("cam1", "still", "wall-clock")) {
                String path = scene.equals("cam1") ? "cam" : scene + "/";
                for (int k = 1; k <= 3; k++) live.put(scene + " rtsp " + k, sim.rtspUrl(path + (scene.equals("cam1") ? k : k)));
                live.put(scene + " mjpeg", sim.mjpegUrl(path + 4));
            }
            Map<String, String> frozen = new LinkedHashMap<>();
            for (String f : List.of("frozen", "frozen-clock", "frozen-noisy")) {
                frozen.put(f + " rtsp", sim.rtspUrl(f + "/1"));
                frozen.put(f + " mjpeg", sim.mjpegUrl(f + "/2"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(live.size() + frozen.size());
            // the simulator encodes each clip at its first use (seconds of CPU, more on a busy machine): one
            // session per scene and protocol first, so the paced beats measure the camera, not the encoder
            List<Callable<FrameProbe.Result>> warm = new ArrayList<>();
            for (Map<String, String> m : List.of(live, frozen)) {
                m.forEach((name, url) -> {
                    if (!name.endsWith(" 2") && !name.endsWith(" 3")) warm.add(() -> probe.run(url, 60, 0));
                });
            }
            for (Future<FrameProbe.Result> w : pool.invokeAll(warm)) assertTrue(w.get().ok(), w.get().detail());
            long start = System.currentTimeMillis() + 500;
            Map<String, Future<List<Beat>>> runs = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, String> e : live.entrySet()) {
                long phase = start + (i++ % 4) * 500L;
                runs.put(e.getKey(), pool.submit(() -> watch(probe, e.getValue(), phase, BEATS)));
            }
            for (Map.Entry<String, String> e : frozen.entrySet()) {
                long phase = start + (i++ % 4) * 500L;
                runs.put(e.getKey(), pool.submit(() -> watch(probe, e.getValue(), phase, FROZEN_AFTER + 2)));
            }
            pool.shutdown();
            Map<String, List<Beat>> beats = new LinkedHashMap<>();
            for (Map.Entry<String, Future<List<Beat>>> e : runs.entrySet()) beats.put(e.getKey(), e.getValue().get());

            Map<String, Integer> perScene = new LinkedHashMap<>();
            for (String name : live.keySet()) {
                List<Beat> b = beats.get(name);
                String scene = name.substring(0, name.indexOf(' '));
                perScene.merge(scene, b.size(), Integer::sum);
                for (int k = 0; k < b.size(); k++) {
                    Beat x = b.get(k);
                    String where = name + " beat " + (k + 1) + ": " + x;
                    assertFalse(x.black(), where);
                    assertFalse(x.uniform(), where);
                    assertTrue(x.same() < FROZEN_AFTER, "FROZEN verdict on a live camera, " + where);
                }
            }
            assertEquals(Map.of("cam1", 100, "still", 100, "wall-clock", 100), perScene, "100 beats per scene");
            for (String name : frozen.keySet()) {
                List<Beat> b = beats.get(name);
                assertEquals(FROZEN_AFTER, b.get(FROZEN_AFTER - 1).same(), "FROZEN at beat " + FROZEN_AFTER + ", " + name + ": " + b);
                assertTrue(b.stream().noneMatch(x -> x.black() || x.uniform()), name + ": " + b);
                assertEquals(FROZEN_AFTER + 2, b.get(b.size() - 1).same(), name + " stays frozen: " + b);
            }
            // it behaves like a camera: the RTSP probes waited for a keyframe
            List<Long> rtsp = new ArrayList<>();
            beats.forEach((name, b) -> {
                if (name.contains("rtsp")) b.forEach(x -> rtsp.add(x.latencyMs()));
            });
            rtsp.sort(null);
            assertTrue(rtsp.get(rtsp.size() / 2) > 300, "median RTSP probe " + rtsp.get(rtsp.size() / 2) + " ms");
        }
    }

    /** Probes a stream on its own 2 s schedule and runs each frame through the real analysis. */
    private static List<Beat> watch(FrameProbe probe, String url, long firstMs, int n) throws InterruptedException {
        PictureTracker tracker = new PictureTracker();
        List<Beat> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long wait = firstMs + (long) k * HEARTBEAT_MS - System.currentTimeMillis();
            if (wait > 0) Thread.sleep(wait); // the beat schedule itself, as the scheduler keeps it
            FrameProbe.Result r = probe.run(url, 10, 0);
            assertTrue(r.ok(), () -> url + ": " + r.detail());
            FrameAnalysis a = FrameAnalysis.of(r.frame());
            int same = tracker.observe(r.frame(), a);
            out.add(new Beat(same, a.black(), a.uniform(), tracker.lastChange(), r.latencyMs()));
        }
        return out;
    }
}
