package dev.streampulse.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * What HTTPS changes for the web GUI, at the edge so the pages need not know: on a secure request
 * (our own TLS, or a trusted reverse proxy saying {@code X-Forwarded-Proto: https}) every cookie
 * is {@code Secure}, the session cookie is named {@code __Host-SP_SESSION} (no Domain, Path=/: a
 * sibling host or a plain-HTTP answer cannot plant or overwrite it; a cookie without the prefix
 * is ignored), and {@code Strict-Transport-Security} is sent when {@code web.tls.hsts_seconds} > 0.
 */
public final class TransportSecurity {
    static final String HOST_PREFIX = "__Host-";
    private final boolean tls;
    private final long hstsSeconds;
    private final Set<String> trustedProxies;

    TransportSecurity(boolean tls, long hstsSeconds, Set<String> trustedProxies) {
        this.tls = tls;
        this.hstsSeconds = hstsSeconds;
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    void install(CamelContext camel) {
        Router router = camel.getRegistry().findByType(VertxPlatformHttpRouter.class).stream().findFirst().orElse(null);
        if (router == null) throw new IllegalStateException("no platform-http router: is camel.server.enabled set?");
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerRequest req = ctx.request();
            if (secure(req)) {
                String cookies = req.getHeader("Cookie");
                if (cookies != null) req.headers().set("Cookie", incoming(cookies));
                ctx.addHeadersEndHandler(v -> outgoing(ctx.response()));
            }
            ctx.next();
        });
    }

    /** Our own TLS, or a trusted proxy in front that says the browser used HTTPS. */
    boolean secure(HttpServerRequest req) {
        if (tls || req.isSSL()) return true;
        var remote = req.remoteAddress();
        return remote != null && trustedProxies.contains(remote.hostAddress().toLowerCase(Locale.ROOT))
                && "https".equalsIgnoreCase(String.valueOf(req.getHeader("X-Forwarded-Proto")).trim());
    }

    /** __Host-SP_SESSION is the session; a plain SP_SESSION (planted over HTTP or by a sibling host) is dropped. */
    static String incoming(String header) {
        List<String> kept = new ArrayList<>();
        for (String part : header.split(";", 64)) {
            String p = part.trim();
            if (p.startsWith(Sessions.COOKIE + "=")) continue;
            kept.add(p.startsWith(HOST_PREFIX + Sessions.COOKIE + "=") ? p.substring(HOST_PREFIX.length()) : p);
        }
        return String.join("; ", kept);
    }

    private void outgoing(HttpServerResponse r) {
        List<String> cookies = r.headers().getAll("Set-Cookie");
        if (!cookies.isEmpty()) {
            List<String> secured = new ArrayList<>();
            for (String c : cookies) {
                String s = c.startsWith(Sessions.COOKIE + "=") ? HOST_PREFIX + c : c;
                if (!s.toLowerCase(Locale.ROOT).contains("; secure")) s = s + "; Secure";
                secured.add(s);
            }
            r.headers().remove("Set-Cookie");
            r.headers().add("Set-Cookie", secured);
        }
        if (hstsSeconds > 0) r.putHeader("Strict-Transport-Security", "max-age=" + hstsSeconds);
    }
}
