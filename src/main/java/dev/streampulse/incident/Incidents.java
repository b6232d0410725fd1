package dev.streampulse.incident;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.HealthEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The detector as the alert route uses it (bean {@code incidents}): follows config reloads, reads the clock. */
public final class Incidents {
    private final IncidentDetector detector = new IncidentDetector();
    private final Supplier<AppConfig> config;
    private final LongSupplier now;
    private AppConfig configured;

    public Incidents(Supplier<AppConfig> config, LongSupplier now, List<Incident> stillOpen) {
        this.config = config;
        this.now = now;
        detector.resume(stillOpen);
    }

    /** A state change from seda:events: the stream's own news, or the incident it became part of (body: a list). */
    public List<Object> observe(HealthEvent e) {
        configure();
        return detector.observe(e);
    }

    /** Polled by the incident-window route: held changes whose window passed alone. */
    public List<Object> expire() {
        configure();
        return detector.expire(now.getAsLong());
    }

    public List<Incident> openIncidents() {
        return detector.openIncidents();
    }

    private synchronized void configure() {
        AppConfig c = config.get();
        if (c == configured) return;
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        for (StreamConfig s : c.enabledStreams()) labels.put(s.name(), s.labels());
        detector.configure(c.incidents(), labels);
        configured = c;
    }
}
