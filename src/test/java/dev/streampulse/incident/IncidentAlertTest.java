package dev.streampulse.incident;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.alert.AlertSelector;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which alerts an incident reaches, and that each alert gets its announcement and its close once. */
class IncidentAlertTest {
    @Test
    void anIncidentReachesTheAlertsOfItsMembersOncePerNews() throws Exception {
        AppConfig c = ConfigLoader.parse("""
                alerts:
                  - {name: ops, uri: "log:ops", events: [down, up]}
                  - {name: gate-only, uri: "log:g", streams: [gate]}
                  - {name: north-cams, uri: "log:n", streams: [n1], events: [unreachable]}
                  - {name: frozen, uri: "log:f", events: [frozen]}
                  - {name: ha, uri: "log:ha", format: mqtt, topic: "sp/{stream}/availability"}
                """, Path.of("/tmp/streampulse-test/config.yaml"));
        AlertSelector s = new AlertSelector(() -> c, () -> 0, 100);
        Incident i = new Incident(3, "site", "north", 1_000, 5_000, null, 2, List.of("n1", "n2"), List.of("n1", "n2"),
                List.of("UNREACHABLE", "UNREACHABLE"));
        IncidentChange announced = new IncidentChange(IncidentChange.Kind.UPDATED, i, 5_000, true);
        List<AlertSelector.Delivery> sent = s.selectNotice(announced);
        assertEquals(List.of("ops", "north-cams"), sent.stream().map(AlertSelector.Delivery::alert).toList());
        assertEquals("ops", sent.get(0).model().get("alert"));
        assertEquals("incident_opened", sent.get(0).model().get("event"));
        assertEquals(List.of(), s.selectNotice(announced), "the same news is not sent twice");
        Incident over = new Incident(3, "site", "north", 1_000, 5_000, 9_000L, 2, i.members(), List.of(), i.reasons());
        List<AlertSelector.Delivery> closed = s.selectNotice(new IncidentChange(IncidentChange.Kind.CLOSED, over, 9_000, true));
        assertEquals(List.of("ops"), closed.stream().map(AlertSelector.Delivery::alert).toList());
        assertEquals(true, closed.get(0).model().get("online"));
    }

    @Test
    void stateMirrorsGetEveryStreamsChangeAndNoIncident() throws Exception {
        AppConfig c = ConfigLoader.parse("""
                alerts:
                  - {name: ops, uri: "log:ops"}
                  - {name: ha, uri: "log:ha", format: mqtt, topic: "sp/{stream}/availability"}
                """, Path.of("/tmp/streampulse-test/config.yaml"));
        AlertSelector s = new AlertSelector(() -> c, () -> 0, 100);
        var down = IncidentDetectorTest.down("n1", 1_000, "UNREACHABLE");
        assertEquals(List.of("ha"), s.selectMirrors(down).stream().map(AlertSelector.Delivery::alert).toList());
        assertEquals(List.of("ops"), s.selectMessages(down).stream().map(AlertSelector.Delivery::alert).toList());
        Incident i = new Incident(3, "site", "north", 1_000, 5_000, null, 1, List.of("n1"), List.of("n1"), List.of("UNREACHABLE"));
        assertEquals(List.of("ops"), s.selectNotice(new IncidentChange(IncidentChange.Kind.OPENED, i, 1_000, true)).stream()
                .map(AlertSelector.Delivery::alert).toList(), "an MQTT state mirror shows each camera, not the site");
    }
}
