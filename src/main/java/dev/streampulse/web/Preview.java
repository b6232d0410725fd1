package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.FrameProbe;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;

/**
 * Grabs a frame on demand. The JPEG goes out as the byte[] body with image/jpeg, untouched by any
 * converter. At most {@value #PARALLEL} grabs run at once so a clicking user cannot tie up cameras.
 */
public final class Preview {
    static final int PARALLEL = 3;
    private final ConfigFile config;
    private final FrameProbe probe;
    private final Semaphore slots = new Semaphore(PARALLEL);

    public Preview(ConfigFile config, FrameProbe probe) {
        this.config = config;
        this.probe = probe;
    }

    /** GET /stream/preview.jpg?name= and /api/preview?stream= */
    public void jpeg(Exchange ex) {
        String name = Http.query(ex, "name") != null ? Http.query(ex, "name") : Http.query(ex, "stream");
        StreamConfig s = name == null ? null : config.current().stream(name).orElse(null);
        if (s == null) {
            Http.respond(ex, 404, "text/plain; charset=utf-8", "No such stream");
            return;
        }
        if (!slots.tryAcquire()) {
            Http.respond(ex, 429, "text/plain; charset=utf-8", "Other previews are running; try again in a moment.");
            return;
        }
        try {
            FrameProbe.Result r = probe.grabNow(s);
            if (r.ok() && r.frame().jpeg() != null) {
                Http.respond(ex, 200, "image/jpeg", r.frame().jpeg());
                ex.getIn().setHeader("X-Grab-Latency-Ms", r.latencyMs());
            } else {
                Http.respond(ex, 502, "text/plain; charset=utf-8", (r.reason() == null ? "No frame" : r.reason().words())
                        + (r.detail() == null ? "" : " — " + r.detail()) + " (after " + r.latencyMs() + " ms)");
                ex.getIn().setHeader("X-Grab-Latency-Ms", r.latencyMs());
            }
        } finally {
            slots.release();
        }
    }

    /** POST /config/test-url: tries a URL from the editor before it is saved. */
    public void testUrl(Exchange ex) {
        String url = Http.formValue(ex, "url").strip();
        String original = Http.formValue(ex, "original");
        if (url.length() > ConfigLoader.MAX_URL || original.length() > ConfigEditor.MAX_FIELD) {
            Http.json(ex, 200, new JsonObject().put("ok", false).put("words", "url is longer than " + ConfigLoader.MAX_URL + " characters"));
            return;
        }
        url = ConfigEditor.restorePassword(url, config.current().stream(original).orElse(null));
        String problem = url.isEmpty() ? "is required" : ConfigLoader.urlProblem(url);
        if (problem == null && dev.streampulse.config.UrlRedactor.hasMask(url)) {
            // the stored password goes only to the stream's own scheme, user, host and port
            problem = "has a masked password (***) and no stored one for this scheme, user, host and port: type it";
        }
        if (problem != null) {
            Http.json(ex, 200, new JsonObject().put("ok", false).put("words", "url " + problem));
            return;
        }
        int timeout = (int) Math.max(1, Math.min(30, Http.queryLong(ex, "timeout", 10)));
        if (!slots.tryAcquire()) {
            Http.json(ex, 429, new JsonObject().put("ok", false).put("words", "Other previews are running; try again."));
            return;
        }
        try {
            StreamConfig probeMe = new StreamConfig("test", url, true, 15, timeout, Map.of());
            FrameProbe.Result r = probe.grabNow(probeMe);
            JsonObject out = new JsonObject().put("ok", r.ok()).put("latency_ms", r.latencyMs());
            if (r.ok()) {
                out.put("words", "Frame decoded: " + r.frame().codec() + " " + r.frame().width() + "×" + r.frame().height());
                if (r.frame().jpeg() != null) {
                    out.put("image", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(r.frame().jpeg()));
                }
            } else {
                out.put("reason", r.reason() == null ? null : r.reason().name())
                        .put("words", r.reason() == null ? "No frame" : r.reason().words())
                        .put("detail", r.detail() == null ? "" : r.detail());
            }
            Http.json(ex, 200, out);
        } finally {
            slots.release();
        }
    }
}
