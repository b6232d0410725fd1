package dev.streampulse.store;

import dev.streampulse.incident.Incident;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * {@link IncidentStore} on the heartbeat database (SQLite or PostgreSQL), on a connection of its own:
 * incidents are rare (a few writes a day), so one connection under a lock is plenty. The schema comes
 * from {@link Migrations}, applied by {@link SqlHeartbeatStore}, which must be opened first.
 */
public final class SqlIncidentStore implements IncidentStore, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlIncidentStore.class);
    private static final String COLUMNS = "id, label, grp, opened_ms, last_fall_ms, closed_ms, size, members, down, reasons";
    private final String url;
    private final String user;
    private final String password;
    private final Dialect dialect;
    private Connection connection;

    public SqlIncidentStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dialect = Dialect.of(url);
    }

    /**
     * A database that cannot take the row must not swallow the alert: the change goes on unsaved, and the
     * incident's next change writes its whole row again.
     */
    @Override
    public dev.streampulse.incident.IncidentChange save(dev.streampulse.incident.IncidentChange change) {
        try {
            return change.withIncident(saveIncident(change.incident()));
        } catch (StoreException e) {
            LOG.warn("Incident {} not stored (its alert still goes out): {}", change.incident().group(), e.getMessage());
            return change;
        }
    }

    @Override
    public synchronized Incident saveIncident(Incident i) {
        return run("save incident " + i.group(), c -> {
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
    public synchronized List<Incident> incidents(long fromTs, long toTs, int limit) {
        return run("read incidents", c -> query(c, "SELECT " + COLUMNS + " FROM incident WHERE (opened_ms >= ? AND opened_ms < ?) "
                + "OR closed_ms IS NULL ORDER BY opened_ms DESC, id DESC LIMIT ?", fromTs, toTs, limit));
    }

    @Override
    public synchronized List<Incident> openIncidents() {
        return run("read open incidents", c -> query(c, "SELECT " + COLUMNS + " FROM incident WHERE closed_ms IS NULL ORDER BY opened_ms"));
    }

    @Override
    public synchronized int pruneIncidents(long beforeTs) {
        return run("prune incidents", c -> {
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

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs on the one connection; a connection PostgreSQL dropped is reopened on the next call. */
    private <T> T run(String what, Work<T> work) {
        try {
            if (connection == null) connection = open();
            return work.run(connection);
        } catch (SQLException e) {
            if (dialect.lostConnection(e)) close();
            throw new StoreException("cannot " + what, e);
        }
    }

    private Connection open() throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            Properties p = new Properties();
            if (user != null) p.setProperty("user", user);
            if (password != null) p.setProperty("password", password);
            p.setProperty("ApplicationName", "StreamPulse incidents");
            p.setProperty("connectTimeout", "10");
            p.setProperty("socketTimeout", "120");
            return DriverManager.getConnection(url, p);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(10_000);
        return DriverManager.getConnection(url, cfg.toProperties());
    }

    @Override
    public synchronized void close() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing on shutdown or after a lost connection: nothing left to save
        }
        connection = null;
    }
}
