package dev.streampulse.ops;

import dev.streampulse.probe.Heartbeat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest beat of every stream, in memory: what health checks, JMX and metrics report without
 * touching the database. Fed by the probe route.
 */
public class FleetStatus {
    private final Map<String, Heartbeat> latest = new ConcurrentHashMap<>();

    public void record(Heartbeat beat) {
        latest.put(beat.stream(), beat);
    }

    /** Forgets streams no longer configured (after a reload). */
    public void retain(Set<String> streams) {
        latest.keySet().retainAll(streams);
    }

    public Map<String, Heartbeat> latest() {
        return Map.copyOf(latest);
    }

    public Heartbeat latest(String stream) {
        return latest.get(stream);
    }

    public Counts counts(int configured) {
        int up = 0, down = 0;
        for (Heartbeat b : latest.values()) {
            if (b.ok()) up++;
            else down++;
        }
        return new Counts(up, down, Math.max(0, configured - up - down));
    }

    public record Counts(int up, int down, int unknown) {}
}
