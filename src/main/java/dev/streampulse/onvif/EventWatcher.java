package dev.streampulse.onvif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one camera's PullPoint subscription and turns what it pulls into health events: only the
 * topics of {@link EventTopics}, not the initial "all is well" states a camera sends on subscribing,
 * and a reboot only when the camera's last-reboot time changes. A failed pull drops the
 * subscription; the next poll subscribes again.
 */
public final class EventWatcher implements AutoCloseable {
    private final OnvifCamera camera;
    private final Duration wait;
    private final Duration termination;
    private PullPoint pullPoint;
    /** Per reboot topic (LastReboot, LastReset): the time last seen. */
    private final Map<String, String> lastReboot = new HashMap<>();

    public EventWatcher(OnvifCamera camera, Duration wait, Duration termination) {
        this.camera = camera;
        this.wait = wait;
        this.termination = termination;
    }

    /** One pull (waiting up to {@code wait} for news); health events only. */
    public synchronized List<CameraEvent> poll() throws OnvifException {
        if (pullPoint == null) {
            pullPoint = camera.subscribe(termination);
        }
        List<CameraEvent> pulled;
        try {
            pulled = pullPoint.pull(wait, 100);
        } catch (OnvifException e) {
            pullPoint = null;
            throw e;
        }
        return select(pulled);
    }

    /** The health events among one pull's messages (remembers the last reboot time across pulls). */
    List<CameraEvent> select(List<CameraEvent> pulled) {
        List<CameraEvent> out = new ArrayList<>();
        for (CameraEvent e : pulled) {
            if (e.kind() == null) {
                continue;
            }
            if (e.kind() == EventTopics.Kind.REBOOT) {
                String at = e.data().getOrDefault("Status", e.time() == null ? null : e.time().toString());
                String seen = lastReboot.get(e.topic());
                boolean first = seen == null;
                boolean changed = at != null && !at.equals(seen);
                if (at != null) {
                    lastReboot.put(e.topic(), at);
                }
                if (first && "Initialized".equals(e.operation()) || !changed) {
                    continue;
                }
            } else if ("Initialized".equals(e.operation()) && Boolean.FALSE.equals(e.active())) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (pullPoint != null) {
            pullPoint.close();
            pullPoint = null;
        }
    }
}
