package dev.streampulse.store;

import dev.streampulse.config.AppConfig;
import dev.streampulse.health.EventStore;
import dev.streampulse.health.Evidence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the data dir bounded: raw beats for {@code retention_days}, hourly rollups, events and the
 * audit log for {@code rollup_retention_days}, the newest {@code evidence_files} frames; then hands freed pages back
 * ({@code PRAGMA incremental_vacuum}). The retention route asks hourly; it runs once a night at {@code hour}.
 */
public class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final long DAY = 86_400_000L;

    private final HeartbeatStore beats;
    private final EventStore events;
    private final AuditStore audit;
    private final Evidence evidence;
    private final Supplier<AppConfig> config;
    private final LongSupplier now;
    private LocalDate lastRun;
    private volatile Result last;

    public Retention(HeartbeatStore beats, EventStore events, AuditStore audit, Evidence evidence,
                     Supplier<AppConfig> config, LongSupplier now) {
        this.beats = beats;
        this.events = events;
        this.audit = audit;
        this.evidence = evidence;
        this.config = config;
        this.now = now;
    }

    /**
     * Called by the retention route's timer; returns what it did, or null when it is not time.
     *
     * @param hour local hour (config time zone) of the nightly run; -1 = every time it is asked
     */
    public synchronized Result runIfDue(int hour) {
        ZonedDateTime t = Instant.ofEpochMilli(now.getAsLong()).atZone(config.get().timezone());
        if (hour >= 0 && (t.getHour() != hour || t.toLocalDate().equals(lastRun))) return null;
        lastRun = t.toLocalDate();
        return run();
    }

    public synchronized Result run() {
        AppConfig c = config.get();
        long ts = now.getAsLong();
        // beats still in the inbox are compacted first, so their hours are counted before they go
        beats.compact();
        int raw = beats.prune(ts - c.retentionDays() * DAY);
        int hours = beats.pruneHourly((ts - c.rollupRetentionDays() * DAY) / 3_600_000L);
        int ev = events.pruneEvents(ts - c.rollupRetentionDays() * DAY);
        int au = audit.pruneAudit(ts - c.rollupRetentionDays() * DAY);
        evidence.setMax(c.evidenceFiles());
        int files = evidence.trim();
        beats.vacuum();
        Result r = new Result(raw, hours, ev, files, au);
        last = r;
        LOG.info("Retention: pruned {} beats, {} hourly rollups, {} events, {} evidence files, {} audit entries",
                raw, hours, ev, files, au);
        return r;
    }

    /** What the last run did, or null before the first. */
    public Result lastResult() {
        return last;
    }

    public record Result(int beats, int hourly, int events, int evidenceFiles, int audit) {}
}
