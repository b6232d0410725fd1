package dev.streampulse.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import dev.streampulse.store.BatchWriter;
import dev.streampulse.store.Database;
import dev.streampulse.store.HeartbeatStore;
import dev.streampulse.testing.LogCapture;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (a small tmpfs filled up with a file): readiness goes DOWN with a clear log line,
 * probing keeps its schedule, beats queue (bounded) and are all written once space is back.
 */
class DiskTroubleTest {
    @TempDir
    Path tmp;
    Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
                "this test needs to mount a small tmpfs (root in CI): " + out);
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    /** Writes until the file system says it is full; returns the filler to delete later. */
    private Path fill() throws IOException {
        Path filler = disk.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
        return filler;
    }

    private static HealthCheck.State monitorReadiness(StreamPulseApp app) {
        return HealthCheckHelper.invokeReadiness(app.camel()).stream()
                .filter(r -> r.getCheck().getId().equals("monitor")).findFirst().orElseThrow().getState();
    }

    @Test
    void aFullDiskQueuesBeatsAndTheyAreWrittenWhenSpaceIsBack() throws Exception {
        StringBuilder streams = new StringBuilder("heartbeat_seconds: 1\nprobe: {per_host_limit: 0}\nstreams:\n");
        for (int i = 0; i < 5; i++) {
            streams.append("  - {name: c").append(i).append(", url: '").append(SharedCameras.get().rtspUrl("cam" + (60 + i))).append("'}\n");
        }
        Path config = TestApp.writeConfig(disk, streams.toString());
        try (LogCapture log = new LogCapture(); StreamPulseApp app = TestApp.start(config, Map.of())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> app.store().count() >= 10);
            assertEquals(HealthCheck.State.UP, monitorReadiness(app));

            Path filler = fill();
            await().atMost(Duration.ofSeconds(15)).until(() -> app.store().writeProblem() != null);
            assertEquals(HealthCheck.State.DOWN, monitorReadiness(app));
            assertEquals(1, log.count("Cannot write heartbeats, keeping them queued"), log.text());
            long started = app.scheduler().started();
            // probing keeps its schedule while the disk is full, and the beats wait in the queue
            await().atMost(Duration.ofSeconds(10)).until(() -> app.scheduler().started() >= started + 10);
            await().atMost(Duration.ofSeconds(5)).until(() -> app.writer().pending() >= 10);

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.writer().pending() == 0);
            assertEquals(HealthCheck.State.UP, monitorReadiness(app));
            assertTrue(log.text().contains("Writing heartbeats again"), "recovery is logged");
            assertEquals(0, app.writer().dropped());
            // nothing lost: every beat the writer accepted is in the file
            await().atMost(Duration.ofSeconds(5)).until(() -> app.store().count() == app.writer().written());
        }
    }

    @Test
    void theQueueIsBoundedAndCountsWhatItDrops() throws Exception {
        try (Database db = Database.open(disk.resolve("streams.db"))) {
            HeartbeatStore store = db.heartbeats();
            BatchWriter writer = new BatchWriter(store, 10);
            writer.write(List.of(beat(1)));
            Path filler = fill();
            for (int i = 2; i <= 30; i++) writer.write(List.of(beat(i)));
            assertEquals(10, writer.pending());
            assertEquals(29 - 10, writer.dropped(), "the oldest are dropped, and counted");
            Files.delete(filler);
            writer.write(List.of(beat(31)));
            assertEquals(0, writer.pending());
            assertEquals(30 - 10, writer.dropped(), "adding the 31st beat to a full queue dropped one more");
            assertEquals(1 + 10, store.count(), "the first beat and the ten newest are in the file");
            assertEquals(31, store.beats("s", 0, Long.MAX_VALUE, 1).get(0).ts());
        }
    }

    private static Heartbeat beat(long ts) {
        // a long detail makes every beat cost space, so a full disk shows at once
        return new Heartbeat("s", ts, 0, false, 1, Reason.TIMEOUT, "x".repeat(2000), null, 0, 0, 0, "system");
    }
}
