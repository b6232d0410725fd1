package dev.streampulse.health;

import dev.streampulse.health.Assessment.NewEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes decided events to the event log one by one, in the order they were decided. A write the
 * database refuses is logged and the event goes on without an id: probing and alerts never wait on it.
 */
public class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final EventStore store;

    public EventLog(EventStore store) {
        this.store = store;
    }

    /** The probe route's step after {@link StreamHealth#assess}: each event written, with its row id. */
    public Assessment record(Assessment a) {
        if (a.decided().isEmpty()) return a;
        List<NewEvent> out = new ArrayList<>(a.decided().size());
        for (NewEvent n : a.decided()) out.add(new NewEvent(record(n.event()), null, null, n.news()));
        return a.withDecided(out);
    }

    /** Writes one event; returns it with its row id (unchanged when the write failed). */
    public HealthEvent record(HealthEvent e) {
        try {
            return e.withId(store.insertEvent(e));
        } catch (RuntimeException ex) {
            LOG.error("Could not store event for {}: {}", e.stream(), ex.getMessage());
            return e;
        }
    }
}
