package dev.streampulse.store;

import dev.streampulse.health.EventStore;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The event log ({@code stream_event}): state and profile changes, cameras' own alarms. */
final class SqlEventStore implements EventStore {
    private static final String COLUMNS =
            "id, stream_id, ts, kind, from_state, to_state, reason, detail, evidence_good, evidence_bad";

    private final Connections db;
    private final StreamIds streams;

    SqlEventStore(Connections db, StreamIds streams) {
        this.db = db;
        this.streams = streams;
    }

    @Override
    public long insertEvent(HealthEvent e) {
        return db.transaction("write event of " + e.stream(), w -> {
            try (PreparedStatement ps = w.prepareStatement("INSERT INTO stream_event (stream_id, ts, kind, from_state, "
                    + "to_state, reason, detail, evidence_good, evidence_bad) VALUES (?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, streams.idOrAdd(w, e.stream()));
                ps.setLong(2, e.ts());
                ps.setString(3, e.kind());
                ps.setString(4, e.from().name());
                ps.setString(5, e.to().name());
                ps.setString(6, e.reason());
                ps.setString(7, e.detail());
                ps.setString(8, e.evidenceGood());
                ps.setString(9, e.evidenceBad());
                ps.executeUpdate();
                return Sql.generatedKey(ps);
            }
        });
    }

    @Override
    public List<HealthEvent> events(String stream, long fromTs, long toTs, int limit) {
        return db.read("events of " + stream, c -> {
            Long id = streams.id(c, stream);
            if (id == null) return List.of();
            return events(c, "SELECT " + COLUMNS + " FROM stream_event WHERE stream_id = ? AND ts >= ? AND ts < ? "
                    + "ORDER BY ts, id LIMIT ?", id, fromTs, toTs, limit);
        });
    }

    @Override
    public List<HealthEvent> recentEvents(long fromTs, long toTs, int limit) {
        return db.read("recent events", c -> events(c, "SELECT " + COLUMNS + " FROM stream_event WHERE ts >= ? AND ts < ? "
                + "ORDER BY ts DESC, id DESC LIMIT ?", fromTs, toTs, limit));
    }

    @Override
    public Map<String, HealthEvent> lastStateEvents() {
        return db.read("last states", c -> {
            Map<String, HealthEvent> out = new HashMap<>();
            for (HealthEvent e : events(c, "SELECT " + COLUMNS + " FROM stream_event WHERE id IN (SELECT max(id) "
                    + "FROM stream_event WHERE kind = 'STATE' GROUP BY stream_id)")) {
                out.put(e.stream(), e);
            }
            return out;
        });
    }

    @Override
    public HealthEvent stateBefore(String stream, long ts) {
        return db.read("state of " + stream, c -> {
            Long id = streams.id(c, stream);
            if (id == null) return null;
            List<HealthEvent> e = events(c, "SELECT " + COLUMNS + " FROM stream_event WHERE stream_id = ? AND ts < ? "
                    + "AND kind = 'STATE' ORDER BY ts DESC, id DESC LIMIT 1", id, ts);
            return e.isEmpty() ? null : e.get(0);
        });
    }

    @Override
    public long lastEventId() {
        // max of the INTEGER PRIMARY KEY: one step down the b-tree, whatever the table's size
        return db.read("last event id", c -> Sql.longValue(c, "SELECT max(id) FROM stream_event"));
    }

    @Override
    public int pruneEvents(long beforeTs) {
        return db.transaction("prune events", w -> Sql.update(w, "DELETE FROM stream_event WHERE ts < ?", beforeTs));
    }

    private List<HealthEvent> events(Connection c, String sql, Object... args) throws SQLException {
        return Sql.list(c, sql, rs -> new HealthEvent(rs.getLong("id"), streams.name(c, rs.getLong("stream_id")),
                rs.getLong("ts"), rs.getString("kind"), StreamState.valueOf(rs.getString("from_state")),
                StreamState.valueOf(rs.getString("to_state")), rs.getString("reason"), rs.getString("detail"),
                rs.getString("evidence_good"), rs.getString("evidence_bad")), args);
    }
}
