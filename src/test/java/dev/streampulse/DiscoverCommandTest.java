package dev.streampulse;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.sim.SimOnvif;
import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import dev.streampulse.testing.SharedCameras;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code discover --address 127.0.0.1 --json} against the simulator's ONVIF cameras, then a real
 * probe of every stream URI it lists. Directed unicast on loopback only; the simulator's discovery
 * port is a free one, given as {@code --address 127.0.0.1:PORT}.
 */
class DiscoverCommandTest {
    static CameraSimulator cameras;
    static OnvifSimulator onvif;

    @BeforeAll
    static void start() throws Exception {
        cameras = SharedCameras.get();
        onvif = SimOnvif.start(cameras, 3, Map.of("black", 1), 0, 0);
    }

    @AfterAll
    static void stop() {
        onvif.close();
    }

    record Run(int status, String out, String err) {
    }

    static Run discover(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DiscoverCommand.run(args, new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String address() {
        return "127.0.0.1:" + onvif.discoveryPort();
    }

    @Test
    void listsEachCameraWithItsIdentityAndProfilesWhoseStreamsProbeOk() throws Exception {
        Run r = discover("secret\n", "--address", address(), "--user", "admin", "--password-stdin", "--json", "--wait", "1.5");
        assertEquals(0, r.status(), r.err() + r.out());
        JsonNode cams = new ObjectMapper().readTree(r.out()).get("cameras");
        assertEquals(4, cams.size(), r.out());
        Set<String> serials = new HashSet<>();
        for (SimDevice d : onvif.devices()) {
            serials.add(d.serial());
        }
        FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);
        Set<String> seen = new HashSet<>();
        for (JsonNode c : cams) {
            assertEquals("StreamPulse", c.get("manufacturer").asText());
            assertTrue(c.get("model").asText().startsWith("SimCam "), c.toString());
            assertTrue(serials.contains(c.get("serial").asText()), c.toString());
            seen.add(c.get("serial").asText());
            assertTrue(c.get("mac").asText().matches("02:53:50:[0-9A-F:]{8}"), c.toString());
            assertTrue(Math.abs(c.get("clockOffsetMs").asLong()) < 3000, c.toString());
            JsonNode profiles = c.get("profiles");
            assertEquals(1, profiles.size());
            JsonNode p = profiles.get(0);
            assertEquals("H264", p.get("codec").asText());
            String uri = p.get("streamUri").asText();
            FrameProbe.Result result = probe.run(uri, 5, false);
            assertTrue(result.ok(), () -> uri + ": " + result.reason() + " " + result.detail());
            assertEquals(p.get("width").asInt(), result.frame().width());
            assertEquals(p.get("height").asInt(), result.frame().height());
        }
        assertEquals(serials, seen, "every simulated camera once");
    }

    @Test
    void wrongPasswordReadsAsWrongCredentialsForEachCamera() throws Exception {
        Run r = discover("not-the-password\n", "--address", address(), "--user", "admin", "--password-stdin", "--json", "--wait", "1.5");
        assertEquals(3, r.status(), r.err());
        JsonNode cams = new ObjectMapper().readTree(r.out()).get("cameras");
        assertEquals(4, cams.size());
        for (JsonNode c : cams) {
            assertEquals("AUTH", c.get("errorKind").asText(), c.toString());
            assertTrue(c.get("error").asText().contains("refused the credentials"), c.toString());
            assertTrue(c.get("serial") == null, "no facts without a login");
        }
        assertFalse(r.out().contains("not-the-password") || r.err().contains("not-the-password"));
    }

    @Test
    void yamlOutputIsAValidStreamsListWithIdentityAndExpectation() throws Exception {
        Run r = discover("secret\n", "--address", address(), "--user", "admin", "--password-stdin", "--yaml", "--wait", "1.5");
        assertEquals(0, r.status(), r.err());
        var config = dev.streampulse.config.ConfigLoader.parse(r.out(), java.nio.file.Path.of("/tmp/x/config.yaml"));
        assertEquals(4, config.streams().size(), r.out());
        var cam1 = config.streams().stream().filter(s -> s.name().equals("StreamPulse cam1 MainStream")).findFirst().orElseThrow();
        assertEquals(cameras.rtspUrl("cam1", "admin", "secret"), cam1.url());
        assertEquals(onvif.deviceUrl("cam1"), cam1.labels().get("onvif_device"));
        assertEquals(onvif.devices().get(0).serial(), cam1.labels().get("onvif_serial"));
        assertEquals("main", cam1.labels().get("onvif_profile"));
        assertEquals(new dev.streampulse.config.HealthSettings.ExpectedProfile("h264", 640, 360, null), cam1.health().expect());
    }

    @Test
    void duplicateNamesGetANumber() {
        java.util.Set<String> names = new HashSet<>();
        String e = "  - name: \"Gate main\"\n    url: \"rtsp://x/1\"\n";
        assertEquals(e, DiscoverCommand.unique(e, names));
        assertTrue(DiscoverCommand.unique(e, names).startsWith("  - name: \"Gate main 2\"\n"));
    }

    @Test
    void textOutputAndNothingFound() {
        Run r = discover("secret\n", "--address", address(), "--user", "admin", "--password-stdin", "--wait", "1.5");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("profile main (MainStream): H264 640x360"), r.out());
        Run none = discover("", "--address", "127.0.0.2:" + onvif.discoveryPort(), "--wait", "0.3");
        assertEquals(1, none.status());
        assertTrue(none.err().contains("no ONVIF camera answered"), none.err());
        assertEquals(2, discover("", "--bogus").status());
        assertEquals(2, discover("", "--password-stdin").status());
    }
}
