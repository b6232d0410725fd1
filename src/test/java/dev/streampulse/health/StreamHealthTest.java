package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.HealthSettings;
import dev.streampulse.config.ProbeSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.GrabbedFrame;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Observation;
import dev.streampulse.probe.Reason;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StreamHealth's own rules on synthetic beats: slow frames, flapping, evidence on DOWN. */
class StreamHealthTest {
    @TempDir
    Path dir;

    final StreamConfig cam = new StreamConfig("cam", "rtsp://127.0.0.1/cam", true, 15, 10, null,
            new HealthSettings(3, 2, 3, false, 2_000, null));
    final InMemoryEvents events = new InMemoryEvents();
    StreamHealth health;
    long ts = 1_790_000_000_000L;
    int frameNo;

    StreamHealth health() {
        AppConfig cfg = new AppConfig(15, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(), List.of(cam));
        return new StreamHealth(events, new Evidence(dir.resolve("ev"), 50), () -> cfg, () -> ts);
    }

    /** A frame whose picture differs from the one before (a gradient that moves), with a fake JPEG. */
    GrabbedFrame frame() {
        byte[] g = new byte[64 * 36];
        int shift = frameNo++ * 7;
        for (int i = 0; i < g.length; i++) g[i] = (byte) (((i % 64) * 4 + shift * (i / 64 % 3 + 1)) % 256);
        return new GrabbedFrame("h264", 640, 360, 10, 64, 36, g, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) frameNo});
    }

    List<HealthEvent> ok(long latency) {
        ts += 15_000;
        Heartbeat b = new Heartbeat("cam", ts, 0, true, latency, null, null, "h264", 640, 360, 10, "system");
        return ProbeSteps.assess(health, events, new Observation(cam, b, frame())).events();
    }

    List<HealthEvent> fail() {
        ts += 15_000;
        Heartbeat b = new Heartbeat("cam", ts, 0, false, 10_000, Reason.TIMEOUT, "no answer", null, 0, 0, 0, "system");
        return ProbeSteps.assess(health, events, new Observation(cam, b, null)).events();
    }

    @Test
    void slowFramesDegradeAndRecover() {
        health = health();
        ok(100);
        assertEquals(StreamState.UP, ok(100).get(0).to());
        ok(2_500);
        ok(2_500);
        List<HealthEvent> e = ok(2_500);
        assertEquals(StreamState.DEGRADED, e.get(0).to());
        assertEquals("SLOW", e.get(0).reason());
        assertTrue(e.get(0).names().contains("slow"));
        ok(100);
        assertEquals(StreamState.UP, ok(100).get(0).to());
    }

    @Test
    void flappingCameraStaysUpAndDownKeepsTheLastGoodFrame() {
        health = health();
        List<HealthEvent> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.addAll(ok(100));
            all.addAll(fail());
        }
        assertEquals(1, all.size(), "only UNKNOWN → UP: " + all);
        all.addAll(ok(100));
        fail();
        fail();
        HealthEvent down = fail().get(0);
        assertEquals(StreamState.DOWN, down.to());
        assertEquals("TIMEOUT", down.reason());
        assertNotNull(health.evidence().resolve(down.evidenceGood()), "last good frame kept");
        assertNull(down.evidenceBad(), "a failed probe has no frame");
        assertEquals(StreamState.DOWN, health.status("cam").state());
    }

    @Test
    void aStreamNoLongerMonitoredTurnsUnknownAndStopsCounting() {
        health = health();
        ok(100);
        ok(100);
        assertEquals(StreamState.UP, health.status("cam").state());
        AppConfig without = new AppConfig(15, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(),
                List.of(new StreamConfig("cam", cam.url(), false, 15, 10, null)));
        health.configChanged(without);
        HealthEvent last = events.of("cam").get(events.of("cam").size() - 1);
        assertEquals(StreamState.UNKNOWN, last.to());
        assertEquals("NOT_MONITORED", last.reason());
        long off = ts;
        ts += 3_600_000;
        Uptime u = health.uptime("cam", off, ts);
        assertEquals(3_600_000, u.excludedMs(), "an hour not watched is not an hour up");
        health.configChanged(without);
        assertEquals(1, events.of("cam").stream().filter(e -> "NOT_MONITORED".equals(e.reason())).count(), "once");
    }

    /** assess only decides: the evidence frames and the event rows are the probe route's next two steps. */
    @Test
    void assessDecidesTheRouteStepsKeepTheFrameThenRecordTheEvent() {
        health = health();
        ok(100);
        ok(100);
        fail();
        fail();
        ts += 15_000;
        Heartbeat b = new Heartbeat("cam", ts, 0, false, 10_000, Reason.TIMEOUT, "no answer", null, 0, 0, 0, "system");
        int rows = events.all.size();
        Assessment decided = health.assess(new Observation(cam, b, null));
        assertEquals(StreamState.DOWN, decided.events().get(0).to());
        assertEquals(rows, events.all.size(), "assess wrote no event");
        assertNull(decided.events().get(0).evidenceGood(), "nor a frame");
        assertNotNull(decided.decided().get(0).good(), "the last good frame travels with the event");

        Assessment kept = health.evidence().keepFrames(decided);
        String good = kept.events().get(0).evidenceGood();
        assertNotNull(health.evidence().resolve(good), "the evidence step wrote the frame");
        assertEquals(rows, events.all.size());

        Assessment recorded = new EventLog(events).record(kept);
        assertEquals(rows + 1, events.all.size(), "the event log step wrote the row");
        assertEquals(events.all.get(rows).id(), recorded.events().get(0).id());
        assertEquals(good, events.all.get(rows).evidenceGood(), "the row names the frame written before it");
    }
}
