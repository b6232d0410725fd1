package dev.streampulse.store;

import dev.streampulse.incident.Incident;
import dev.streampulse.incident.IncidentChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncidentStore} on the shared {@link Connections} (SQLite or PostgreSQL): the writer's lock
 * and reconnect like every other store; the schema comes from {@link Migrations}.
 */
final class SqlIncidentStore implements IncidentStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqlIncidentStore.class);
    private static final String COLUMNS = "id, label, grp, opened_ms, last_fall_ms, closed_ms, size, members, down, reasons";
    private final Connections db;

    SqlIncidentStore(Connections db) {
        this.db = db;
    }

    /**
     * A database that cannot take the row must not swallow the alert: the change goes on unsaved, and the
     * incident's next change writes its whole row again.
     */
    @Override
    public IncidentChange save(IncidentChange change) {
        try {
            return change.withIncident(saveIncident(change.incident()));
        } catch (StoreException e) {
            LOG.warn("Incident {} not stored (its alert still goes out): {}", change.incident().group(), e.getMessage());
            return change;
        }
    }

    @Override
    public Incident saveIncident(Incident i) {
        return db.transaction("save incident " + i.group(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident (label, grp, opened_ms, last_fall_ms, closed_ms, "
                    + "size, members, down, reasons) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (label, grp, opened_ms) DO UPDATE SET "
                    + "last_fall_ms = excluded.last_fall_ms, closed_ms = excluded.closed_ms, size = excluded.size, "
                    + "members = excluded.members, down = excluded.down, reasons = excluded.reasons")) {
                ps.setString(1, i.label());
                ps.setString(2, i.group());
                ps.setLong(3, i.openedTs());
                ps.setLong(4, i.lastFallTs());
                if (i.closedTs() == null) ps.setNull(5, Types.BIGINT);
                else ps.setLong(5, i.closedTs());
                ps.setInt(6, i.size());
                ps.setString(7, String.join("\n", i.members()));
                ps.setString(8, String.join("\n", i.down()));
                ps.setString(9, String.join("\n", i.reasons()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM incident WHERE label = ? AND grp = ? AND opened_ms = ?")) {
                ps.setString(1, i.label());
                ps.setString(2, i.group());
                ps.setLong(3, i.openedTs());
                try (ResultSet rs = ps.executeQuery()) {
                    return i.withId(rs.next() ? rs.getLong(1) : 0);
                }
            }
        });
    }

    @Override
    public List<Incident> incidents(long fromTs, long toTs, int limit) {
        return db.read("read incidents", c -> query(c, "SELECT " + COLUMNS + " FROM incident WHERE (opened_ms >= ? AND opened_ms < ?) "
                + "OR closed_ms IS NULL ORDER BY opened_ms DESC, id DESC LIMIT ?", fromTs, toTs, limit));
    }

    @Override
    public List<Incident> openIncidents() {
        return db.read("read open incidents", c -> query(c, "SELECT " + COLUMNS + " FROM incident WHERE closed_ms IS NULL ORDER BY opened_ms"));
    }

    @Override
    public int pruneIncidents(long beforeTs) {
        return db.transaction("prune incidents", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM incident WHERE opened_ms < ? AND closed_ms IS NOT NULL")) {
                ps.setLong(1, beforeTs);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Incident> query(Connection c, String sql, Object... args) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long closed = rs.getLong("closed_ms");
                    Long closedTs = rs.wasNull() ? null : closed;
                    out.add(new Incident(rs.getLong("id"), rs.getString("label"), rs.getString("grp"), rs.getLong("opened_ms"),
                            rs.getLong("last_fall_ms"), closedTs, rs.getInt("size"), lines(rs.getString("members")),
                            lines(rs.getString("down")), lines(rs.getString("reasons"))));
                }
            }
        }
        return out;
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1));
    }
}
