package dev.streampulse.ops;

import dev.streampulse.web.Http;
import dev.streampulse.web.Users;
import org.apache.camel.Exchange;

/**
 * {@code GET /metrics} for Prometheus: needs an API token (created on the web settings page) as
 * {@code Authorization: Bearer …} (the real header: a query parameter of that name is not one);
 * any role will do. Only health is open to everyone.
 */
public record MetricsEndpoint(Users users, MetricsScrape scrape) {
    public void scrape(Exchange ex) {
        Users.Identity who = users.bearer(Http.requestHeader(ex, "Authorization"));
        ex.getIn().removeHeaders("*");
        if (who == null) {
            ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
            ex.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"streampulse\"");
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            ex.getMessage().setBody("401: send Authorization: Bearer <API token from /settings>\n");
            return;
        }
        ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        ex.getMessage().setBody(scrape.scrape());
    }
}
