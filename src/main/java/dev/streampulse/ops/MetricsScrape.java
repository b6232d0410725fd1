package dev.streampulse.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;

/** One Prometheus text for StreamPulse's meters and Camel's route and JVM meters. */
public class MetricsScrape {
    private final PrometheusMeterRegistry own;
    private final CamelContext camel;

    public MetricsScrape(PrometheusMeterRegistry own, CamelContext camel) {
        this.own = own;
        this.camel = camel;
    }

    public String scrape() {
        StringBuilder sb = new StringBuilder(own.scrape());
        PrometheusMeterRegistry camelMeters = camel == null ? null
                : camel.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (camelMeters != null) sb.append(camelMeters.scrape());
        return sb.toString();
    }
}
