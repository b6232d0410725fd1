package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.onvif.CameraReport;
import dev.streampulse.onvif.OnvifLabels;
import dev.streampulse.onvif.Discovery;
import dev.streampulse.onvif.ProbeMatch;
import dev.streampulse.onvif.SoapClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;

/**
 * POST /config/find-cameras (admin, CSRF; form fields {@code addresses}, {@code user},
 * {@code password}): the editor's "Find cameras": WS-Discovery (multicast, or directed to the given
 * addresses / CIDR ranges) and each camera's report as JSON, profiles with their stream URIs. The
 * password is used for the calls only, never sent back or logged. One search at a time. A camera
 * whose serial a stream already has ({@code onvif_serial}) is marked {@code inConfig}, and each of its
 * profiles that a stream already watches carries that stream's name ({@code stream}).
 */
public final class FindCameras {
    static final Duration WAIT = Duration.ofSeconds(2);
    private final Semaphore one = new Semaphore(1);
    private final ConfigFile config;
    private final LongSupplier clock;

    public FindCameras(ConfigFile config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
    }

    public void find(Exchange ex) {
        String addresses = Http.formValue(ex, "addresses").strip();
        String user = Http.formValue(ex, "user").strip();
        String password = Http.formValue(ex, "password");
        if (addresses.length() > 2000 || user.length() > 200 || password.length() > 200) {
            Http.json(ex, 400, new JsonObject().put("error", "addresses, user or password too long"));
            return;
        }
        List<InetSocketAddress> targets = new ArrayList<>();
        try {
            for (String a : addresses.split("[\\s,]+")) {
                if (a.isEmpty()) continue;
                targets.addAll(Discovery.targets(a));
            }
        } catch (IOException | IllegalArgumentException e) {
            Http.json(ex, 400, new JsonObject().put("error", "addresses: " + e.getMessage()));
            return;
        }
        if (!one.tryAcquire()) {
            Http.json(ex, 429, new JsonObject().put("error", "Another search is running; try again."));
            return;
        }
        SoapClient.Credentials creds = user.isEmpty() ? null : new SoapClient.Credentials(user, password);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<ProbeMatch> found = targets.isEmpty() ? Discovery.multicast(WAIT) : Discovery.directed(targets, null, WAIT);
            List<Future<Map<String, Object>>> reports = new ArrayList<>();
            for (ProbeMatch m : found) {
                reports.add(pool.submit(() -> CameraReport.describe(m, creds, () -> Instant.ofEpochMilli(clock.getAsLong()))));
            }
            JsonArray cameras = new JsonArray();
            for (Future<Map<String, Object>> f : reports) {
                cameras.add(marked(JsonObject.mapFrom(f.get())));
            }
            Http.json(ex, 200, new JsonObject().put("cameras", cameras));
        } catch (Exception e) {
            Http.json(ex, 500, new JsonObject().put("error", "search failed: " + e.getMessage()));
        } finally {
            pool.shutdownNow();
            one.release();
        }
    }

    /** Marks a camera already in the config (same serial) and its profiles streams already watch. */
    private JsonObject marked(JsonObject cam) {
        String serial = cam.getString("serial");
        if (serial == null) return cam;
        Map<String, String> watched = new java.util.HashMap<>();
        for (StreamConfig s : config.current().streams()) {
            if (serial.equals(s.labels().get(OnvifLabels.SERIAL))) watched.putIfAbsent(String.valueOf(s.labels().get(OnvifLabels.PROFILE)), s.name());
        }
        cam.put("inConfig", !watched.isEmpty());
        JsonArray profiles = cam.getJsonArray("profiles");
        if (profiles != null) {
            for (Object o : profiles) {
                JsonObject p = (JsonObject) o;
                String stream = watched.get(String.valueOf(p.getString("token")));
                if (stream != null) p.put("stream", stream);
            }
        }
        return cam;
    }
}
