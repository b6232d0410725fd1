package dev.streampulse.web;

import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs of consecutive failed beats. */
public final class Outages {
    private Outages() {}

    /**
     * @param startMs first failed beat
     * @param endMs   first ok beat after the run, or -1 while it goes on
     * @param reason  the most frequent reason in the run
     */
    public record Outage(long startMs, long endMs, int beats, Reason reason, String detail) {
        public long durationMs(long now) {
            return (endMs < 0 ? now : endMs) - startMs;
        }
    }

    /** @param newestFirst beats as the store returns them */
    public static List<Outage> find(List<Heartbeat> newestFirst) {
        List<Outage> out = new ArrayList<>();
        int i = newestFirst.size() - 1;
        while (i >= 0) {
            if (newestFirst.get(i).ok()) {
                i--;
                continue;
            }
            Heartbeat first = newestFirst.get(i);
            Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
            int n = 0;
            while (i >= 0 && !newestFirst.get(i).ok()) {
                Heartbeat b = newestFirst.get(i);
                if (b.reason() != null) reasons.merge(b.reason(), 1, Integer::sum);
                n++;
                i--;
            }
            long end = i >= 0 ? newestFirst.get(i).ts() : -1;
            Reason top = reasons.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            out.add(new Outage(first.ts(), end, n, top, first.detail()));
        }
        java.util.Collections.reverse(out); // newest first, like the history
        return out;
    }

    /** Failure reasons with counts, most frequent first. */
    public static Map<Reason, Integer> reasons(List<Heartbeat> beats) {
        Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        for (Heartbeat b : beats) {
            if (!b.ok() && b.reason() != null) counts.merge(b.reason(), 1, Integer::sum);
        }
        return counts;
    }

    static String duration(long ms) {
        long s = ms / 1000;
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
