package dev.streampulse.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 cameras with mixed faults at a 1 s heartbeat: after a 20 s warm-up, heap and threads stay flat for
 * 40 s more (~6,000 beats of 150 healthy cameras). {@code -Dsoak.seconds=N} soaks N seconds instead.
 */
@ResourceLock("paced-tests") // in the sequence, with nothing beside it: it measures threads or timing
class SoakTest {
    private static final long WARM_UP_S = 20;
    private static final long SOAK_S = Long.getLong("soak.seconds", 40);

    @TempDir
    Path dir;

    @Test
    void heapAndThreadsAreStableBetweenMinuteOneAndTheEnd() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 1\nprobe: {concurrency: 32, per_host_limit: 0}\nstreams:\n");
        String[] faults = {"401", "404", "garbage", "bad-sdp", "ends", "truncated-nal", "blackhole", "hang-after-headers"};
        for (int i = 0; i < 200; i++) {
            String url;
            if (i < 150) url = i % 2 == 0 ? sim.rtspUrl("cam" + (300 + i)) : sim.mjpegUrl("cam" + (300 + i));
            else if (i < 160) url = sim.refusedUrl();
            else url = (i % 2 == 0 ? sim.rtspUrl(faults[i % faults.length] + "/" + i) : sim.mjpegUrl(faults[i % faults.length] + "/" + i));
            yaml.append("  - {name: s").append(i).append(", url: '").append(url).append("', timeout_seconds: 2}\n");
        }
        try (StreamPulseApp app = TestApp.start(TestApp.writeConfig(dir, yaml.toString()), Map.of())) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            await().pollDelay(Duration.ofSeconds(WARM_UP_S)).atMost(Duration.ofSeconds(WARM_UP_S + 1)).until(() -> true);
            long heap1 = heapAfterGc(memory);
            int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
            long beats1 = app.store().count();
            await().pollDelay(Duration.ofSeconds(SOAK_S)).atMost(Duration.ofSeconds(SOAK_S + 1)).until(() -> true);
            long heapEnd = heapAfterGc(memory);
            int threadsEnd = ManagementFactory.getThreadMXBean().getThreadCount();
            long beatsEnd = app.store().count();
            System.out.printf("soak: heap %d -> %d MB, threads %d -> %d, beats %d -> %d, skipped %d%n", heap1 >> 20,
                    heapEnd >> 20, threads1, threadsEnd, beats1, beatsEnd, app.scheduler().skipped());
            assertTrue(beatsEnd - beats1 > 150 * SOAK_S * 5 / 6, "healthy cameras kept beating: " + (beatsEnd - beats1)
                    + " beats in " + SOAK_S + " s");
            assertTrue(threadsEnd <= threads1 + 3, "threads grew " + threads1 + " -> " + threadsEnd);
            if (heapEnd >= heap1 * 3 / 2 + (16 << 20)) printHistogram(); // what grew, for the failure's reader
            assertTrue(heapEnd < heap1 * 3 / 2 + (16 << 20), "heap grew " + (heap1 >> 20) + " -> " + (heapEnd >> 20) + " MB");
            assertEquals(0, app.writer().dropped());
        }
    }

    /** The 30 classes holding most of the live heap (jcmd of this JDK), printed to the test's output. */
    private static void printHistogram() {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            out.lines().limit(33).forEach(System.out::println);
        } catch (java.io.IOException e) {
            System.out.println("no class histogram: " + e);
        }
    }

    /**
     * Live heap: the least of three full-GC readings half a second apart, so a passing burst (a batch
     * of beats on its way to the disk) is not read as growth; a leak stays in all three.
     */
    private static long heapAfterGc(MemoryMXBean memory) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            if (i > 0) await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
            System.gc();
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
