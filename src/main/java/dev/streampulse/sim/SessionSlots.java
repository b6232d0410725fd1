package dev.streampulse.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A camera's session limit, like a Tapo's 2: open sessions per camera path, against a maximum (0 = none). */
final class SessionSlots {

    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    SessionSlots(int max) {
        this.max = max;
    }

    boolean acquire(String camera) {
        if (max <= 0) {
            return true;
        }
        boolean[] ok = {false};
        open.compute(camera, (k, n) -> {
            int now = n == null ? 0 : n;
            ok[0] = now < max;
            return ok[0] ? now + 1 : now;
        });
        return ok[0];
    }

    void release(String camera) {
        if (max > 0) {
            open.computeIfPresent(camera, (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
