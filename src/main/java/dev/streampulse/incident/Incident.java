package dev.streampulse.incident;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several streams of one group (streams sharing a label value, e.g. {@code site: north}) that went
 * DOWN together. Immutable: the detector makes a new one for every change.
 *
 * @param id        row id, 0 before it is stored
 * @param label     the grouping label (e.g. site)
 * @param group     its value (e.g. north)
 * @param openedTs  when the first member went DOWN
 * @param lastFallTs when the newest member went DOWN
 * @param closedTs  when the last member recovered, or null while open
 * @param size      streams of the group when the incident opened
 * @param members   streams that went DOWN in it, in the order they fell
 * @param down      members DOWN now
 * @param reasons   each member's failure reason when it fell (same order as members)
 */
public record Incident(long id, String label, String group, long openedTs, long lastFallTs, Long closedTs, int size,
                       List<String> members, List<String> down, List<String> reasons) {
    public Incident {
        members = List.copyOf(members);
        down = List.copyOf(down);
        reasons = List.copyOf(reasons);
    }

    public Incident withId(long newId) {
        return new Incident(newId, label, group, openedTs, lastFallTs, closedTs, size, members, down, reasons);
    }

    public boolean open() {
        return closedTs == null;
    }

    /** Reasons with how many members fell with each, most frequent first. */
    public Map<String, Integer> reasonCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        reasons.forEach(r -> counts.merge(r, 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** "north: 3 of 3 cameras DOWN within 12 s, reasons: UNREACHABLE" (and how it stands now). */
    public String summary() {
        StringBuilder s = new StringBuilder(group).append(": ").append(members.size()).append(" of ").append(size)
                .append(size == 1 ? " camera" : " cameras").append(" DOWN within ").append(duration(lastFallTs - openedTs))
                .append(", reasons: ").append(String.join(", ", reasonCounts().keySet()));
        if (closedTs != null) s.append("; all recovered after ").append(duration(closedTs - openedTs));
        else if (down.size() < members.size()) s.append("; ").append(down.size()).append(" still down");
        return s.toString();
    }

    /**
     * The probable cause, from the reasons and the grouping: all unreachable (or timing out) at once
     * points at the group's network or power; one reason for all says so; a single camera is itself the cause.
     */
    public String cause() {
        Map<String, Integer> counts = reasonCounts();
        String where = label + " " + group;
        if (members.size() == 1) return "camera " + members.get(0) + " itself (" + reasons.get(0) + ")";
        boolean network = counts.keySet().stream().allMatch(r -> r.equals("UNREACHABLE") || r.equals("TIMEOUT"));
        if (network) return "network or power of " + where + " (all " + members.size() + " unreachable at once)";
        if (counts.size() == 1) {
            String r = counts.keySet().iterator().next();
            return "all " + members.size() + " cameras of " + where + " report " + r + (r.equals("REFUSED")
                    ? " (their stream service or the recorder/host they sit behind is down)" : "");
        }
        return "mixed reasons at " + where + ": " + counts;
    }

    static String duration(long ms) {
        long s = Math.max(0, ms) / 1000;
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
