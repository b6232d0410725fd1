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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out: two nodes' StreamHealth on one shared event log. A camera that changes hands keeps its
 * state (no UNKNOWN, no alert); one left unwatched for long is recorded as unwatched; a node that
 * starts does not touch the states of the cameras others probe.
 */
class HandoverTest {
    static final long NODE_TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;

    final StreamConfig cam = new StreamConfig("cam", "rtsp://127.0.0.1/cam", true, 15, 10, null,
            new HealthSettings(3, 2, 3, false, 2_000, null));
    final InMemoryEvents log = new InMemoryEvents();
    final Map<String, Long> stored = new HashMap<>();
    long ts = 1_790_000_000_000L;
    int frameNo;

    StreamHealth node(String name) {
        AppConfig cfg = new AppConfig(15, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(), List.of(cam));
        StreamHealth h = new StreamHealth(log, new Evidence(dir.resolve(name), 50), () -> cfg, () -> ts);
        h.shareWithOtherNodes(stored::get, NODE_TIMEOUT_MS);
        return h;
    }

    List<HealthEvent> beat(StreamHealth node, boolean ok) {
        ts += 15_000;
        Heartbeat b = ok ? new Heartbeat("cam", ts, 0, true, 80, null, null, "h264", 640, 360, 10, "system")
                : new Heartbeat("cam", ts, 0, false, 10_000, Reason.TIMEOUT, "no answer", null, 0, 0, 0, "system");
        List<HealthEvent> events = ProbeSteps.assess(node, log, new Observation(cam, b, ok ? frame() : null)).events();
        stored.put("cam", ts);
        return events;
    }

    GrabbedFrame frame() {
        byte[] g = new byte[64 * 36];
        int shift = frameNo++ * 7;
        for (int i = 0; i < g.length; i++) g[i] = (byte) (((i % 64) * 4 + shift * (i / 64 % 3 + 1)) % 256);
        return new GrabbedFrame("h264", 640, 360, 10, 64, 36, g, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) frameNo});
    }

    @Test
    void aCameraChangingHandsKeepsItsStateAndRaisesNothing() {
        StreamHealth a = node("a");
        for (int i = 0; i < 3; i++) beat(a, true);
        for (int i = 0; i < 3; i++) beat(a, false);
        assertEquals(StreamState.DOWN, a.status("cam").state());
        int logged = log.events("cam", 0, Long.MAX_VALUE, 100).size();

        // a dies; b takes the camera over one node timeout later, still failing: no news
        ts += NODE_TIMEOUT_MS;
        StreamHealth b = node("b");
        assertTrue(beat(b, false).isEmpty(), "taken over DOWN and still DOWN");
        assertEquals(StreamState.DOWN, b.status("cam").state());
        assertEquals(logged, log.events("cam", 0, Long.MAX_VALUE, 100).size(), "nothing written for the hand-over");
        // the camera recovers on b: one DOWN → UP, as on a single node
        beat(b, true);
        List<HealthEvent> up = beat(b, true);
        assertEquals(1, up.size());
        assertEquals(StreamState.DOWN, up.get(0).from());
        assertEquals(StreamState.UP, up.get(0).to());

        // a returns and takes it back: it adopts UP from the log, not its own stale DOWN
        assertTrue(beat(a, true).isEmpty(), "back on a: still UP, no event");
        assertEquals(StreamState.UP, a.status("cam").state());
        // b, which no longer probes it, tells what the log says
        assertEquals(StreamState.UP, b.status("cam").state());
    }

    @Test
    void aCameraNobodyProbedForLongIsRecordedUnwatched() {
        StreamHealth a = node("a");
        for (int i = 0; i < 3; i++) beat(a, true);
        long lastBeat = ts;
        ts += 3_600_000; // every node of the site was down for an hour
        StreamHealth b = node("b");
        List<HealthEvent> back = beat(b, true);
        assertTrue(back.isEmpty(), "back to the state it had is no news for alerts");
        List<HealthEvent> all = log.events("cam", 0, Long.MAX_VALUE, 100);
        HealthEvent gap = all.stream().filter(e -> e.to() == StreamState.UNKNOWN).findFirst().orElseThrow();
        assertEquals(lastBeat, gap.ts(), "unwatched from the last beat on");
        assertEquals("NOT_WATCHED", gap.reason());
    }

    @Test
    void aStartingNodeLeavesOtherNodesCamerasAlone() {
        StreamHealth a = node("a");
        for (int i = 0; i < 3; i++) beat(a, true);
        int logged = log.events("cam", 0, Long.MAX_VALUE, 100).size();
        StreamHealth c = node("c"); // a new node on the same log; it does not probe "cam"
        assertEquals(StreamState.UP, c.status("cam").state(), "it reads the state a writes");
        assertEquals(logged, log.events("cam", 0, Long.MAX_VALUE, 100).size(), "no RESTART → UNKNOWN for a's camera");
    }
}
