package dev.streampulse.store;

import dev.streampulse.incident.Incident;
import java.util.List;

/** Site incidents (incident.IncidentDetector): one row per incident, rewritten as it grows, shrinks and closes. */
public interface IncidentStore {
    /** Inserts the incident or updates its row (same label, group and opening time); returns it with its id. */
    Incident saveIncident(Incident i);

    /** Stores the change's incident; the change comes back with the incident's id (for the alert and the page). */
    default dev.streampulse.incident.IncidentChange save(dev.streampulse.incident.IncidentChange change) {
        return change.withIncident(saveIncident(change.incident()));
    }

    /** Incidents opened in {@code [fromTs, toTs)} or still open, newest first, at most {@code limit}. */
    List<Incident> incidents(long fromTs, long toTs, int limit);

    /** Incidents not closed yet: where the detector resumes after a restart. */
    List<Incident> openIncidents();

    /** Deletes closed incidents opened before {@code beforeTs}; returns how many went. */
    int pruneIncidents(long beforeTs);
}
