package dev.streampulse.incident;

import dev.streampulse.alert.Notice;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An incident opened, grew or shrank, or closed. Each is stored; two of an incident's changes alert,
 * as one message for the whole group: its announcement (once the whole group is down or the window
 * since the first fall has passed, so it names every camera that fell together) and its close.
 *
 * @param alert whether this change is the announcement or the close
 */
public record IncidentChange(Kind kind, Incident incident, long ts, boolean alert) implements Notice {
    public enum Kind { OPENED, UPDATED, CLOSED }

    public IncidentChange withIncident(Incident i) {
        return new IncidentChange(kind, i, ts, alert);
    }

    /** Whether this change alerts (the route's filter). */
    public boolean alerts() {
        return alert;
    }

    @Override
    public String key() {
        return "incident " + incident.label() + "=" + incident.group();
    }

    @Override
    public String news() {
        return (kind == Kind.CLOSED ? "closed/" : "opened/") + incident.openedTs();
    }

    @Override
    public List<String> streams() {
        return incident.members();
    }

    @Override
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        out.add("incident");
        out.add(kind == Kind.CLOSED ? "up" : "down");
        if (kind != Kind.CLOSED) incident.reasons().forEach(r -> out.add(r.toLowerCase(Locale.ROOT)));
        return out;
    }

    @Override
    public Map<String, Object> model() {
        Map<String, Object> m = new HashMap<>();
        m.put("id", incident.id());
        m.put("stream", incident.group());
        m.put("kind", "INCIDENT");
        m.put("event", kind == Kind.CLOSED ? "incident_closed" : "incident_opened");
        m.put("from", kind == Kind.CLOSED ? "DOWN" : "UP");
        m.put("to", kind == Kind.CLOSED ? "UP" : "DOWN");
        m.put("reason", String.join(",", incident.reasonCounts().keySet()));
        m.put("detail", incident.summary());
        m.put("cause", incident.cause());
        m.put("members", incident.members());
        m.put("ts", ts);
        m.put("time", Instant.ofEpochMilli(ts).toString());
        m.put("online", kind == Kind.CLOSED);
        m.put("evidenceGood", "");
        m.put("evidenceBad", "");
        return m;
    }
}
