package dev.streampulse.ops;

import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.ProbeScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus meters, named by Prometheus conventions. Labels carry stream names only, never URLs.
 * Gauges read {@link FleetStatus}, so a scrape costs nothing on the probe path.
 *
 * <p>Meters are looked up on every beat rather than kept: Camel resets the registry when users'
 * routes reload, and a kept meter would then count into nothing. The lookup is a map hit.
 */
public class ProbeMetrics {
    private final MeterRegistry registry;
    private final FleetStatus fleet;
    private final ProbeScheduler scheduler;

    public ProbeMetrics(MeterRegistry registry, FleetStatus fleet, ProbeScheduler scheduler) {
        this.registry = registry;
        this.fleet = fleet;
        this.scheduler = scheduler;
    }

    public void record(Heartbeat beat) {
        Timer.builder("streampulse.probe.duration")
                .description("Connect to first decoded frame (or to the failure)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(beat.latencyMs(), TimeUnit.MILLISECONDS);
        DistributionSummary.builder("streampulse.probe.start.delay")
                .description("How long after its due time a probe started")
                .baseUnit("seconds")
                .serviceLevelObjectives(0.1, 0.25, 0.5, 1, 2, 5)
                .register(registry)
                .record(beat.lateMs() / 1000.0);
        Counter.builder("streampulse.probes")
                .description("Probes by stream, result and failure reason")
                .tag("stream", beat.stream())
                .tag("result", beat.ok() ? "ok" : "fail")
                .tag("reason", beat.reason() == null ? "none" : beat.reason().name())
                .register(registry)
                .increment();
        String stream = beat.stream();
        Gauge.builder("streampulse.stream.up", fleet, f -> {
                    Heartbeat b = f.latest(stream);
                    return b != null && b.ok() ? 1 : 0;
                }).description("1 when the stream's newest beat decoded a frame").tag("stream", stream).register(registry);
        Gauge.builder("streampulse.heartbeat.lag", fleet, f -> {
                    Heartbeat b = f.latest(stream);
                    return b == null ? Double.NaN : (System.currentTimeMillis() - b.ts()) / 1000.0;
                }).description("Seconds since the stream's newest heartbeat").baseUnit("seconds").tag("stream", stream)
                .register(registry);
        Gauge.builder("streampulse.streams", scheduler, ProbeScheduler::size)
                .description("Streams scheduled for probing").register(registry);
        Gauge.builder("streampulse.probes.skipped", scheduler, ProbeScheduler::skipped)
                .description("Beats skipped because the stream's previous probe was still running").register(registry);
    }

    /** Drops the series of streams removed from the config. */
    public void retain(Set<String> streams) {
        for (Meter m : registry.getMeters()) {
            String s = m.getId().getTag("stream");
            if (s != null && m.getId().getName().startsWith("streampulse.") && !streams.contains(s)) registry.remove(m);
        }
    }
}
