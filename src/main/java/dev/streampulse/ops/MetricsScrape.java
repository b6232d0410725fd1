package dev.streampulse.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/** One Prometheus text for StreamPulse's meters and Camel's route and JVM meters. */
public class MetricsScrape {
    private final PrometheusMeterRegistry own;
    private final Supplier<CamelContext> camel;

    /** @param camel the running context (Camel Main creates it on start, after this is built) */
    public MetricsScrape(PrometheusMeterRegistry own, Supplier<CamelContext> camel) {
        this.own = own;
        this.camel = camel;
    }

    public String scrape() {
        StringBuilder sb = new StringBuilder(own.scrape());
        CamelContext ctx = camel.get();
        PrometheusMeterRegistry camelMeters = ctx == null ? null
                : ctx.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (camelMeters != null) sb.append(camelMeters.scrape());
        return sb.toString();
    }
}
