package dev.streampulse.incident;

import dev.streampulse.config.IncidentSettings;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the state changes of grouped streams into incidents. A grouped stream's DOWN is held for the
 * window: when {@code min_streams} of its group are DOWN within it, one incident opens and the held
 * changes become part of it (no alert of their own); when the window passes alone, the held change
 * goes on as the stream's own news, late by the window. While an incident is open its members'
 * DOWN and UP changes update it; the last member back closes it. The incident alerts twice: when it
 * is announced (the whole group is down, or the window since its first fall has passed) and when it closes.
 *
 * <p>Pure: no clock, no store. {@link #observe} and {@link #expire} return what goes on to the
 * alerts, in order: {@link HealthEvent}s (a stream's own news) and {@link IncidentChange}s.
 */
public final class IncidentDetector {
    private IncidentSettings settings = IncidentSettings.DEFAULT;
    /** stream name → "label=value" of its group */
    private Map<String, String> groupOf = Map.of();
    private Map<String, Integer> sizes = Map.of();
    /** per group: DOWN changes held for the window, by stream, oldest first */
    private final Map<String, LinkedHashMap<String, HealthEvent>> pending = new HashMap<>();
    private final Map<String, Incident> open = new HashMap<>();
    /** groups whose open incident has alerted */
    private final java.util.Set<String> announced = new java.util.HashSet<>();

    /** The grouping of the current config: {@code labelOf} maps each enabled stream to its labels. */
    public synchronized void configure(IncidentSettings s, Map<String, Map<String, String>> labelsOf) {
        settings = s;
        Map<String, String> groups = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        labelsOf.forEach((stream, labels) -> {
            String value = labels.get(s.groupBy());
            if (value == null || value.isBlank()) return;
            String key = s.groupBy() + "=" + value;
            groups.put(stream, key);
            counts.merge(key, 1, Integer::sum);
        });
        groupOf = groups;
        sizes = counts;
    }

    /** Incidents still open when the process stopped: their members' recoveries close them. */
    public synchronized void resume(Collection<Incident> stillOpen) {
        for (Incident i : stillOpen) {
            if (!i.open()) continue;
            open.put(i.label() + "=" + i.group(), i);
            announced.add(i.label() + "=" + i.group()); // it alerted before the restart, or its window is long past
        }
    }

    public synchronized List<Incident> openIncidents() {
        return List.copyOf(open.values());
    }

    /** One event from the pipeline; what goes on to the alerts. */
    public synchronized List<Object> observe(HealthEvent e) {
        String key = HealthEvent.STATE.equals(e.kind()) && settings.enabled() ? groupOf.get(e.stream()) : null;
        if (key == null) return List.of(e);
        List<Object> out = new ArrayList<>();
        Incident inc = open.get(key);
        String stream = e.stream();
        if (e.to() == StreamState.DOWN) {
            if (inc != null) {
                if (inc.down().contains(stream)) return out; // a new reason while down: still the same incident
                List<String> members = new ArrayList<>(inc.members());
                List<String> reasons = new ArrayList<>(inc.reasons());
                if (!members.contains(stream)) {
                    members.add(stream);
                    reasons.add(reason(e));
                }
                List<String> down = new ArrayList<>(inc.down());
                down.add(stream);
                Incident next = new Incident(inc.id(), inc.label(), inc.group(), inc.openedTs(), Math.max(inc.lastFallTs(), e.ts()),
                        null, inc.size(), members, down, reasons);
                open.put(key, next);
                out.add(new IncidentChange(IncidentChange.Kind.UPDATED, next, e.ts(), announce(key, next)));
                return out;
            }
            // a group too small ever to make an incident holds nothing back
            if (sizes.getOrDefault(key, 0) < settings.minStreams()) return List.of(e);
            LinkedHashMap<String, HealthEvent> held = pending.computeIfAbsent(key, k -> new LinkedHashMap<>());
            long windowMs = settings.windowSeconds() * 1000L;
            for (Iterator<HealthEvent> it = held.values().iterator(); it.hasNext(); ) {
                HealthEvent old = it.next();
                if (old.ts() < e.ts() - windowMs) {
                    out.add(old); // its window passed before expire() came round
                    it.remove();
                }
            }
            HealthEvent before = held.remove(stream);
            if (before != null) out.add(before);
            held.put(stream, e);
            if (held.size() >= settings.minStreams()) {
                pending.remove(key);
                List<String> members = new ArrayList<>(held.keySet());
                List<String> reasons = held.values().stream().map(IncidentDetector::reason).toList();
                long first = held.values().stream().mapToLong(HealthEvent::ts).min().orElse(e.ts());
                long last = held.values().stream().mapToLong(HealthEvent::ts).max().orElse(e.ts());
                int eq = key.indexOf('=');
                Incident opened = new Incident(0, key.substring(0, eq), key.substring(eq + 1), first, last, null,
                        sizes.getOrDefault(key, members.size()), members, members, reasons);
                open.put(key, opened);
                out.add(new IncidentChange(IncidentChange.Kind.OPENED, opened, e.ts(), announce(key, opened)));
            }
            return out;
        }
        if (inc != null && inc.down().contains(stream)) {
            List<String> down = new ArrayList<>(inc.down());
            down.remove(stream);
            boolean over = down.isEmpty();
            Incident next = new Incident(inc.id(), inc.label(), inc.group(), inc.openedTs(), inc.lastFallTs(),
                    over ? Long.valueOf(e.ts()) : null, inc.size(), inc.members(), down, inc.reasons());
            if (over) {
                open.remove(key);
                announced.remove(key);
            } else {
                open.put(key, next);
            }
            // the close alerts, also for an incident shorter than its window that never was announced
            out.add(new IncidentChange(over ? IncidentChange.Kind.CLOSED : IncidentChange.Kind.UPDATED, next, e.ts(), over));
            // back UP is the incident's news; frozen, black or maintenance is this stream's own
            if (e.to() != StreamState.UP) out.add(e);
            return out;
        }
        LinkedHashMap<String, HealthEvent> held = pending.get(key);
        HealthEvent wasHeld = held == null ? null : held.remove(stream);
        if (wasHeld != null) out.add(wasHeld); // down and back within the window: both go on, in order
        out.add(e);
        return out;
    }

    /**
     * The held DOWN changes whose window has passed without an incident: they go on as their stream's
     * news; and the announcement of incidents whose window has passed with part of the group still up.
     */
    public synchronized List<Object> expire(long now) {
        List<Object> out = new ArrayList<>();
        long windowMs = settings.windowSeconds() * 1000L;
        for (Map.Entry<String, Incident> o : open.entrySet()) {
            if (announced.contains(o.getKey()) || o.getValue().openedTs() + windowMs > now) continue;
            announced.add(o.getKey());
            out.add(new IncidentChange(IncidentChange.Kind.UPDATED, o.getValue(), now, true));
        }
        for (Iterator<LinkedHashMap<String, HealthEvent>> groups = pending.values().iterator(); groups.hasNext(); ) {
            LinkedHashMap<String, HealthEvent> held = groups.next();
            for (Iterator<HealthEvent> it = held.values().iterator(); it.hasNext(); ) {
                HealthEvent e = it.next();
                if (e.ts() + windowMs <= now) {
                    out.add(e);
                    it.remove();
                }
            }
            if (held.isEmpty()) groups.remove();
        }
        return out;
    }

    /** Whether this change announces the incident: the first time the whole group is down. */
    private boolean announce(String key, Incident i) {
        if (announced.contains(key) || i.down().size() < i.size()) return false;
        announced.add(key);
        return true;
    }

    private static String reason(HealthEvent e) {
        return e.reason() == null ? "UNKNOWN" : e.reason();
    }
}
