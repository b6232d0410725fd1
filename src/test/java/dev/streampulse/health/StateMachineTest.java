package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineTest {
    static final Verdict OK = Verdict.UP;
    static final Verdict FAIL = Verdict.down("TIMEOUT");
    static final Verdict FROZEN = Verdict.degraded(Condition.FROZEN);
    static final Verdict BLACK = Verdict.degraded(Condition.BLACK);

    static List<Transition> feed(StateMachine m, Verdict... vs) {
        List<Transition> out = new ArrayList<>();
        long ts = 1000;
        for (Verdict v : vs) {
            Transition t = m.observe(v, ts += 1000);
            if (t != null) out.add(t);
        }
        return out;
    }

    static StateMachine up() {
        return new StateMachine(3, 2, StreamState.UP, null, 0);
    }

    @Test
    void aCameraAlternatingOkAndFailNeverLeavesUp() {
        StateMachine m = up();
        List<Transition> t = new ArrayList<>();
        for (int i = 0; i < 100; i++) t.addAll(feed(m, FAIL, OK));
        // two failures in a row, still below three
        t.addAll(feed(m, FAIL, FAIL, OK, FAIL, FAIL, OK, FAIL));
        assertEquals(List.of(), t);
        assertEquals(StreamState.UP, m.state());
    }

    @Test
    void downAfterThreeFailuresUpAfterTwoGoodBeats() {
        StateMachine m = up();
        List<Transition> t = feed(m, FAIL, FAIL, FAIL, OK, FAIL, OK, OK);
        assertEquals(2, t.size());
        assertEquals(new Transition(StreamState.UP, StreamState.DOWN, "TIMEOUT", 4000), t.get(0));
        assertEquals(new Transition(StreamState.DOWN, StreamState.UP, null, 8000), t.get(1));
    }

    @Test
    void mixedBadBeatsSettleOnTheMildestAndWorsenLater() {
        StateMachine m = up();
        List<Transition> t = feed(m, FAIL, FROZEN, FAIL);
        assertEquals(List.of(new Transition(StreamState.UP, StreamState.DEGRADED, "FROZEN", 4000)), t);
        t = feed(m, FAIL, FAIL, FAIL);
        assertEquals(StreamState.DOWN, t.get(0).to());
        // frames again, but frozen: better than DOWN after the recover threshold
        t = feed(m, FROZEN, FROZEN);
        assertEquals(StreamState.DEGRADED, t.get(0).to());
        assertEquals("FROZEN", t.get(0).reason());
    }

    @Test
    void aNewDegradedReasonIsAnEventAfterTheThreshold() {
        StateMachine m = up();
        feed(m, FROZEN, FROZEN, FROZEN);
        assertEquals("FROZEN", m.reason());
        List<Transition> t = feed(m, BLACK, BLACK, FROZEN, BLACK, BLACK, BLACK);
        assertEquals(1, t.size());
        assertEquals(new Transition(StreamState.DEGRADED, StreamState.DEGRADED, "BLACK", 7000), t.get(0));
    }

    @Test
    void unknownTakesTheThresholdsToo() {
        StateMachine m = new StateMachine(3, 2, StreamState.UNKNOWN, null, 0);
        assertEquals(List.of(), feed(m, OK));
        assertEquals(StreamState.UP, feed(m, OK).get(0).to());
        StateMachine n = new StateMachine(3, 2, StreamState.UNKNOWN, null, 0);
        assertEquals(StreamState.DOWN, feed(n, FAIL, FAIL, FAIL).get(0).to());
    }

    @Test
    void pausedIgnoresBeatsAndResumesUnknown() {
        StateMachine m = up();
        assertEquals(StreamState.PAUSED, m.pause(5).to());
        assertNull(m.pause(6), "pausing twice is one event");
        assertEquals(List.of(), feed(m, FAIL, FAIL, FAIL, FAIL));
        Transition r = m.resume(7);
        assertEquals(new Transition(StreamState.PAUSED, StreamState.UNKNOWN, "MAINTENANCE_END", 7), r);
        assertEquals(StreamState.UP, feed(m, OK, OK).get(0).to());
    }
}
