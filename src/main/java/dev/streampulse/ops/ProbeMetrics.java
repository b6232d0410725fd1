package dev.streampulse.ops;

import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.ProbeCapacity;
import dev.streampulse.probe.ProbeScheduler;
import dev.streampulse.probe.Punctuality;
import dev.streampulse.store.BatchWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus meters, named by Prometheus conventions. Labels carry stream names only, never URLs.
 * Gauges read {@link FleetStatus}, so a scrape costs nothing on the probe path. They live in
 * StreamPulse's own registry: Camel resets its registry when users' routes reload, and kept meters
 * would then count into nothing. {@link MetricsScrape} serves both registries as one text.
 */
public class ProbeMetrics {
    private final MeterRegistry registry;
    private final FleetStatus fleet;
    private final Timer duration;
    private final DistributionSummary startDelay;
    private final Map<String, Set<Meter>> perStream = new ConcurrentHashMap<>();
    private volatile java.util.function.Function<String, dev.streampulse.health.StreamState> states = s -> null;

    public ProbeMetrics(MeterRegistry registry, FleetStatus fleet, ProbeScheduler scheduler) {
        this.registry = registry;
        this.fleet = fleet;
        this.duration = Timer.builder("streampulse.probe.duration")
                .description("Connect to first decoded frame (or to the failure)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.startDelay = DistributionSummary.builder("streampulse.probe.start.delay")
                .description("How long after its due time a probe started")
                .baseUnit("seconds")
                .serviceLevelObjectives(0.1, 0.25, 0.5, 1, 2, 5)
                .register(registry);
        Gauge.builder("streampulse.streams", scheduler, ProbeScheduler::size)
                .description("Streams scheduled for probing").register(registry);
        Gauge.builder("streampulse.probes.skipped", scheduler, ProbeScheduler::skipped)
                .description("Beats skipped because the stream's previous probe was still running").register(registry);
    }

    /**
     * Where the debounced state comes from (stream intelligence): {@code streampulse_stream_state} is
     * what the dashboard shows, for alert rules that must not fire on one bad beat the way
     * {@code streampulse_stream_up} (the newest beat, raw) does.
     */
    public void watchStates(java.util.function.Function<String, dev.streampulse.health.StreamState> states) {
        this.states = states;
    }

    /** What the fleet asks of the probe lanes and what they have: the "can it keep up" numbers. */
    public void watch(ProbeCapacity capacity, ProbeScheduler scheduler) {
        Gauge.builder("streampulse.probe.sessions.needed", capacity, c -> c.plan().needed())
                .description("Probe sessions the fleet keeps open on average (expected probe time over interval, summed)")
                .register(registry);
        Gauge.builder("streampulse.probe.sessions.available", capacity, c -> c.plan().ceiling())
                .description("The ceiling of probes at once (probe.max_concurrency)").register(registry);
        Gauge.builder("streampulse.probe.lane.threads", capacity, c -> c.plan().fast()).tag("lane", "fast")
                .description("Threads a probe lane may use now").register(registry);
        Gauge.builder("streampulse.probe.lane.threads", capacity, c -> c.plan().slow()).tag("lane", "slow")
                .description("Threads a probe lane may use now").register(registry);
        Gauge.builder("streampulse.probes.in.flight", capacity, ProbeCapacity::inFlight)
                .description("Probes running now").register(registry);
        Gauge.builder("streampulse.probes.queued", capacity, ProbeCapacity::queued)
                .description("Probes handed to a full lane, not started yet").register(registry);
        Gauge.builder("streampulse.probes.waiting.host", scheduler, ProbeScheduler::waitingForHost)
                .description("Probes due but waiting for a free session to their camera or NVR host (no thread held)").register(registry);
        Gauge.builder("streampulse.streams.skipped", scheduler, s -> s.streamsSkippedSince(System.currentTimeMillis() - 60_000))
                .description("Streams with a beat skipped in the last minute").register(registry);
        Gauge.builder("streampulse.probe.cannot.keep.up", capacity, c -> c.plan().cannotKeepUp() ? 1 : 0)
                .description("1 when a probe lane needs more sessions than it has (readiness is DOWN)").register(registry);
        for (String lane : new String[] {"fast", "slow"}) {
            boolean slow = lane.equals("slow");
            Gauge.builder("streampulse.probe.beats.late", scheduler, s -> {
                        Punctuality.Window w = s.punctuality().recent(System.currentTimeMillis());
                        return slow ? w.slowLate() : w.late();
                    }).description("Beats of answering streams in the last 30 s that started 1 s or more late or were skipped")
                    .tag("lane", lane).register(registry);
            Gauge.builder("streampulse.probe.beats.answering", scheduler, s -> {
                        Punctuality.Window w = s.punctuality().recent(System.currentTimeMillis());
                        return slow ? w.slowBeats() : w.beats();
                    }).description("Beats of answering streams in the last 30 s (the base of streampulse_probe_beats_late)")
                    .tag("lane", lane).register(registry);
        }
        Gauge.builder("streampulse.probe.late", capacity, c -> c.problem() != null ? 1 : 0)
                .description("1 when readiness says probing cannot keep up or is late").register(registry);
        FunctionCounter.builder("streampulse.probes.host.wait", scheduler, ProbeScheduler::hostWaits)
                .description("Beats given up as HOST_WAIT: our own session cap kept the probe from starting in time").register(registry);
    }

    /** The writer's queue while the disk refuses writes, and the beats it had to drop. */
    public void watch(BatchWriter writer) {
        Gauge.builder("streampulse.heartbeats.pending", writer, BatchWriter::pending)
                .description("Beats waiting for the disk to accept writes again").register(registry);
        FunctionCounter.builder("streampulse.heartbeats.dropped", writer, BatchWriter::dropped)
                .description("Beats dropped because the queue filled while the disk refused writes").register(registry);
        FunctionCounter.builder("streampulse.heartbeats.written", writer, BatchWriter::written)
                .description("Beats committed to the database").register(registry);
    }

    public void record(Heartbeat beat) {
        duration.record(beat.latencyMs(), TimeUnit.MILLISECONDS);
        startDelay.record(beat.lateMs() / 1000.0);
        String reason = beat.reason() == null ? "none" : beat.reason().name();
        Counter c = Counter.builder("streampulse.probes")
                .description("Probes by stream, result and failure reason")
                .tag("stream", beat.stream())
                .tag("result", beat.ok() ? "ok" : "fail")
                .tag("reason", reason)
                .register(registry);
        c.increment();
        Set<Meter> meters = perStream.computeIfAbsent(beat.stream(), this::streamGauges);
        meters.add(c);
    }

    private Set<Meter> streamGauges(String stream) {
        Set<Meter> meters = ConcurrentHashMap.newKeySet();
        meters.add(Gauge.builder("streampulse.stream.up", fleet, f -> {
                    Heartbeat b = f.latest(stream);
                    return b != null && b.ok() ? 1 : 0;
                }).description("1 when the stream's newest beat decoded a frame").tag("stream", stream).register(registry));
        meters.add(Gauge.builder("streampulse.stream.state", this, m -> stateValue(m.states.apply(stream)))
                .description("Debounced state as the dashboard shows it: 0 UP, 1 DEGRADED, 2 DOWN, 3 PAUSED; NaN before a verdict")
                .tag("stream", stream).register(registry));
        meters.add(Gauge.builder("streampulse.heartbeat.lag", fleet, f -> {
                    Heartbeat b = f.latest(stream);
                    return b == null ? Double.NaN : (System.currentTimeMillis() - b.ts()) / 1000.0;
                }).description("Seconds since the stream's newest heartbeat").baseUnit("seconds").tag("stream", stream)
                .register(registry));
        return meters;
    }

    static double stateValue(dev.streampulse.health.StreamState s) {
        if (s == null) return Double.NaN;
        return switch (s) {
            case UP -> 0;
            case DEGRADED -> 1;
            case DOWN -> 2;
            case PAUSED -> 3;
            case UNKNOWN -> Double.NaN;
        };
    }

    /** Drops the series of streams removed from the config. */
    public void retain(Set<String> streams) {
        perStream.entrySet().removeIf(e -> {
            if (streams.contains(e.getKey())) return false;
            e.getValue().forEach(registry::remove);
            return true;
        });
    }
}
