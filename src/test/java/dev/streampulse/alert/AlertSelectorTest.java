package dev.streampulse.alert;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.AlertRule;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertSelectorTest {
    static final Path FILE = Path.of("/tmp/streampulse-test/config.yaml");

    static AppConfig config(String alerts) throws ConfigException {
        return ConfigLoader.parse("""
                streams:
                  - {name: gate, url: "rtsp://127.0.0.1/gate"}
                  - {name: yard, url: "rtsp://127.0.0.1/yard"}
                alerts:
                """ + alerts, FILE);
    }

    static HealthEvent ev(String stream, StreamState from, StreamState to, String reason) {
        return new HealthEvent(7, stream, 1_790_000_000_000L, HealthEvent.STATE, from, to, reason, from + " → " + to, null, null);
    }

    @Test
    void matchesByStreamAndEventNameOrReason() throws Exception {
        AppConfig c = config("""
                  - {name: all, uri: "log:all"}
                  - {name: frozen-gate, uri: "log:fg", streams: [gate], events: [frozen]}
                  - {name: down, uri: "log:down", events: [down, profile_changed]}
                """);
        long[] now = {0};
        AlertSelector s = new AlertSelector(() -> c, () -> now[0], 100);
        List<String> names = s.select(ev("gate", StreamState.UP, StreamState.DEGRADED, "FROZEN")).stream()
                .map(AlertSelector.Delivery::alert).toList();
        assertEquals(List.of("all", "frozen-gate"), names);
        names = s.select(ev("yard", StreamState.UP, StreamState.DEGRADED, "FROZEN")).stream().map(AlertSelector.Delivery::alert).toList();
        assertEquals(List.of("all"), names);
        names = s.select(ev("yard", StreamState.DEGRADED, StreamState.DOWN, "TIMEOUT")).stream().map(AlertSelector.Delivery::alert).toList();
        assertEquals(List.of("all", "down"), names);
        AlertSelector.Delivery d = s.select(ev("gate", StreamState.DEGRADED, StreamState.UP, null)).get(0);
        assertEquals(true, d.model().get("online"));
        assertEquals("up", d.model().get("event"));
        assertEquals("2026-09-21T14:13:20Z", d.model().get("time"));
    }

    @Test
    void sameNewsTwiceIsDroppedAndMinIntervalHolds() throws Exception {
        AppConfig c = config("""
                  - {name: hook, uri: "log:hook", min_interval_seconds: 60}
                """);
        long[] now = {1_000_000};
        AlertSelector s = new AlertSelector(() -> c, () -> now[0], 100);
        assertEquals(1, s.select(ev("gate", StreamState.UP, StreamState.DOWN, "TIMEOUT")).size());
        now[0] += 10_000;
        assertEquals(0, s.select(ev("gate", StreamState.DOWN, StreamState.UP, null)).size(), "10 s after the last one: too soon");
        assertEquals(List.of(), s.released(), "held until 60 s have passed");
        now[0] += 60_000;
        List<AlertSelector.Delivery> late = s.released();
        assertEquals(1, late.size(), "the held UP goes out: the receiver's last word is the current state");
        assertEquals("up", late.get(0).model().get("event"));
        assertEquals(List.of(), s.released(), "once");
        now[0] += 5_000;
        assertEquals(0, s.select(ev("gate", StreamState.UP, StreamState.DOWN, "TIMEOUT")).size(), "too soon after the released one");
        assertEquals(0, s.select(ev("gate", StreamState.DOWN, StreamState.UP, null)).size(), "back to UP: replaces the held DOWN");
        now[0] += 60_000;
        assertEquals(List.of(), s.released(), "held UP equals the last sent UP: nothing to say");
        assertEquals(1, s.select(ev("yard", StreamState.UP, StreamState.DOWN, "TIMEOUT")).size(), "other stream, own interval");
        now[0] += 120_000;
        assertEquals(0, s.select(ev("gate", StreamState.UNKNOWN, StreamState.UP, null)).size(), "same news again: deduplicated");
        assertEquals(2, s.dropped(), "two UPs that repeated the last one sent");
    }

    @Test
    void aStormIsCappedPerAlert() throws Exception {
        AppConfig c = config("""
                  - {name: hook, uri: "log:hook"}
                """);
        AlertSelector s = new AlertSelector(() -> c, () -> 5_000_000L, 30);
        int sent = 0;
        for (int i = 0; i < 200; i++) sent += s.select(ev("cam" + i, StreamState.UP, StreamState.DOWN, "UNREACHABLE")).size();
        assertEquals(30, sent);
    }

    @Test
    void secretsInAlertUrisAreRedactedAndBadAlertsRefused() throws Exception {
        AppConfig c = config("""
                  - name: hook
                    uri: "netty-http:https://bob:hunter2@hooks.example/x?apiToken=abc123&channel=cams"
                """);
        AlertRule r = c.alerts().get(0);
        assertEquals("netty-http:https://bob:***@hooks.example/x?apiToken=***&channel=cams", r.safeUri());
        assertFalse(r.toString().contains("hunter2") || r.toString().contains("abc123"), r.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> config("""
                  - {name: a, uri: "no scheme here", format: html, typo: 1}
                  - {name: a, uri: "log:x"}
                  - {uri: "smtp://mail:pw@host"}
                """));
        String m = e.getMessage();
        assertTrue(m.contains("alerts[0] (a): unknown key 'typo'"), m);
        assertTrue(m.contains("alerts[0] (a): format 'html'"), m);
        assertTrue(m.contains("is not a Camel endpoint URI"), m);
        assertTrue(m.contains("alerts[1] (a): name 'a' is used by another alert"), m);
        assertTrue(m.contains("alerts[2]: name is required"), m);
        assertFalse(m.contains(":pw@"), m);
    }
}
