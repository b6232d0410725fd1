package dev.streampulse.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Adds the security headers to every response of the HTTP server, including Camel's own
 * /observe endpoints and 404s, by a Vert.x handler that runs before all routes.
 */
public final class SecurityHeaders {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    public static void install(CamelContext camel) {
        Router router = camel.getRegistry().findByType(VertxPlatformHttpRouter.class).stream().findFirst().orElse(null);
        if (router == null) throw new IllegalStateException("no platform-http router: is camel.server.enabled set?");
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> apply(ctx.response()));
            ctx.next();
        });
    }

    static void apply(HttpServerResponse r) {
        r.putHeader("Content-Security-Policy", CSP);
        r.putHeader("X-Content-Type-Options", "nosniff");
        r.putHeader("X-Frame-Options", "DENY");
        r.putHeader("Referrer-Policy", "same-origin");
        r.putHeader("Cross-Origin-Opener-Policy", "same-origin");
        // Camel's header filter drops Cache-Control set by a route: pages and API answers are never cached
        if (!r.headers().contains("Cache-Control")) r.putHeader("Cache-Control", "no-store");
    }
}
