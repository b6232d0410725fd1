package dev.streampulse.onvif;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code discover --json} (and, later, the editor's "Find cameras") says about one discovered
 * camera: its discovery data, then its facts or why they could not be read. Never a password.
 */
public final class CameraReport {
    private CameraReport() {
    }

    /** One camera's facts, or its discovery data and why its facts could not be read. */
    public static Map<String, Object> describe(ProbeMatch m, SoapClient.Credentials credentials, Supplier<Instant> ourClock) {
        return describe(m, credentials, ourClock, new ArrayList<>());
    }

    /** As above; also adds a config.yaml {@code streams:} entry per profile to {@code entries}. */
    public static Map<String, Object> describe(ProbeMatch m, SoapClient.Credentials credentials, Supplier<Instant> ourClock,
                                        List<String> entries) {
        Map<String, Object> cam = new LinkedHashMap<>();
        cam.put("address", m.from());
        cam.put("endpoint", m.endpoint());
        cam.put("name", m.name());
        cam.put("hardware", m.hardware());
        cam.put("location", m.location());
        String xaddr = pickXaddr(m);
        cam.put("deviceUrl", xaddr);
        if (xaddr == null) {
            cam.put("error", "the camera gave no usable device service address");
            cam.put("errorKind", OnvifException.Kind.PROTOCOL.name());
            return cam;
        }
        try {
            CameraFacts f = new OnvifCamera(xaddr, credentials, Duration.ofSeconds(5), ourClock).facts();
            cam.put("manufacturer", f.manufacturer());
            cam.put("model", f.model());
            cam.put("firmware", f.firmware());
            cam.put("serial", f.serial());
            cam.put("hardwareId", f.hardwareId());
            cam.put("mac", f.mac());
            cam.put("cameraTime", f.cameraTime().toString());
            cam.put("clockOffsetMs", f.clockOffsetMs());
            List<Map<String, Object>> profiles = new ArrayList<>();
            for (MediaProfile p : f.profiles()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("token", p.token());
                pm.put("name", p.name());
                pm.put("codec", p.codec());
                pm.put("width", p.width());
                pm.put("height", p.height());
                pm.put("fps", p.fps());
                pm.put("streamUri", p.streamUri());
                profiles.add(pm);
            }
            cam.put("profiles", profiles);
            synchronized (entries) {
                for (MediaProfile p : f.profiles()) {
                    if (p.streamUri() != null) {
                        entries.add(StreamEntry.yaml(StreamEntry.name(m.name(), f, p), f, p, credentials));
                    }
                }
            }
        } catch (OnvifException e) {
            cam.put("error", e.getMessage());
            cam.put("errorKind", e.kind().name());
        }
        return cam;
    }

    /** The XAddr on the address that answered (cameras also list link-local ones), else the first http one. */
    static String pickXaddr(ProbeMatch m) {
        String first = null;
        for (String x : m.xaddrs()) {
            try {
                URI u = URI.create(x);
                if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
                    continue;
                }
                if (u.getHost() != null && u.getHost().equals(m.from())) {
                    return x;
                }
                if (first == null) {
                    first = x;
                }
            } catch (IllegalArgumentException e) {
                // not a URL: skip it
            }
        }
        return first;
    }

}
