package dev.streampulse.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An event log in a list, for tests that look at events only. */
class InMemoryEvents implements EventStore {
    final List<HealthEvent> all = new ArrayList<>();

    @Override
    public synchronized long insertEvent(HealthEvent e) {
        all.add(e.withId(all.size() + 1));
        return all.size();
    }

    @Override
    public synchronized long lastEventId() {
        return all.isEmpty() ? 0 : all.get(all.size() - 1).id();
    }

    @Override
    public synchronized List<HealthEvent> events(String stream, long fromTs, long toTs, int limit) {
        return all.stream().filter(e -> e.stream().equals(stream) && e.ts() >= fromTs && e.ts() < toTs).limit(limit).toList();
    }

    @Override
    public synchronized List<HealthEvent> recentEvents(long fromTs, long toTs, int limit) {
        return all.stream().filter(e -> e.ts() >= fromTs && e.ts() < toTs)
                .sorted(Comparator.comparingLong(HealthEvent::ts).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Map<String, HealthEvent> lastStateEvents() {
        Map<String, HealthEvent> out = new HashMap<>();
        for (HealthEvent e : all) if (HealthEvent.STATE.equals(e.kind())) out.put(e.stream(), e);
        return out;
    }

    @Override
    public synchronized HealthEvent stateBefore(String stream, long ts) {
        HealthEvent last = null;
        for (HealthEvent e : all) if (e.stream().equals(stream) && e.ts() < ts && HealthEvent.STATE.equals(e.kind())) last = e;
        return last;
    }

    @Override
    public synchronized int pruneEvents(long beforeTs) {
        int n = all.size();
        all.removeIf(e -> e.ts() < beforeTs);
        return n - all.size();
    }

    synchronized List<HealthEvent> of(String stream) {
        return all.stream().filter(e -> e.stream().equals(stream)).toList();
    }
}
