package dev.streampulse.probe;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.StreamConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capacity rule: sessions follow each stream's recent probe times, fast lane first, never past the ceiling. */
class ProbeCapacityTest {
    private static StreamConfig stream(String name, int heartbeat, int timeout) {
        return new StreamConfig(name, "rtsp://127.0.0.1:9/" + name, true, heartbeat, timeout, null);
    }

    private static Observation beat(StreamConfig s, long latencyMs, Reason reason) {
        return new Observation(s, new Heartbeat(s.name(), 0, 0, reason == null, latencyMs, reason, null, null, 0, 0, 0, "system"), null);
    }

    /** {@code n} streams cam0.. at one heartbeat, scheduled on {@code s}. */
    private static List<StreamConfig> fleet(ProbeScheduler s, int n, int heartbeat) {
        List<StreamConfig> streams = new ArrayList<>();
        for (int i = 0; i < n; i++) streams.add(stream("cam" + i, heartbeat, 10));
        s.update(streams);
        return streams;
    }

    private static Observation lateBeat(StreamConfig s, long lateMs) {
        return new Observation(s, new Heartbeat(s.name(), 0, lateMs, true, 200, null, null, null, 0, 0, 0, "system"), null);
    }

    @Test
    void lanesGetTheirNeedWithAMarginFastLaneFirst() {
        ProbeCapacity.Plan p = ProbeCapacity.plan(70, 20, 256);
        // need + 3 sqrt(need): 70 + 25.1, 20 + 13.4
        assertEquals(96 + ProbeCapacity.HEADROOM, p.fast());
        assertEquals(34 + 1, p.slow());
        assertFalse(p.cannotKeepUp());
        assertEquals(90, p.needed(), 1e-9);

        // more than the ceiling: the fast lane takes what it can, the slow lane keeps its one thread
        ProbeCapacity.Plan over = ProbeCapacity.plan(300, 10, 256);
        assertEquals(255, over.fast());
        assertEquals(1, over.slow());
        assertTrue(over.cannotKeepUp());

        // a dead part of the fleet asking more than is left: healthy streams keep their whole share
        ProbeCapacity.Plan dead = ProbeCapacity.plan(10, 200, 64);
        assertEquals(20 + ProbeCapacity.HEADROOM, dead.fast());
        assertEquals(40, dead.slow());
        assertTrue(dead.cannotKeepUp(), "the slow lane needs 200 sessions and has 40");
        assertTrue(dead.fast() + dead.slow() <= 64);

        // an idle fleet still has a few threads ready
        ProbeCapacity.Plan idle = ProbeCapacity.plan(0, 0, 256);
        assertEquals(ProbeCapacity.HEADROOM, idle.fast());
        assertEquals(1, idle.slow());
        assertFalse(idle.cannotKeepUp());
    }

    @Test
    void demandIsEachStreamsExpectedProbeTimeOverItsIntervalATimeoutCountingInFull() throws Exception {
        ProbeScheduler s = new ProbeScheduler();
        StreamConfig healthy = stream("healthy", 15, 10);
        StreamConfig dead = stream("dead", 15, 10);
        StreamConfig fresh = stream("fresh", 10, 10);
        StreamConfig slowCam = stream("slow", 15, 10);
        s.update(List.of(healthy, dead, fresh, slowCam));
        // before any probe a stream is assumed to take PRIOR_MS (1 s)
        assertEquals(1000.0 / 15 * 3 + 1000.0 / 10, s.demand().total() * 1000, 1);

        s.done(new ProbeTask(healthy, 0), beat(healthy, 300, null));
        s.done(new ProbeTask(dead, 0), beat(dead, 50, Reason.TIMEOUT)); // its latency says 50 ms; a timeout costs 10 s
        for (int i = 0; i < 4; i++) s.done(new ProbeTask(slowCam, 0), beat(slowCam, 4_500, null));
        ProbeScheduler.Demand d = s.demand();
        assertEquals(0.3 / 15 + 1.0 / 10, d.fast(), 1e-6, "healthy and the fresh one in the fast lane");
        assertEquals(10.0 / 15 + 4.5 / 15, d.slow(), 1e-6, "the timing-out and the 4.5 s camera in the slow lane");
        assertEquals("dead", d.loads().get(0).stream(), "the costliest stream comes first");
        assertTrue(d.loads().get(0).timedOut());

        // a stream never costs more than one session: it is never probed twice at once
        StreamConfig tight = stream("tight", 1, 10);
        s.update(List.of(tight));
        s.done(new ProbeTask(tight, 0), beat(tight, 10_000, Reason.TIMEOUT));
        assertEquals(1.0, s.demand().total(), 1e-9);

        // the history is recent: four good probes bring a camera that timed out back to the fast lane
        s.update(List.of(dead));
        for (int i = 0; i < 4; i++) s.done(new ProbeTask(dead, 0), beat(dead, 200, null));
        assertEquals(0.2 / 15, s.demand().fast(), 1e-6);
        assertEquals(0, s.demand().slow(), 1e-9);
    }

