package dev.streampulse.incident;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.IncidentSettings;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentDetectorTest {
    final IncidentDetector d = new IncidentDetector();

    @BeforeEach
    void groups() {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        for (String n : List.of("n1", "n2", "n3")) labels.put(n, Map.of("site", "north"));
        labels.put("s1", Map.of("site", "south"));
        labels.put("lone", Map.of());
        d.configure(new IncidentSettings(true, "site", 60, 2), labels);
    }

    static HealthEvent down(String s, long ts, String reason) {
        return new HealthEvent(0, s, ts, HealthEvent.STATE, StreamState.UP, StreamState.DOWN, reason, null, null, null);
    }

    static HealthEvent up(String s, long ts) {
        return new HealthEvent(0, s, ts, HealthEvent.STATE, StreamState.DOWN, StreamState.UP, null, null, null, null);
    }

    static List<IncidentChange> changes(List<Object> out) {
        List<IncidentChange> c = new ArrayList<>();
        for (Object o : out) if (o instanceof IncidentChange ic) c.add(ic);
        return c;
    }

    @Test
    void threeOfASiteDownTogetherAreOneIncidentAndTheirOwnAlertsAreFolded() {
        assertEquals(List.of(), d.observe(down("n1", 1_000, "UNREACHABLE")), "held for the window");
        List<Object> second = d.observe(down("n2", 5_000, "UNREACHABLE"));
        assertEquals(1, second.size());
        IncidentChange opened = (IncidentChange) second.get(0);
        assertEquals(IncidentChange.Kind.OPENED, opened.kind());
        assertFalse(opened.alerts(), "2 of 3: stored, announced once the group is down or the window has passed");
        List<Object> third = d.observe(down("n3", 13_000, "UNREACHABLE"));
        IncidentChange grown = changes(third).get(0);
        assertEquals(IncidentChange.Kind.UPDATED, grown.kind());
        assertTrue(grown.alerts(), "the whole group down: the one alert, naming every camera");
        assertEquals("incident_opened", grown.model().get("event"));
        assertEquals("north: 3 of 3 cameras DOWN within 12 s, reasons: UNREACHABLE", grown.incident().summary());
        assertEquals("network or power of site north (all 3 unreachable at once)", grown.incident().cause());
        assertEquals(List.of(), d.expire(1_000_000), "folded changes never come out on their own");

        // the south camera is another group: its own news, untouched
        HealthEvent south = up("s1", 14_000);
        assertEquals(List.of(south), d.observe(south));

        IncidentChange back = changes(d.observe(up("n1", 20_000))).get(0);
        assertEquals(IncidentChange.Kind.UPDATED, back.kind());
        assertFalse(back.alerts());
        assertEquals(IncidentChange.Kind.UPDATED, changes(d.observe(up("n2", 21_000))).get(0).kind());
        List<Object> last = d.observe(up("n3", 22_000));
        assertEquals(1, last.size(), "back UP is the incident's news, not the camera's");
        IncidentChange closed = (IncidentChange) last.get(0);
        assertEquals(IncidentChange.Kind.CLOSED, closed.kind());
        assertEquals(22_000L, closed.incident().closedTs());
        assertTrue(closed.alerts());
        assertTrue(d.openIncidents().isEmpty());
    }

    @Test
    void partOfAGroupDownIsAnnouncedWhenTheWindowHasPassed() {
        d.observe(down("n1", 1_000, "UNREACHABLE"));
        d.observe(down("n2", 2_000, "UNREACHABLE"));
        assertEquals(List.of(), d.expire(60_999));
        List<Object> out = d.expire(61_000);
        assertEquals(1, out.size());
        IncidentChange announced = (IncidentChange) out.get(0);
        assertTrue(announced.alerts());
        assertEquals("north: 2 of 3 cameras DOWN within 1 s, reasons: UNREACHABLE", announced.incident().summary());
        assertEquals(List.of(), d.expire(200_000), "announced once");
        d.observe(up("n1", 70_000));
        IncidentChange closed = changes(d.observe(up("n2", 71_000))).get(0);
        assertTrue(closed.alerts());
        assertEquals("incident_closed", closed.model().get("event"));
    }

    @Test
    void aLoneFailureGoesOnAsItsOwnNewsOnceTheWindowPasses() {
        HealthEvent e = down("n1", 1_000, "REFUSED");
        assertEquals(List.of(), d.observe(e));
        assertEquals(List.of(), d.expire(60_999));
        assertEquals(List.of(e), d.expire(61_000));
        // a second one after the window is not an incident with the first
        assertEquals(List.of(), d.observe(down("n2", 70_000, "REFUSED")));
        assertTrue(d.openIncidents().isEmpty());
    }

    @Test
    void downAndBackWithinTheWindowPassBothInOrder() {
        HealthEvent e = down("n1", 1_000, "TIMEOUT");
        d.observe(e);
        HealthEvent back = up("n1", 3_000);
        assertEquals(List.of(e, back), d.observe(back));
    }

    @Test
    void ungroupedStreamsAndOtherEventsPassStraightThrough() {
        HealthEvent lone = down("lone", 1_000, "REFUSED");
        assertEquals(List.of(lone), d.observe(lone));
        HealthEvent south = down("s1", 1_000, "REFUSED");
        assertEquals(List.of(south), d.observe(south), "a site of one camera can never make an incident: not held");
        HealthEvent profile = new HealthEvent(0, "n1", 1_000, HealthEvent.PROFILE, StreamState.UP, StreamState.UP,
                "PROFILE_CHANGED", null, null, null);
        assertEquals(List.of(profile), d.observe(profile));
    }

    @Test
    void causeFollowsTheReasons() {
        d.observe(down("n1", 1_000, "REFUSED"));
        IncidentChange c = changes(d.observe(down("n2", 2_000, "REFUSED"))).get(0);
        assertTrue(c.incident().cause().startsWith("all 2 cameras of site north report REFUSED"), c.incident().cause());
        IncidentChange mixed = changes(d.observe(down("n3", 3_000, "AUTH"))).get(0);
        assertTrue(mixed.incident().cause().startsWith("mixed reasons at site north"), mixed.incident().cause());
        Incident one = new Incident(0, "site", "north", 0, 0, null, 3, List.of("n2"), List.of("n2"), List.of("NO_FRAME"));
        assertEquals("camera n2 itself (NO_FRAME)", one.cause());
    }

    @Test
    void aDegradedRecoveryUpdatesTheIncidentAndStillAlertsAsItsStreamsNews() {
        d.observe(down("n1", 1_000, "UNREACHABLE"));
        d.observe(down("n2", 2_000, "UNREACHABLE"));
        HealthEvent frozen = new HealthEvent(0, "n1", 5_000, HealthEvent.STATE, StreamState.DOWN, StreamState.DEGRADED,
                "FROZEN", null, null, null);
        List<Object> out = d.observe(frozen);
        assertEquals(2, out.size());
        assertEquals(List.of("n2"), ((IncidentChange) out.get(0)).incident().down());
        assertSame(frozen, out.get(1));
    }

    @Test
    void anIncidentOpenAtRestartIsClosedByItsMembersRecovering() {
        IncidentDetector after = new IncidentDetector();
        after.configure(IncidentSettings.DEFAULT, Map.of("n1", Map.of("site", "north"), "n2", Map.of("site", "north")));
        after.resume(List.of(new Incident(7, "site", "north", 1_000, 2_000, null, 2, List.of("n1", "n2"), List.of("n2"),
                List.of("TIMEOUT", "TIMEOUT"))));
        IncidentChange closed = changes(after.observe(up("n2", 9_000))).get(0);
        assertEquals(IncidentChange.Kind.CLOSED, closed.kind());
        assertEquals(7, closed.incident().id());
    }
}
