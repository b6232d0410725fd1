package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import dev.streampulse.testing.SharedCameras;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The editor's one-click add against the ONVIF simulator: two profiles of one camera become two
 * streams with their identity and {@code expect:}, the password reaches config.yaml but no answer;
 * wrong credentials, a missing CSRF token and a viewer change nothing.
 */
class AddCamerasWebTest extends OnvifWebFixture {
    static final String ADMIN_PW = "Admin-Pass-1";
    static final String VIEWER_PW = "Viewer-Pass-1";

    @Test
    void addsChosenProfilesOnceWithTheirIdentityAndNeverEchoesThePassword() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        SimDevice door = new SimDevice("door", List.of(
                new SimDevice.Profile("main", "MainStream", "H264", 1280, 720, 25, sim.rtspUrl("cam1")),
                new SimDevice.Profile("sub", "SubStream", "H264", 640, 360, 10, sim.rtspUrl("cam2"))), false);
        onvif = OnvifSimulator.builder(List.of(door)).bind("127.0.0.1").discoveryPort(0)
                .credentials(sim.username(), sim.password()).start();
        String device = onvif.deviceUrl("door");
        Files.createDirectories(dir);
        Users setup = new Users(dir.resolve("users.json"));
        assertNull(setup.resetPassword("admin", ADMIN_PW, false));
        assertNull(setup.addUser("vera", Role.VIEWER, VIEWER_PW, false));
        int port = WebTestSupport.freePort();
        // a stream that already has the name the first profile would get
        app = WebTestSupport.start(Mode.RUN, dir, """
                heartbeat_seconds: 60
                streams:
                  - name: Door MainStream
                    url: rtsp://127.0.0.1:9/none
                    enabled: false
                """, port);
        Path config = dir.resolve("config.yaml");
        WebTestSupport.Client admin = login(port, "admin", ADMIN_PW);
        String picks = new JsonArray()
                .add(new JsonObject().put("device", device).put("profile", "main").put("name", "Door"))
                .add(new JsonObject().put("device", device).put("profile", "sub").put("name", "Door")).encode();

        // wrong password: said so, nothing written
        String before = Files.readString(config);
        HttpResponse<String> wrong = admin.postCsrf("/config/add-cameras", Map.of("picks", picks, "user", sim.username(), "password", "nope"));
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals("AUTH", new JsonObject(wrong.body()).getString("errorKind"), wrong.body());
        assertTrue(new JsonObject(wrong.body()).getString("error").contains("refused the credentials"), wrong.body());
        assertEquals(before, Files.readString(config));
        // without the CSRF token, or as a viewer: refused before any camera is asked
        assertEquals(403, admin.post("/config/add-cameras", Map.of("picks", picks, "user", sim.username(), "password", sim.password())).statusCode());
        WebTestSupport.Client viewer = login(port, "vera", VIEWER_PW);
        assertEquals(403, viewer.postCsrf("/config/add-cameras", Map.of("picks", picks, "user", sim.username(), "password", sim.password())).statusCode());
        assertEquals(before, Files.readString(config));

        HttpResponse<String> r = admin.postCsrf("/config/add-cameras", Map.of("picks", picks, "user", sim.username(), "password", sim.password()));
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains(sim.password()), "the password is not sent back: " + r.body());
        JsonArray added = new JsonObject(r.body()).getJsonArray("added");
        assertEquals(List.of("Door MainStream 2", "Door SubStream"), added.stream().map(o -> ((JsonObject) o).getString("name")).toList());
        StreamConfig main = app.config().current().stream("Door MainStream 2").orElseThrow();
        StreamConfig sub = app.config().current().stream("Door SubStream").orElseThrow();
        assertEquals(sim.rtspUrl("cam1", sim.username(), sim.password()), main.url());
        assertEquals(Map.of("onvif_device", device, "onvif_serial", door.serial(), "onvif_profile", "main"), main.labels());
        assertEquals("sub", sub.labels().get("onvif_profile"));
        assertEquals(640, sub.health().expect().width());
        assertEquals(360, sub.health().expect().height());
        assertEquals("h264", sub.health().expect().codec());
        String text = Files.readString(config);
        assertTrue(text.contains(sim.password()), "the login is in config.yaml");
        assertTrue(Files.exists(dir.resolve("config.yaml.bak")));

        // the same profiles again: not added twice; the search marks the camera and its profiles
        HttpResponse<String> again = admin.postCsrf("/config/add-cameras", Map.of("picks", picks, "user", sim.username(), "password", sim.password()));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(0, new JsonObject(again.body()).getJsonArray("added").size());
        assertEquals(2, new JsonObject(again.body()).getJsonArray("skipped").size());
        assertEquals(text, Files.readString(config));
        HttpResponse<String> found = admin.postCsrf("/config/find-cameras", Map.of("addresses", "127.0.0.1:" + onvif.discoveryPort(),
                "user", sim.username(), "password", sim.password()));
        JsonObject cam = new JsonObject(found.body()).getJsonArray("cameras").getJsonObject(0);
        assertTrue(cam.getBoolean("inConfig"), found.body());
        assertEquals("Door MainStream 2", cam.getJsonArray("profiles").getJsonObject(0).getString("stream"));
        // the audit log names the added streams
        assertTrue(admin.get("/audit").body().contains("Door SubStream"));
    }

    static WebTestSupport.Client login(int port, String user, String password) throws Exception {
        WebTestSupport.Client c = new WebTestSupport.Client(port);
        assertEquals(302, c.login(user, password).statusCode());
        c.readCsrf("/");
        return c;
    }
}
