package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.ConfigWriter;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.StreamState;
import dev.streampulse.health.StreamStatus;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The web logic that needs no server: YAML round trip, password restore, sessions, throttle, outages, status. */
class WebLogicTest {
    static final Path FILE = Path.of("/srv/streampulse/config.yaml");

    @Test
    void yamlWriterKeepsEveryField() throws Exception {
        String text = """
                heartbeat_seconds: 20
                timezone: Asia/Kolkata
                ntp_servers: [pool.ntp.org, time.example]
                data_dir: /var/lib/streampulse
                probe: {concurrency: 8, per_host_limit: 1}
                demo: {rtsp_port: 9554, mjpeg_port: 9081}
                web: {host: 127.0.0.1, port: 8123}
                streams:
                  - name: "Gate: east # 1"
                    url: "rtsp://user:p:ss'w!rd$@10.0.0.5:554/s1"
                    enabled: false
                    heartbeat_seconds: 5
                    timeout_seconds: 3
                    labels: {site: gate, floor: "0"}
                  - name: Plain
                    url: http://10.0.0.6/cam
                """;
        AppConfig before = ConfigLoader.parse(text, FILE);
        AppConfig after = ConfigLoader.parse(ConfigWriter.write(before, FILE), FILE);
        assertEquals(before, after);
        assertEquals(8123, after.web().orElseThrow().port());
        assertEquals("rtsp://user:p:ss'w!rd$@10.0.0.5:554/s1", after.streams().get(0).url());
        // a stream without its own interval keeps following the global one
        String yaml = ConfigWriter.write(before, FILE);
        assertEquals(2, yaml.split("heartbeat_seconds:", -1).length - 1, "global + Gate's own, none copied into Plain:\n" + yaml);
    }

    @Test
    void formSaveKeepsWhatTheFormsDoNotEdit() throws Exception {
        String text = """
                heartbeat_seconds: 15
                retention_days: 45
                health: {fail_threshold: 4}
                alerts:
                  - {name: hook, uri: 'log:alerts', events: [DOWN]}
                streams:
                  - {name: Gate, url: 'rtsp://h/a', static_scene: true, frozen_after: 9}
                  - {name: Yard, url: 'rtsp://h/b', latency_warn_ms: 900}
                """;
        AppConfig before = ConfigLoader.parse(text, FILE);
        // the editor renames Yard to Garden in place and changes the global interval
        List<StreamConfig> streams = List.of(before.streams().get(0),
                new StreamConfig("Garden", "rtsp://h/b", true, 20, 10, Map.of()));
        AppConfig edited = new AppConfig(20, before.timezone(), before.ntpServers(), before.dataDir(), before.probe(),
                before.demo(), streams, before.web(), before.retentionDays(), before.rollupRetentionDays(),
                before.evidenceFiles(), before.maintenance(), before.alerts());
        String saved = ConfigWriter.write(edited, FILE, text);
        AppConfig after = ConfigLoader.parse(saved, FILE);
        assertEquals(20, after.heartbeatSeconds());
        assertEquals(45, after.retentionDays());
        assertEquals(1, after.alerts().size());
        assertEquals(before.streams().get(0).health(), after.streams().get(0).health(), "Gate keeps its analysis settings");
        assertEquals("Garden", after.streams().get(1).name());
        assertTrue(saved.contains("latency_warn_ms: 900"), "a stream renamed in place keeps its own keys:\n" + saved);
        assertTrue(saved.contains("fail_threshold: 4"), saved);
    }

