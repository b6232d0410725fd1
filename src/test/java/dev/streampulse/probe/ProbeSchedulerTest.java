package dev.streampulse.probe;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.StreamConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {
    private static StreamConfig stream(String name, int seconds) {
        return new StreamConfig(name, "rtsp://127.0.0.1/" + name, true, seconds, 1, null);
    }

    @Test
    void spreadsStreamsOverTheInterval() {
        ProbeScheduler s = new ProbeScheduler();
        List<StreamConfig> streams = new ArrayList<>();
        for (int i = 0; i < 2000; i++) streams.add(stream("cam" + i, 15));
        s.update(streams);
        // phases cover the interval: the 2,000 first due times fall into many distinct seconds
        Set<Long> seconds = new HashSet<>();
        for (StreamConfig c : streams) seconds.add(s.nextDue(c.name()) / 1000);
        assertTrue(seconds.size() >= 14, "due times bunch up: " + seconds.size() + " distinct seconds");
        // a stream's phase is stable: another scheduler (a restart) gives it the same slot
        ProbeScheduler restarted = new ProbeScheduler();
        restarted.update(streams);
        assertEquals(s.nextDue("cam7"), restarted.nextDue("cam7"));
    }

    @Test
    void skipsAStreamWhoseProbeStillRuns() throws Exception {
        ProbeScheduler s = new ProbeScheduler();
        s.update(List.of(stream("a", 1)));
        List<ProbeTask> first = awaitDue(s);
        assertEquals(1, first.size());
        // not done yet: the next slot is skipped and counted, not stacked
        long deadline = System.currentTimeMillis() + 3000;
        while (s.skipped() == 0 && System.currentTimeMillis() < deadline) {
            assertTrue(s.due().isEmpty());
            Thread.onSpinWait();
        }
        assertEquals(1, s.skipped());
        assertEquals(1, s.skipped("a"));
        s.done(first.get(0));
        assertEquals(1, awaitDue(s).size());
    }

    @Test
    void aTaskHandedToAnotherNodeWhileItQueuedIsDroppedUnprobed() throws Exception {
        ProbeScheduler s = new ProbeScheduler();
        java.util.concurrent.atomic.AtomicBoolean mine = new java.util.concurrent.atomic.AtomicBoolean(true);
        s.setOwnership(c -> mine.get());
        s.update(List.of(stream("a", 1)));
        List<ProbeTask> queued = awaitDue(s);
        assertEquals(1, queued.size());
        assertFalse(s.handedOver(queued.get(0)), "still this node's: probe it");
        // the lease went to another node before a probe thread picked the task up
        mine.set(false);
        assertTrue(s.handedOver(queued.get(0)), "another node's now: no second beat for this slot");
        // its slot was freed: when the stream comes back, its next slot runs instead of being skipped
        mine.set(true);
        assertEquals(1, awaitDue(s).size());
        assertEquals(0, s.skipped());
    }

    @Test
    void reloadKeepsSlotsOfUnchangedStreamsAndDropsRemovedOnes() throws Exception {
        ProbeScheduler s = new ProbeScheduler();
        s.update(List.of(stream("a", 1), stream("b", 1)));
        assertEquals(2, s.size());
        List<ProbeTask> running = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 3000;
        while (running.size() < 2 && System.currentTimeMillis() < deadline) running.addAll(s.due());
        s.update(List.of(stream("a", 1), stream("c", 1)));
        assertEquals(2, s.size());
        // "a" is still running across the reload; a late done() of removed "b" does no harm
        for (ProbeTask t : running) if (t.stream().name().equals("b")) s.done(t);
        Set<String> seen = new HashSet<>();
        deadline = System.currentTimeMillis() + 3000;
        while (!seen.contains("c") && System.currentTimeMillis() < deadline) {
            for (ProbeTask t : s.due()) {
                seen.add(t.stream().name());
                s.done(t);
            }
        }
        assertTrue(seen.contains("c"));
        assertFalse(seen.contains("b"));
        assertFalse(seen.contains("a"), "a was still running and must not be started twice");
    }

    private static List<ProbeTask> awaitDue(ProbeScheduler s) {
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline) {
            List<ProbeTask> due = s.due();
            if (!due.isEmpty()) return due;
            Thread.onSpinWait();
        }
        fail("nothing became due within 3 s");
        return null;
    }
}
