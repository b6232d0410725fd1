package dev.streampulse.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private AppConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, dir.resolve("config.yaml"));
    }

    private String problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        return e.getMessage();
    }

    @Test
    void readsTheSeedFormat() throws Exception {
        AppConfig c = parse("""
                heartbeat_seconds: 15
                timezone: Asia/Kolkata
                streams:
                  - name: GateCamera
                    url: rtsp://user:pass@192.168.1.1:554/stream1
                  - name: LabCam1
                    url: http://192.168.1.1:9081
                """);
        assertEquals(15, c.heartbeatSeconds());
        assertEquals(ZoneId.of("Asia/Kolkata"), c.timezone());
        assertEquals(2, c.streams().size());
        StreamConfig gate = c.streams().get(0);
        assertEquals("GateCamera", gate.name());
        assertTrue(gate.enabled());
        assertEquals(15, gate.heartbeatSeconds());
        assertEquals(10, gate.timeoutSeconds());
        assertEquals(dir.toAbsolutePath(), c.dataDir());
        assertEquals(ProbeSettings.DEFAULT, c.probe());
    }

    @Test
    void readsOptionalFields() throws Exception {
        AppConfig c = parse("""
                probe: {concurrency: 8, per_host_limit: 1}
                ntp_servers: [127.0.0.1:1234]
                data_dir: store
                streams:
                  - {name: a, url: "rtsps://h/x", enabled: false, heartbeat_seconds: 5, timeout_seconds: 3, labels: {site: north}}
                """);
        StreamConfig a = c.streams().get(0);
        assertFalse(a.enabled());
        assertEquals(5, a.heartbeatSeconds());
        assertEquals(3, a.timeoutSeconds());
        assertEquals("north", a.labels().get("site"));
        assertTrue(c.enabledStreams().isEmpty());
        assertEquals(new ProbeSettings(8, 1), c.probe());
        assertEquals(dir.resolve("store").toAbsolutePath(), c.dataDir());
        assertEquals("127.0.0.1:1234", c.ntpServers().get(0));
    }

    @Test
    void namesTheStreamAndFieldOfEveryProblem() {
        String msg = problems("""
                timezone: Mars/Olympus
                streams:
                  - name: Gate
                    url: file:///etc/passwd
                  - name: Gate
                    url: rtsp://h/x
                  - name: Lab
                    url: rtsp://h/y
                    timeout_seconds: abc
                  - url: rtsp://h/z
                """);
        assertTrue(msg.contains("timezone: 'Mars/Olympus' is not a known time zone"), msg);
        assertTrue(msg.contains("streams[0] (Gate): url scheme 'file' is not allowed"), msg);
        assertTrue(msg.contains("streams[1] (Gate): name 'Gate' is used by another stream"), msg);
        assertTrue(msg.contains("streams[2] (Lab): timeout_seconds must be a whole number, got 'abc'"), msg);
        assertTrue(msg.contains("streams[3]: name is required"), msg);
    }

    @Test
    void everyProblemCarriesThePathOfWhatItIsAbout() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                health: {frozen_after: 1}
                hosts: {192.168.1.5: {max_sessions: 0}}
                streams:
                  - {name: Gate, url: "rtsp://h/x"}
                  - {name: Gate, url: "file:///etc/passwd", extra: 1, expect: {width: 0}}
                """));
        Map<String, ConfigProblem> byPath = new LinkedHashMap<>();
        e.problems().forEach(p -> byPath.put(p.path(), p));
        assertEquals("health.frozen_after must be at least 2 (beats showing the same picture)", byPath.get("health.frozen_after").text());
        assertEquals("hosts.192.168.1.5.max_sessions must be at least 1", byPath.get("hosts.192.168.1.5.max_sessions").text());
        ConfigProblem name = byPath.get("streams[1].name");
        assertEquals("streams[1] (Gate)", name.where());
        assertEquals("name 'Gate' is used by another stream (names must be unique)", name.message());
        assertTrue(byPath.get("streams[1].url").text().startsWith("streams[1] (Gate): url scheme 'file' is not allowed"), byPath.toString());
        assertTrue(byPath.get("streams[1].extra").text().startsWith("streams[1] (Gate): unknown key 'extra'"), byPath.toString());
        assertEquals("streams[1] (Gate): expect.width must be at least 1", byPath.get("streams[1].expect.width").text());
        // what the stream editor asks: which of its fields a problem is about
        assertEquals("url", byPath.get("streams[1].url").keyUnder("streams[1]"));
        assertEquals("expect", byPath.get("streams[1].expect.width").keyUnder("streams[1]"));
        assertNull(byPath.get("streams[1].url").keyUnder("streams[0]"));
        assertNull(new ConfigProblem("streams[10].url", "", "x").keyUnder("streams[1]"));
        assertEquals(String.join("; ", e.messages()), e.getMessage());
    }

    @Test
    void refusesEveryLocalOrPseudoProtocol() {
        for (String url : new String[] {"file:/etc/passwd", "concat:a|b", "subfile:,,start,0,end,0,:/etc/passwd",
                "data:text/plain,hi", "pipe:0", "lavfi:testsrc", "-", "/etc/passwd", "rtsp://"}) {
            assertNotNull(ConfigLoader.urlProblem(url), url);
        }
        assertNull(ConfigLoader.urlProblem("rtsp://u:p@10.0.0.1:554/s"));
        assertNull(ConfigLoader.urlProblem("https://cam.local/mjpeg"));
    }

    @Test
    void readsDatabaseAndNodeAndRefusesWhatCannotWork() throws Exception {
        AppConfig c = parse("""
                database: {url: "jdbc:postgresql://db:5432/streampulse"}
                node: {id: north-1, site: north, heartbeat_seconds: 2, timeout_seconds: 10}
                """);
        assertTrue(c.database().shared());
        assertEquals(new NodeSettings("north-1", "north", 0, 1, 2, 10, true), c.node());
        assertEquals(NodeSettings.SINGLE, parse("heartbeat_seconds: 15").node(), "no node section: a single box");
        assertEquals(DatabaseSettings.EMBEDDED, parse("heartbeat_seconds: 15").database());

        String msg = problems("""
                database: {url: "jdbc:postgresql://db/sp?user=sp&password=hunter2", user: sp}
                node: {id: "no spaces", site: north, shard: 3/3, heartbeat_seconds: 10, timeout_seconds: 15}
                """);
        assertTrue(msg.contains("database: unknown key 'user'"), msg);
        assertTrue(msg.contains("put the password in STREAMPULSE_DB_PASSWORD"), msg);
        assertFalse(msg.contains("hunter2"), "the password is not echoed: " + msg);
        assertTrue(msg.contains("node.id: 'no spaces'"), msg);
        assertTrue(msg.contains("node.shard: '3/3' must be i/n"), msg);
        assertTrue(msg.contains("either site or shard"), msg);
        assertTrue(msg.contains("node.timeout_seconds must be at least twice node.heartbeat_seconds"), msg);
        assertTrue(problems("database: {url: 'jdbc:mysql://db/x'}").contains("neither jdbc:sqlite:<file> nor jdbc:postgresql://"));
    }

    @Test
    void refusesNonPositiveIntervalsAndUnknownKeys() {
        String msg = problems("""
                heartbeat_seconds: 0
                colour: blue
                streams:
                  - {name: a, url: "rtsp://h/x", heartbeat_seconds: -5, tiemout_seconds: 3}
                """);
        assertTrue(msg.contains("heartbeat_seconds must be at least 1"), msg);
        assertTrue(msg.contains("unknown key 'colour'"), msg);
        assertTrue(msg.contains("streams[0] (a): heartbeat_seconds must not be negative"), msg);
        assertTrue(msg.contains("streams[0] (a): unknown key 'tiemout_seconds'"), msg);
    }

    @Test
    void refusesBrokenYamlAndAliasBombs() {
        assertTrue(problems("streams: [ {name: a").contains("not valid YAML"));
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        assertTrue(problems(bomb.toString()).contains("not valid YAML"));
        assertTrue(problems("!!javax.script.ScriptEngineManager [x]").contains("not valid YAML"));
        assertTrue(problems("a: 1\na: 2\n").contains("not valid YAML"));
    }

    @Test
    void refusesAHugeFileBeforeReadingIt() throws Exception {
        Path big = dir.resolve("config.yaml");
        Files.writeString(big, "# " + "x".repeat(ConfigLoader.MAX_BYTES + 10));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(big));
        assertTrue(e.getMessage().contains("is refused"), e.getMessage());
    }

    @Test
    void errorsNeverEchoAPassword() {
        String msg = problems("streams:\n  - {name: a, url: 'ftp://admin:hunter2@h/x'}\n");
        assertFalse(msg.contains("hunter2"), msg);
    }

    @Test
    void redactsPasswordsInUrlsAndText() {
        assertEquals("rtsp://admin:***@10.0.0.5:554/s", UrlRedactor.redact("rtsp://admin:s3cr@t:x@10.0.0.5:554/s"));
        assertEquals("x http://u:***@h/p y", UrlRedactor.redact("x http://u:pw@h/p y"));
        assertEquals("rtsp://h/x", UrlRedactor.redact("rtsp://h/x"));
        StreamConfig s = new StreamConfig("a", "rtsp://u:topsecret@h/x", true, 1, 1, null);
        assertFalse(s.toString().contains("topsecret"));
    }

    @Test
    void declaresNvrHostsWithTheirOwnSessionCapAndTheProbeCeiling() throws Exception {
        AppConfig c = parse("""
                probe: {max_concurrency: 64, per_host_limit: 1}
                hosts:
                  192.168.1.5: {max_sessions: 16}
                  NVR.local:8554: {max_sessions: 4}
                streams: []
                """);
        assertEquals(64, c.probe().concurrency());
        assertEquals(Map.of("192.168.1.5", 16, "nvr.local:8554", 4), c.probe().hosts());
        assertEquals(ProbeSettings.DEFAULT_MAX_CONCURRENCY, parse("streams: []").probe().concurrency());
        // the old name still sets the ceiling
        assertEquals(8, parse("probe: {concurrency: 8}\nstreams: []").probe().concurrency());
        // the web editor writes the hosts back
        String written = ConfigWriter.write(c, dir.resolve("config.yaml"));
        assertEquals(c.probe(), parse(written).probe());
    }

    @Test
    void refusesBadHostDeclarationsWithClearMessages() {
        String msg = problems("""
                probe: {concurrency: 8, max_concurrency: 9}
                hosts:
                  192.168.1.5: {max_sessions: 0}
                  192.168.1.6: {sessions: 4}
                  "rtsp://u:p@192.168.1.7/x": {max_sessions: 2}
                  192.168.1.8: 16
                streams: []
                """);
        assertTrue(msg.contains("probe: set max_concurrency or its old name concurrency, not both"), msg);
        assertTrue(msg.contains("hosts.192.168.1.5.max_sessions must be at least 1"), msg);
        assertTrue(msg.contains("hosts.192.168.1.6: unknown key 'sessions'") || msg.contains("hosts.192.168.1.6: unknown"), msg);
        assertTrue(msg.contains("hosts.192.168.1.6.max_sessions is required"), msg);
        assertTrue(msg.contains("not a host name, IP address or host:port"), msg);
        assertFalse(msg.contains("u:p@"), "a pasted URL's credentials are not echoed: " + msg);
        assertTrue(msg.contains("hosts.192.168.1.8: must be a mapping {max_sessions: N}"), msg);
        assertTrue(problems("hosts: [a, b]\nstreams: []").contains("hosts: must be a mapping"));
        assertTrue(problems("probe: {max_concurrency: 1}\nstreams: []").contains("must be at least 2"));
    }
}
