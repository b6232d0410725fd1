package dev.streampulse.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Camel's {@code /observe/health} tells whoever asks every check's details ({@code ?data=true}:
 * stream names and states; error texts; {@code ?exposureLevel=full} overrides the configured level).
 * This Vert.x handler runs before Camel's: a request with a valid API token
 * ({@code Authorization: Bearer …}) goes on to Camel's full answer; anyone else gets the overall
 * status and the check names with their status only, whatever the query string asks for.
 */
public record HealthGate(CamelContext camel, Predicate<String> authorized) {
    public static final String PATH = "/observe/health";

    /** @param authorized whether an Authorization header value carries a valid API token */
    public static void install(CamelContext camel, Predicate<String> authorized) {
        Router router = camel.getRegistry().findByType(VertxPlatformHttpRouter.class).stream().findFirst().orElse(null);
        if (router == null) return; // no HTTP server: no health endpoint to guard
        HealthGate gate = new HealthGate(camel, authorized);
        for (String p : new String[] {PATH, PATH + "/live", PATH + "/ready"}) {
            router.route(p).order(Integer.MIN_VALUE + 1).handler(gate::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null && authorized.test(auth)) {
            ctx.next();
            return;
        }
        String path = ctx.request().path();
        boolean ready = path.endsWith("/ready");
        boolean live = path.endsWith("/live");
        // checks may touch the database: off the event loop
        ctx.vertx().<JsonObject>executeBlocking(() -> {
            Collection<HealthCheck.Result> res = ready ? HealthCheckHelper.invokeReadiness(camel)
                    : live ? HealthCheckHelper.invokeLiveness(camel) : HealthCheckHelper.invoke(camel);
            boolean up = HealthCheckHelper.isResultsUp(res, ready);
            JsonArray checks = new JsonArray();
            res.stream().sorted((a, b) -> a.getCheck().getId().compareTo(b.getCheck().getId()))
                    .forEach(r -> checks.add(new JsonObject().put("name", r.getCheck().getId()).put("status", r.getState().name())));
            return new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks);
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json").end("{\"status\":\"DOWN\"}\n");
                return;
            }
            boolean up = "UP".equals(ar.result().getString("status"));
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(ar.result().encodePrettily() + "\n");
        });
    }
}
