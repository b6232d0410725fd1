package dev.streampulse.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Versions of the status answer, so a poll carries only what changed since the client's version
 * ({@code /api/status?since=V}). Each stream's JSON comes in two parts: what it is (state, reason,
 * uptime, strip, labels...) and what every beat moves (last beat, latency, node, picture time); each
 * part remembers the version it last changed in. A client behind by a beat gets only the beat part.
 * A version is {@code boot.n}: one from before a restart, or from before the stream list changed
 * (added, removed, renamed, reordered), or not from this server, gets the full answer.
 * Not thread-safe: {@link DashboardView} advances it under its computation lock; readers use the
 * immutable {@link View} it returns.
 */
final class StatusDeltas {
    /**
     * One stream's two JSON parts and the versions they last changed in. {@code state} is an encoded
     * object that starts with the name; {@code beat} an encoded object without it.
     */
    record Part(String nameJson, String state, String beat, long stateVersion, long beatVersion) {
        /** The whole stream object: both parts' fields. */
        String whole() {
            return beat.length() <= 2 ? state : state.substring(0, state.length() - 1) + "," + beat.substring(1);
        }

        /** The name and the beat's fields only. */
        String beatOnly() {
            return "{\"name\":" + nameJson + (beat.length() <= 2 ? "}" : "," + beat.substring(1));
        }
    }

    /** What one computation saw: answers any client's {@code since}. */
    record View(String boot, long version, long listVersion, List<String> names, Map<String, Part> parts) {
        String token() {
            return boot + "." + version;
        }

        /** The version {@code since} names, or -1 when only a full answer will do. */
        long base(String since) {
            if (since == null || !since.startsWith(boot + ".")) return -1;
            try {
                long n = Long.parseLong(since.substring(boot.length() + 1));
                return n < listVersion || n > version ? -1 : n;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** The streams array: all streams (base -1), else those changed after base, beat-only when only that moved. */
        String streams(long base) {
            StringBuilder out = new StringBuilder(base < 0 ? parts.size() * 560 : 256).append('[');
            for (String name : names) {
                Part p = parts.get(name);
                String json = base < 0 || p.stateVersion() > base ? p.whole() : p.beatVersion() > base ? p.beatOnly() : null;
                if (json == null) continue;
                if (out.length() > 1) out.append(',');
                out.append(json);
            }
            return out.append(']').toString();
        }
    }

    private final String boot = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private long version;
    private long listVersion;
    private List<String> names = List.of();
    private Map<String, Part> parts = Map.of();

    /** Takes one computation's streams (name -> [name as JSON, state JSON, beat JSON], in page order). */
    View advance(List<String> order, Map<String, String[]> now) {
        long next = version + 1;
        boolean changed = false;
        if (!order.equals(names)) {
            names = List.copyOf(order);
            listVersion = next;
            changed = true;
        }
        Map<String, Part> out = new HashMap<>(now.size() * 2);
        for (String name : order) {
            String[] json = now.get(name);
            Part old = parts.get(name);
            long sv = old != null && old.state().equals(json[1]) ? old.stateVersion() : next;
            long bv = old != null && old.beat().equals(json[2]) ? old.beatVersion() : next;
            if (sv == next || bv == next) changed = true;
            out.put(name, new Part(json[0], json[1], json[2], sv, bv));
        }
        if (changed) version = next;
        parts = Map.copyOf(out);
        return new View(boot, version, listVersion, names, parts);
    }
}