    @Test
    void webBlockIsValidated() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("web: {host: 'a b', port: 70000, extra: 1}\n", FILE));
        String all = String.join("\n", e.messages());
        assertTrue(all.contains("web.host") && all.contains("web.port") && all.contains("unknown key 'extra'"), all);
    }

    @Test
    void maskedPasswordIsRestoredOnlyForTheSameSchemeUserHostAndPort() {
        StreamConfig stored = new StreamConfig("Gate", "rtsp://admin:S3cr@t@10.0.0.5:554/s1", true, 15, 10, Map.of());
        assertEquals("rtsp://admin:S3cr@t@10.0.0.5/s2", ConfigEditor.restorePassword("rtsp://admin:***@10.0.0.5/s2", stored));
        assertEquals("rtsp://admin:***@10.0.0.9:554/s2", ConfigEditor.restorePassword("rtsp://admin:***@10.0.0.9:554/s2", stored),
                "another host never gets the stored password");
        assertEquals("rtsp://other:***@10.0.0.5/s1", ConfigEditor.restorePassword("rtsp://other:***@10.0.0.5/s1", stored));
        assertEquals("rtsp://admin:new@10.0.0.5/s1", ConfigEditor.restorePassword("rtsp://admin:new@10.0.0.5/s1", stored));
        assertEquals("rtsp://admin:***@10.0.0.5/s1", ConfigEditor.restorePassword("rtsp://admin:***@10.0.0.5/s1", null));
    }

    @Test
    void sessionsExpireWhenIdleAndGetFreshIds() {
        AtomicLong now = new AtomicLong(1_000_000);
        Sessions sessions = new Sessions(60_000, now::get);
        Session a = sessions.create("admin", false);
        Session b = sessions.create("admin", false);
        assertTrue(!a.id.equals(b.id) && a.id.length() >= 43);
        now.addAndGet(59_000);
        assertNotNull(sessions.get(a.id), "used within the idle time");
        now.addAndGet(59_000);
        assertNotNull(sessions.get(a.id), "each use restarts the idle time");
        assertNull(sessions.get(b.id), "b idled 118 s");
        now.addAndGet(61_000);
        assertNull(sessions.get(a.id));
    }

    @Test
    void throttleLocksAfterFiveFailuresWithGrowingDelay() {
        AtomicLong now = new AtomicLong(0);
        LoginThrottle t = new LoginThrottle(now::get);
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            t.failed("10.0.0.1", "admin");
            waits.add(t.waitMs("10.0.0.1", "admin"));
            now.addAndGet(t.waitMs("10.0.0.1", "admin"));
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 1000L, 2000L, 4000L, 8000L), waits);
        t.failed("10.0.0.1", "admin");
        assertTrue(t.waitMs("10.0.0.1", "Admin") > 0, "look-alike names share the account's counter");
        assertTrue(t.waitMs("10.0.0.1", "ＡＤＭＩＮ") > 0);
        assertTrue(t.waitMs("10.0.0.1", " ad\u200bmin ") > 0);
        // per (account, client): the owner at another address is not refused, nor this client for another account
        assertEquals(0, t.waitMs("10.0.0.2", "admin"));
        assertEquals(0, t.waitMs("10.0.0.1", "someone"));
        t.succeeded("10.0.0.1", "admin");
        assertEquals(0, t.waitMs("10.0.0.1", "admin"));
    }

    @Test
    void anAccountUnderAttackSlowsEveryClientDownButLocksNoneOut() {
        AtomicLong now = new AtomicLong(0);
        LoginThrottle t = new LoginThrottle(now::get);
        // many addresses, a few guesses each (under the per-pair limit): the account is under attack
        for (int ip = 1; ip <= LoginThrottle.ACCOUNT_BUSY; ip++) t.failed("10.0.1." + ip, "admin");
        // from now on a new address gets one guess before its pair locks
        t.failed("10.0.2.1", "admin");
        assertTrue(t.waitMs("10.0.2.1", "admin") > 0);
        // but the account is not refused from a client that has not failed
        assertEquals(0, t.waitMs("10.0.2.2", "admin"));
        // one client spraying many names is stopped by its own counter
        for (int i = 0; i < LoginThrottle.CLIENT_FREE; i++) t.failed("10.0.3.1", "user" + i);
        assertTrue(t.waitMs("10.0.3.1", "never-tried") > 0);
    }

    @Test
    void throttleMemoryIsBoundedWithoutClearingEveryLock() {
        AtomicLong now = new AtomicLong(0);
        LoginThrottle t = new LoginThrottle(now::get);
        for (int i = 0; i < LoginThrottle.FREE; i++) t.failed("10.9.9.9", "admin");
        long locked = t.waitMs("10.9.9.9", "admin");
        assertTrue(locked > 0);
        // a flood of other keys (each failure adds a pair and a client key, the account key is shared)
        for (int i = 0; i < LoginThrottle.MAX_KEYS / 2 - 10; i++) t.failed("10.1." + (i >> 8) + "." + (i & 255), "x");
        assertTrue(t.size() <= LoginThrottle.MAX_KEYS);
        assertEquals(locked, t.waitMs("10.9.9.9", "admin"), "the admin's lock survived the flood");
        for (int i = 0; i < 100; i++) t.failed("10.2." + (i >> 8) + "." + (i & 255), "y");
        assertTrue(t.size() <= LoginThrottle.MAX_KEYS, "full: the least recently failed keys go, one at a time");
        assertTrue(t.size() > LoginThrottle.MAX_KEYS - 10, "not all at once: " + t.size());
    }

    @Test
    void sessionsHaveAnAbsoluteLifetimeAndRotate() {
        AtomicLong now = new AtomicLong(1_000_000);
        Sessions sessions = new Sessions(60_000, 300_000, now::get);
        Session a = sessions.create("admin", false);
        Session other = sessions.create("admin", false);
        Session someoneElse = sessions.create("vera", false);
        for (int i = 0; i < 4; i++) {
            now.addAndGet(50_000);
            assertNotNull(sessions.get(a.id), "busy and within the lifetime");
            sessions.get(someoneElse.id);
        }
        Session fresh = sessions.rotate(a);
        assertTrue(!fresh.id.equals(a.id) && !fresh.csrf.equals(a.csrf));
        assertNull(sessions.get(a.id), "the old id ends");
        assertNull(sessions.get(other.id), "other sessions of the user end");
        assertNotNull(sessions.get(someoneElse.id), "other users keep theirs");
        now.addAndGet(50_000);
        assertNotNull(sessions.get(fresh.id));
        Session b = sessions.create("vera", false);
        for (int i = 0; i < 6; i++) {
            now.addAndGet(50_000);
            assertNotNull(sessions.get(b.id), "within 300 s of login");
        }
        now.addAndGet(1);
        assertNull(sessions.get(b.id), "300 s after login, however busy");
    }

    @Test
    void usersKeyFoldsLookAlikeNames() {
        assertEquals(Users.key("admin"), Users.key("ADMIN"));
        assertEquals(Users.key("admin"), Users.key(" admin\t"));
        assertEquals(Users.key("admin"), Users.key("ａｄｍｉｎ"));
        assertEquals(Users.key("admin"), Users.key("ad\u200bmin"));
        assertEquals(Users.key("café"), Users.key("cafe\u0301"));
        assertNotEquals(Users.key("admin"), Users.key("admln"));
    }

    @Test
    void usersFromBeforeRolesAreAdminsAndTheirTokensViewers() throws Exception {
        Path d = Files.createTempDirectory("legacy");
        String hash = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "Old-Pass-123".toCharArray());
        Files.writeString(d.resolve("users.json"), """
                {"users": [{"name": "admin", "bcrypt": "%s", "must_change": false}],
                 "tokens": [{"id": "abcd1234", "user": "admin", "label": "prometheus", "sha256": "%s", "created_ms": 1}]}
                """.formatted(hash, Users.sha256("sp_legacy")));
        Users users = new Users(d.resolve("users.json"));
        assertEquals(Role.ADMIN, users.role("admin"));
        assertNotNull(users.check("admin", "Old-Pass-123"));
        assertEquals(new Users.Identity("admin", Role.VIEWER), users.tokenUser("sp_legacy"), "all the API could do before");
        assertNull(users.tokenUser("sp_other"));
    }

    @Test
    void configDiffMasksPasswordsAndNamesTheStream() throws Exception {
        Path d = Files.createTempDirectory("diff");
        var before = ConfigLoader.parse("""
                streams:
                  - {name: A, url: 'rtsp://u:OldSecret1@10.0.0.1/s'}
                  - {name: B, url: 'rtsp://10.0.0.2/s'}
                """, d.resolve("config.yaml"));
        var after = ConfigLoader.parse("""
                heartbeat_seconds: 30
                streams:
                  - {name: A, url: 'rtsp://u:NewSecret2@10.0.0.1/s', enabled: false}
                  - {name: C, url: 'rtsp://v:Third3@10.0.0.3/s'}
                """, d.resolve("config.yaml"));
        String all = ConfigDiff.between(before, after).toString();
        assertFalse(all.contains("Secret") || all.contains("Third3"), all);
        assertTrue(all.contains("target=A, detail=changed: url: password changed; enabled: true → false"), all);
        assertTrue(all.contains("target=C, detail=added: url rtsp://v:***@10.0.0.3/s"), all);
        assertTrue(all.contains("target=B, detail=removed"), all);
        assertTrue(all.contains("target=settings, detail=changed: heartbeat_seconds: 15 → 30"), all);
    }

    @Test
    void outagesAreRunsOfFailures() {
        List<Heartbeat> oldestFirst = List.of(beat(0, true, null), beat(1, false, Reason.TIMEOUT), beat(2, false, Reason.REFUSED),
                beat(3, false, Reason.REFUSED), beat(4, true, null), beat(5, false, Reason.AUTH));
        List<Heartbeat> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        List<Outages.Outage> o = Outages.find(newestFirst);
        assertEquals(2, o.size());
        assertEquals(new Outages.Outage(5000, -1, 1, Reason.AUTH, "AUTH"), o.get(0));
        assertEquals(new Outages.Outage(1000, 4000, 3, Reason.REFUSED, "TIMEOUT"), o.get(1));
        assertEquals(Map.of(Reason.TIMEOUT, 1, Reason.REFUSED, 2, Reason.AUTH, 1), Outages.reasons(newestFirst));
    }

    @Test
    void statusIsStaleAfterThreeMissedIntervalsOrWhenItsNodeWentQuiet() {
        StreamConfig s = new StreamConfig("x", "rtsp://h/x", true, 10, 10, Map.of());
        assertEquals("UNKNOWN", DashboardView.status(s, null, 100_000, Set.of()));
        assertEquals("UP", DashboardView.status(s, beat(70, true, null), 100_000, Set.of()));
        assertEquals("DOWN", DashboardView.status(s, beat(70, false, Reason.DNS), 100_000, Set.of()));
        assertEquals("STALE", DashboardView.status(s, beat(69, true, null), 100_000, Set.of()));
        StreamConfig off = new StreamConfig("x", "rtsp://h/x", false, 10, 10, Map.of());
        assertEquals("UNKNOWN", DashboardView.status(off, beat(99, true, null), 100_000, Set.of()));
        // a fresh UP beat from a node that has since gone quiet is not a current UP
        assertEquals("STALE", DashboardView.status(s, beat(95, true, null).withNode("n1"), 100_000, Set.of("n1")));
        assertEquals("UP", DashboardView.status(s, beat(95, true, null).withNode("n2"), 100_000, Set.of("n1")));
    }

    @Test
    void shownStateIsTheDebouncedOneWhileSomebodyWatches() {
        StreamConfig s = new StreamConfig("x", "rtsp://h/x", true, 10, 10, Map.of());
        StreamStatus degraded = new StreamStatus("x", StreamState.DEGRADED, "BLACK", 50_000);
        assertEquals(new HealthView.Shown("DEGRADED", "BLACK"), HealthView.shown(s, beat(90, true, null), 100_000, Set.of(), degraded));
        // no verdict yet: the newest beat decides
        StreamStatus none = new StreamStatus("x", StreamState.UNKNOWN, null, 0);
        assertEquals(new HealthView.Shown("DOWN", null), HealthView.shown(s, beat(90, false, Reason.DNS), 100_000, Set.of(), none));
        // the log says DEGRADED, but no beat for 3 intervals (monitor stopped): not shown as current
        assertEquals(new HealthView.Shown("STALE", "no beat for over 30 s"), HealthView.shown(s, beat(60, true, null), 100_000, Set.of(), degraded));
        assertEquals(new HealthView.Shown("STALE", "node n1 went quiet"),
                HealthView.shown(s, beat(95, true, null).withNode("n1"), 100_000, Set.of("n1"), degraded));
        assertEquals(new HealthView.Shown("UP", null),
                HealthView.shown(s, beat(90, true, null), 100_000, Set.of(), new StreamStatus("x", StreamState.UP, "RESTART", 1)));
    }

    @Test
    void uptimePercentNeverRoundsUpToAHundred() {
        assertEquals("99.99%", HealthView.percent(99.9999));
        assertEquals("100.00%", HealthView.percent(100));
        assertEquals("—", HealthView.percent(Double.NaN));
        assertEquals(null, HealthView.number(Double.NaN));
        assertEquals(97.916, HealthView.number(97.91666));
        assertEquals(99.999, HealthView.number(99.99999));
        assertEquals("58.00%", HealthView.percent(100.0 * 0.58));
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", StreamPage.csvCell("=HYPERLINK(\"x\")"));
        assertEquals("\"a,b\"", StreamPage.csvCell("a,b"));
    }

    static Heartbeat beat(long second, boolean ok, Reason reason) {
        return new Heartbeat("x", second * 1000, 0, ok, 50, reason, reason == null ? null : reason.name(),
                ok ? "h264" : null, 0, 0, 0, "system");
    }
}
