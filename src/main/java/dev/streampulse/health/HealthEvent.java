package dev.streampulse.health;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A row of the event log: a state change ({@link #STATE}), a profile change ({@link #PROFILE}) or an
 * alarm the camera raised itself over ONVIF ({@link #CAMERA}: from and to are the state at the time).
 * Events are rare (a few per stream per day), so writing each at once costs the SD card nothing.
 *
 * @param id           row id, 0 before it is stored
 * @param from         state before (for PROFILE: the state at the time)
 * @param reason       probe.Reason or Condition name, MAINTENANCE..., or PROFILE_CHANGED
 * @param detail       words for a person (e.g. "h264 640x360 → h264 320x180")
 * @param evidenceGood file name (no path) of the last good frame in the evidence folder, or null
 * @param evidenceBad  file name of the first bad frame, or null
 */
public record HealthEvent(long id, String stream, long ts, String kind, StreamState from, StreamState to,
                          String reason, String detail, String evidenceGood, String evidenceBad) {
    public static final String STATE = "STATE";
    public static final String PROFILE = "PROFILE";
    public static final String CAMERA = "CAMERA";

    public HealthEvent withId(long newId) {
        return new HealthEvent(newId, stream, ts, kind, from, to, reason, detail, evidenceGood, evidenceBad);
    }

    /** The event naming its evidence frames (file names from {@link Evidence}, null: none). */
    public HealthEvent withEvidence(String good, String bad) {
        return new HealthEvent(id, stream, ts, kind, from, to, reason, detail, good, bad);
    }

    /** The names an alert's {@code events:} list matches: the new state, the reason, profile_changed. */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        if (PROFILE.equals(kind)) out.add("profile_changed");
        else if (CAMERA.equals(kind)) out.add("camera_event");
        else out.add(to.name().toLowerCase(Locale.ROOT));
        if (reason != null) out.add(reason.toLowerCase(Locale.ROOT));
        return out;
    }
}
