package dev.streampulse.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * CSS and JS from {@code web/static/} on the classpath, by exact name only (no path from the
 * request reaches the class loader). Bytes are read once and served as byte[], untouched.
 */
public final class StaticAssets {
    private static final Map<String, String> TYPES = Map.of(
            "app.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "stream.js", "text/javascript; charset=utf-8",
            "editor.js", "text/javascript; charset=utf-8",
            "settings.js", "text/javascript; charset=utf-8");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** GET /static/{file} */
    public void serve(Exchange ex) {
        String path = Http.path(ex);
        String file = path.substring(path.lastIndexOf('/') + 1);
        String type = TYPES.get(file);
        if (type == null) {
            Http.respond(ex, 404, "text/plain; charset=utf-8", "Not found");
            return;
        }
        byte[] bytes = cache.computeIfAbsent(file, StaticAssets::load);
        Http.respond(ex, 200, type, bytes);
        ex.getIn().setHeader("Cache-Control", "no-cache");
    }

    private static byte[] load(String file) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/web/static/" + file)) {
            if (in == null) throw new IllegalStateException("missing resource web/static/" + file);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
