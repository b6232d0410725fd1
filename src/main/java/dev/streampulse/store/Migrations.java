package dev.streampulse.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema, applied in order at start-up before any route runs. Append new steps; never
 * edit a shipped one.
 *
 * <p>Inbox ids are AUTOINCREMENT so they never restart after a compaction empties the table: the
 * writer reports "committed through id N" and a crash test holds it to that.
 *
 * <p>Why two heartbeat tables: a Pi's SD card wears with every page written. Beats first land in
 * {@code heartbeat_inbox}, append-only with no secondary index, so a commit dirties one or two pages
 * whatever the fleet size. Every few minutes {@link HeartbeatStore#compact()} moves them in one
 * transaction into {@code heartbeat}, clustered by (stream, time) for fast "latest" and "range"
 * reads, so each stream's page is written once per compaction rather than once per beat, and
 * counts them into {@code heartbeat_hourly} for the dashboard's 24-hour strips and uptime.
 *
 * <p>The steps are SQLite's words; {@link PostgresDialect#ddl} gives PostgreSQL the same schema.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String COLUMNS = """
            late_ms INTEGER NOT NULL, ok INTEGER NOT NULL, latency_ms INTEGER NOT NULL,
            reason TEXT, detail TEXT, codec TEXT, width INTEGER, height INTEGER, fps REAL, clock TEXT""";

    private static final List<List<String>> STEPS = List.of(
            List.of(
                "CREATE TABLE stream (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL)",
                "CREATE TABLE heartbeat_inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, stream_id INTEGER NOT NULL, ts INTEGER NOT NULL, "
                        + COLUMNS + ")",
                "CREATE TABLE heartbeat (stream_id INTEGER NOT NULL, ts INTEGER NOT NULL, " + COLUMNS
                        + ", PRIMARY KEY (stream_id, ts)) WITHOUT ROWID",
                "CREATE TABLE heartbeat_hourly (hour INTEGER NOT NULL, stream_id INTEGER NOT NULL, beats INTEGER NOT NULL, "
                        + "ok_beats INTEGER NOT NULL, latency_sum INTEGER NOT NULL, latency_max INTEGER NOT NULL, "
                        + "PRIMARY KEY (hour, stream_id)) WITHOUT ROWID"),
            // Stream intelligence: each beat's picture fingerprint (dHash, mean luma) and the event log of
            // state changes. Events are rare (a few per stream per day), so they are written one by one.
            List.of(
                "ALTER TABLE heartbeat_inbox ADD COLUMN dhash INTEGER",
                "ALTER TABLE heartbeat_inbox ADD COLUMN luma REAL",
                "ALTER TABLE heartbeat ADD COLUMN dhash INTEGER",
                "ALTER TABLE heartbeat ADD COLUMN luma REAL",
                "CREATE TABLE stream_event (id INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL, ts INTEGER NOT NULL, "
                        + "kind TEXT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL, reason TEXT, detail TEXT, "
                        + "evidence_good TEXT, evidence_bad TEXT)",
                "CREATE INDEX stream_event_by_stream ON stream_event (stream_id, ts)",
                "CREATE INDEX stream_event_by_ts ON stream_event (ts)"),
            // Scale-out: which node probed each beat (null on a single box), the monitor nodes' own
            // heartbeats, the leases through which nodes share the streams (cluster.NodeCoordinator),
            // and the shared config (cluster.ConfigSync).
            List.of(
                "ALTER TABLE heartbeat_inbox ADD COLUMN node TEXT",
                "ALTER TABLE heartbeat ADD COLUMN node TEXT",
                "CREATE TABLE node (id TEXT PRIMARY KEY, site TEXT, shard TEXT, host TEXT, "
                        + "started_ms INTEGER NOT NULL, last_seen_ms INTEGER NOT NULL, stopped_ms INTEGER)",
                "CREATE TABLE lease (unit TEXT PRIMARY KEY, node TEXT NOT NULL, expires_ms INTEGER NOT NULL)",
                // the fleet's one config.yaml, versioned: the web editor's save reaches every node
                "CREATE TABLE config_doc (name TEXT PRIMARY KEY, version INTEGER NOT NULL, yaml TEXT NOT NULL, "
                        + "updated_ms INTEGER NOT NULL, updated_by TEXT)"),
            // The audit log (AuditStore): logins, config edits, user and token changes; who, when, from where.
            List.of(
                "CREATE TABLE audit (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, actor TEXT NOT NULL, client TEXT, "
                        + "action TEXT NOT NULL, target TEXT, detail TEXT)",
                "CREATE INDEX audit_by_ts ON audit (ts)"),
            // Site incidents (IncidentStore): several streams of one group DOWN together, one row each.
            // Member lists are newline-separated (stream names hold no control characters).
            List.of(
                "CREATE TABLE incident (id INTEGER PRIMARY KEY, label TEXT NOT NULL, grp TEXT NOT NULL, "
                        + "opened_ms INTEGER NOT NULL, last_fall_ms INTEGER NOT NULL, closed_ms INTEGER, size INTEGER NOT NULL, "
                        + "members TEXT NOT NULL, down TEXT NOT NULL, reasons TEXT NOT NULL, UNIQUE (label, grp, opened_ms))",
                "CREATE INDEX incident_by_opened ON incident (opened_ms)"));

    private Migrations() {}

    /** Brings the schema to the newest version; with PostgreSQL, under a lock so nodes starting together take turns. */
    static void apply(Connection c, Dialect dialect) throws SQLException {
        dialect.prepareNewDatabase(c);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            dialect.lockSchema(st);
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
                if (rs.next()) version = rs.getInt(1);
            }
            for (int v = version; v < STEPS.size(); v++) {
                for (String sql : STEPS.get(v)) st.execute(dialect.ddl(sql));
                st.execute("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
                LOG.info("Database schema migrated to version {}", v + 1);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