    @Test
    void adjustSizesTheLanePoolsAndSaysWhenItCannotKeepUp() {
        ProbeScheduler s = new ProbeScheduler();
        List<StreamConfig> streams = fleet(s, 30, 2);
        for (StreamConfig c : streams) s.done(new ProbeTask(c, 0), beat(c, 10_000, Reason.TIMEOUT));
        try (ProbeCapacity capacity = new ProbeCapacity(s, 8)) {
            ProbeCapacity.Plan p = capacity.adjust();
            assertEquals(30, p.slowNeed(), 1e-9, "30 streams timing out at a 2 s heartbeat keep 30 sessions busy");
            assertTrue(p.cannotKeepUp());
            assertEquals(p.fast(), capacity.fastLane().getMaximumPoolSize());
            assertEquals(p.slow(), capacity.slowLane().getMaximumPoolSize());
            assertTrue(p.fast() + p.slow() <= 8);
            String problem = capacity.problem();
            assertNotNull(problem);
            assertTrue(problem.contains("30.0 sessions needed, 8 available"), problem);

            capacity.setCeiling(64);
            assertNull(capacity.problem(), "with room for all of them it keeps up");
            assertEquals(47 + 1, capacity.slowLane().getMaximumPoolSize());
        }
    }

    /** Under CPU starvation every probe slows: that must not send healthy cameras to the lane that gives way first. */
    @Test
    void aBusyMachineDoesNotMakeHealthyCamerasSlowOnes() {
        ProbeScheduler s = new ProbeScheduler();
        List<StreamConfig> streams = new ArrayList<>(fleet(s, 9, 15));
        StreamConfig slowCam = stream("slow", 15, 10);
        streams.add(slowCam);
        s.update(streams);
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 9; i++) s.done(new ProbeTask(streams.get(i), 0), beat(streams.get(i), 800, null));
            s.done(new ProbeTask(slowCam, 0), beat(slowCam, 4_500, null));
        }
        ProbeScheduler.Demand quiet = s.demand();
        assertEquals(ProbeScheduler.SLOW_LANE_MS, s.slowLaneMs(), "typical probe 0.8 s: the 3 s rule holds");
        assertEquals(4.5 / 15, quiet.slow(), 1e-6, "the 4.5 s camera is a slow one");

        // the machine starves: every probe takes about three times as long
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 9; i++) s.done(new ProbeTask(streams.get(i), 0), beat(streams.get(i), 3_500, null));
            s.done(new ProbeTask(slowCam, 0), beat(slowCam, 13_000, null));
        }
        ProbeScheduler.Demand busy = s.demand();
        assertEquals(3 * 3_500, s.slowLaneMs(), "three times the typical probe");
        assertEquals(9 * 3.5 / 15, busy.fast(), 1e-6, "healthy cameras at 3.5 s stay in the fast lane");
        assertEquals(13.0 / 15, busy.slow(), 1e-6, "the camera still far slower than the rest is the slow one");
    }

    /**
     * The plan can fit while beats still go late (a starved machine): readiness must say so from what
     * happened, not only from what was predicted — the fast lane's late beats, never the slow lane's.
     */
    @Test
    void lateBeatsOfAnsweringStreamsTakeReadinessDownThoughThePlanFits() {
        ProbeScheduler s = new ProbeScheduler();
        List<StreamConfig> streams = fleet(s, 20, 15);
        try (ProbeCapacity capacity = new ProbeCapacity(s, 256)) {
            // the first ok beat makes a stream an answering one; the second is held to its schedule
            for (StreamConfig c : streams) s.done(new ProbeTask(c, 0), lateBeat(c, 5_000));
            for (StreamConfig c : streams) s.done(new ProbeTask(c, 0), lateBeat(c, 300));
            capacity.adjust();
            assertNull(capacity.problem(), "20 beats on time: " + capacity.problem());
            assertEquals(new Punctuality.Window(20, 0, 0, 0), s.punctuality().recent(System.currentTimeMillis()));

            // the slow lane gives way first by design: its late beats are counted, not an outage
            for (int i = 0; i < 5; i++) {
                s.done(new ProbeTask(streams.get(i), 0, true, null, 0, false, false, null), lateBeat(streams.get(i), 4_000));
            }
            assertNull(capacity.problem());
            assertEquals(5, s.punctuality().recent(System.currentTimeMillis()).slowLate());

            for (int i = 0; i < 3; i++) s.done(new ProbeTask(streams.get(i), 0), lateBeat(streams.get(i), 1_500));
            String problem = capacity.problem();
            assertNotNull(problem, "3 of 23 fast-lane beats late");
            assertTrue(problem.startsWith("Probing is late: 3 of 23 fast-lane beats"), problem);
            assertTrue(problem.contains("slow lane 5 of 5"), problem);
            assertFalse(capacity.plan().cannotKeepUp(), "the plan alone saw nothing");
        }
    }

    @Test
    void punctualityForgetsBeatsOlderThanItsWindow() {
        Punctuality p = new Punctuality();
        long t = 1_000_000_000L;
        for (int i = 0; i < 10; i++) p.record(t, 2_000, false);
        assertTrue(p.recent(t).tooLate());
        assertEquals(10, p.recent(t + 29_000).late());
        assertEquals(0, p.recent(t + 30_000).late(), "30 s later they are gone");
        // a few late beats among many are within the schedule's promise (0.5 %)
        for (int i = 0; i < 1_000; i++) p.record(t + 40_000, 0, false);
        for (int i = 0; i < 5; i++) p.record(t + 40_000, 1_000, false);
        assertFalse(p.recent(t + 40_000).tooLate());
        p.record(t + 40_000, Long.MAX_VALUE, false); // a skipped beat is a late one
        assertTrue(p.recent(t + 40_000).tooLate());
    }
}
