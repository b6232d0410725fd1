package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.sim.SimOnvif;
import dev.streampulse.testing.SharedCameras;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's "Find cameras" endpoint: admin only, CSRF, directed probe on loopback, no password in the answer. */
class FindCamerasWebTest extends OnvifWebFixture {

    @Test
    void findsTheSimulatedCamerasWithTheirProfiles() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        onvif = SimOnvif.start(sim, 2, Map.of(), 0, 0);
        int port = WebTestSupport.freePort();
        app = WebTestSupport.start(Mode.RUN, dir, "streams: []\n", port);
        WebTestSupport.Client client = new WebTestSupport.Client(port);
        client.loginAdmin();
        String addresses = "127.0.0.1:" + onvif.discoveryPort();

        HttpResponse<String> r = client.postCsrf("/config/find-cameras", Map.of("addresses", addresses, "user", "admin", "password", "secret"));
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains("secret"), "the password is not sent back");
        JsonArray cameras = new JsonObject(r.body()).getJsonArray("cameras");
        assertEquals(2, cameras.size(), r.body());
        JsonObject cam = cameras.getJsonObject(0);
        assertEquals("StreamPulse", cam.getString("manufacturer"));
        assertTrue(cam.getJsonArray("profiles").getJsonObject(0).getString("streamUri").startsWith("rtsp://127.0.0.1:" + sim.rtspPort() + "/cam"));

        JsonObject wrong = new JsonObject(client.postCsrf("/config/find-cameras",
                Map.of("addresses", addresses, "user", "admin", "password", "nope")).body());
        assertEquals("AUTH", wrong.getJsonArray("cameras").getJsonObject(0).getString("errorKind"));

        // without the CSRF token: refused before any probe
        assertEquals(403, client.post("/config/find-cameras", Map.of("addresses", addresses)).statusCode());
        assertEquals(400, client.postCsrf("/config/find-cameras", Map.of("addresses", "10.0.0.0/8")).statusCode());
    }
}
