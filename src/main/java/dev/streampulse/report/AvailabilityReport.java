package dev.streampulse.report;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.EventStore;
import dev.streampulse.health.HealthEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The availability report of a window: one row per configured stream, one per group (streams sharing
 * the value of {@code incidents.group_by}, default the {@code site} label), and the worst outages with
 * their evidence. Computed from the stored event log, one stream at a time, read page by page.
 */
public record AvailabilityReport(long fromTs, long toTs, String groupBy, List<StreamAvailability> streams,
                                 List<StreamAvailability> groups, List<OutageRecord> worst) {
    /** Outages listed with their evidence frames, longest first. */
    public static final int WORST = 10;
    static final int PAGE = 2000;

    /** @param toTs end of the window; the part after {@code now} is not counted */
    public static AvailabilityReport build(EventStore store, AppConfig config, long fromTs, long toTs, long now) {
        long to = Math.max(fromTs, Math.min(toTs, now));
        String label = config.incidents().groupBy();
        List<StreamAvailability> rows = new ArrayList<>();
        Map<String, List<StreamAvailability>> byGroup = new LinkedHashMap<>();
        List<OutageRecord> outages = new ArrayList<>();
        for (StreamConfig s : config.streams()) {
            String group = s.labels().getOrDefault(label, "");
            Availability a = Availability.of(s.name(), group, store.stateBefore(s.name(), fromTs), events(store, s.name(), fromTs, to),
                    fromTs, to);
            rows.add(a.row());
            if (!group.isEmpty()) byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(a.row());
            outages.addAll(a.outages());
            outages.sort(Comparator.comparingLong(OutageRecord::durationMs).reversed());
            if (outages.size() > WORST) outages.subList(WORST, outages.size()).clear();
        }
        List<StreamAvailability> groups = new ArrayList<>();
        byGroup.forEach((g, members) -> groups.add(StreamAvailability.sum(g, label, members)));
        return new AvailabilityReport(fromTs, toTs, label, rows, groups, outages);
    }

    /** One stream's events of the window, oldest first, read a page at a time (same-ts rows are not lost between pages). */
    static List<HealthEvent> events(EventStore store, String stream, long fromTs, long toTs) {
        List<HealthEvent> out = new ArrayList<>();
        long cursor = fromTs;
        long lastId = Long.MIN_VALUE;
        while (true) {
            List<HealthEvent> page = store.events(stream, cursor, toTs, PAGE);
            boolean progressed = false;
            for (HealthEvent e : page) {
                if (e.ts() == cursor && e.id() <= lastId) continue;
                if (HealthEvent.STATE.equals(e.kind())) out.add(e);
                progressed = true;
                cursor = e.ts();
                lastId = e.id();
            }
            if (page.size() < PAGE || !progressed) return out;
        }
    }
}
