package dev.streampulse.store;

import dev.streampulse.health.EventStore;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;

/**
 * Heartbeats, events, nodes, leases and the audit log in SQL: one SQLite file on a single box (WAL: the web process
 * reads while the monitor writes), or one PostgreSQL that several monitor nodes and a web share.
 * The same schema and the same queries for both; {@link Dialect} holds the few differences.
 * One writer connection, a few reader connections; a PostgreSQL connection that drops is reopened.
 */
public class SqlHeartbeatStore implements HeartbeatStore, EventStore, NodeStore, AuditStore {
    private static final String BEAT_COLUMNS =
            "ts, late_ms, ok, latency_ms, reason, detail, codec, width, height, fps, clock, dhash, luma, node";
    /** Compaction and pruning both rewrite the inbox: one node at a time runs either. */
    private static final String MAINTENANCE = "heartbeat-maintenance";
    private static final String EVENT_COLUMNS =
            "id, stream_id, ts, kind, from_state, to_state, reason, detail, evidence_good, evidence_bad";
    private static final int READERS = 4;

    private final String url;
    private final Dialect dialect;
    private final String user;
    private final String password;
    private final Object writeLock = new Object();
    private Connection writer;
    private volatile String nodeId;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private volatile String writeProblem;
    private volatile long lastCommittedId;

    /** The embedded default: one SQLite file. */
    public SqlHeartbeatStore(Path file) {
        this("jdbc:sqlite:" + sqliteFile(file), null, null);
    }

    /**
     * Any supported database by its JDBC URL ({@code jdbc:sqlite:…}, {@code jdbc:postgresql:…});
     * user and password may be null (SQLite, or given in the URL).
     */
    public SqlHeartbeatStore(String url, String user, String password) {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.user = user;
        this.password = password;
        try {
            if (dialect == Dialect.SQLITE) privateSqliteFiles(url);
            this.writer = open(true);
            Migrations.apply(writer, dialect);
            for (int i = 0; i < READERS; i++) readers.add(open(false));
        } catch (Exception e) {
            close();
            throw new StoreException("cannot open database " + Dialect.redact(url), e);
        }
    }

    private static Path sqliteFile(Path file) {
        try {
            dev.streampulse.config.PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder of " + file, e);
        }
        return file.toAbsolutePath();
    }

    /**
     * The database and its -wal/-shm are owner-only: SQLite gives the journal files the database
     * file's permissions, so creating the database 0600 before SQLite opens it is enough; files an
     * older version created with the umask are tightened.
     */
    private static void privateSqliteFiles(String url) throws java.io.IOException {
        String f = url.substring("jdbc:sqlite:".length());
        if (f.startsWith("file:")) f = f.substring(5);
        int q = f.indexOf('?');
        if (q >= 0) f = f.substring(0, q);
        if (f.isEmpty() || f.startsWith(":memory:")) return;
        Path file = Path.of(f).toAbsolutePath();
        dev.streampulse.config.PrivateFiles.createDirectories(file.getParent());
        privateSqliteFiles(file);
    }

    static void privateSqliteFiles(Path file) throws java.io.IOException {
        dev.streampulse.config.PrivateFiles.createOwnerOnly(file);
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            dev.streampulse.config.PrivateFiles.restrict(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    /** The database behind this store, without credentials: "sqlite" or "postgresql". */
    public String kind() {
        return dialect == Dialect.SQLITE ? "sqlite" : "postgresql";
    }

    /** The node whose beats this store writes (stored with each beat); null on a single box. */
    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    private Connection open(boolean forWriting) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            Properties p = new Properties();
            if (user != null) p.setProperty("user", user);
            if (password != null) p.setProperty("password", password);
            p.setProperty("ApplicationName", "StreamPulse");
            p.setProperty("connectTimeout", "10");
            // a half-open connection (server gone without a FIN) must not hold the writer forever
            p.setProperty("socketTimeout", "120");
            p.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(url, p);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a beat reported committed survives a power cut, not only a process crash.
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(10_000);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // the writer takes the write lock when its transaction begins: a transaction that reads first
        // and then writes could not wait for another writer (SQLITE_BUSY at once, busy timeout or not)
        if (forWriting) cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return DriverManager.getConnection(url, cfg.toProperties());
    }

    @Override
    public void insert(List<Heartbeat> beats) {
        if (beats.isEmpty()) return;
        synchronized (writeLock) {
            try {
                w().setAutoCommit(false);
                try (PreparedStatement ps = w().prepareStatement(
                        "INSERT INTO heartbeat_inbox (stream_id, " + BEAT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (Heartbeat b : beats) {
                        ps.setLong(1, streamId(b.stream()));
                        bind(ps, 2, b);
                        if (b.node() == null) ps.setString(15, nodeId); // this node probed it
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                long lastId;
                try (Statement st = w().createStatement(); ResultSet rs = st.executeQuery(dialect.lastInsertId("heartbeat_inbox"))) {
                    lastId = rs.next() ? rs.getLong(1) : 0;
                }
                w().commit();
                lastCommittedId = lastId;
                writeProblem = null;
            } catch (SQLException e) {
                rollback();
                lost(e);
                StoreException failure = new StoreException("cannot write " + beats.size() + " heartbeats", e);
                writeProblem = failure.getMessage();
                throw failure;
            } finally {
                autoCommit();
            }
        }
    }

    @Override
    public int compact() {
        synchronized (writeLock) {
            try (Statement st = w().createStatement()) {
                dialect.beginSnapshot(w());
                if (!dialect.trySingleton(w(), MAINTENANCE)) {
                    w().commit();
                    return 0; // another node is at it
                }
                long maxId;
                try (ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM heartbeat_inbox")) {
                    maxId = rs.next() ? rs.getLong(1) : 0;
                }
                if (maxId == 0) {
                    w().commit();
                    return 0;
                }
                // a beat already there (same stream and start) is kept: compaction may not double-count
                st.executeUpdate("INSERT INTO heartbeat (stream_id, " + BEAT_COLUMNS + ") SELECT stream_id, "
                        + BEAT_COLUMNS + " FROM heartbeat_inbox WHERE id <= " + maxId + " ORDER BY stream_id, ts "
                        + "ON CONFLICT (stream_id, ts) DO NOTHING");
                st.executeUpdate("INSERT INTO heartbeat_hourly AS h (hour, stream_id, beats, ok_beats, latency_sum, latency_max) "
                        + "SELECT ts / 3600000, stream_id, count(*), sum(ok), sum(latency_ms), max(latency_ms) "
                        + "FROM heartbeat_inbox WHERE id <= " + maxId + " GROUP BY ts / 3600000, stream_id "
                        + "ON CONFLICT (hour, stream_id) DO UPDATE SET beats = h.beats + excluded.beats, "
                        + "ok_beats = h.ok_beats + excluded.ok_beats, latency_sum = h.latency_sum + excluded.latency_sum, "
                        + "latency_max = CASE WHEN excluded.latency_max > h.latency_max THEN excluded.latency_max "
                        + "ELSE h.latency_max END");
                int moved = st.executeUpdate("DELETE FROM heartbeat_inbox WHERE id <= " + maxId);
                w().commit();
                return moved;
            } catch (SQLException e) {
                rollback();
                lost(e);
                throw new StoreException("cannot compact heartbeats", e);
            } finally {
                endSnapshot();
            }
        }
    }

    @Override
    public Map<String, Heartbeat> latest() {
        return read("latest beats", c -> {
            Map<String, Heartbeat> out = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT stream_id, " + BEAT_COLUMNS + " FROM heartbeat_inbox "
                         + "WHERE id IN (SELECT max(id) FROM heartbeat_inbox GROUP BY stream_id)")) {
                while (rs.next()) {
                    Heartbeat b = beat(c, rs);
                    out.merge(b.stream(), b, (x, y) -> x.ts() >= y.ts() ? x : y);
                }
            }
            List<Long> missing = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM stream")) {
                while (rs.next()) {
                    names.putIfAbsent(rs.getLong(1), rs.getString(2));
                    if (!out.containsKey(rs.getString(2))) missing.add(rs.getLong(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT stream_id, " + BEAT_COLUMNS
                    + " FROM heartbeat WHERE stream_id = ? ORDER BY ts DESC LIMIT 1")) {
                for (long id : missing) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Heartbeat b = beat(c, rs);
                            out.put(b.stream(), b);
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Heartbeat> beats(String stream, long fromTs, long toTs, int limit) {
        return beats(stream, fromTs, toTs, limit, BEAT_COLUMNS);
    }

    @Override
    public List<Heartbeat> beatsWithoutDetail(String stream, long fromTs, long toTs, int limit) {
        return beats(stream, fromTs, toTs, limit, BEAT_COLUMNS.replace("detail", "NULL AS detail"));
    }

    private List<Heartbeat> beats(String stream, long fromTs, long toTs, int limit, String columns) {
        return read("beats of " + stream, c -> {
            Long id = knownId(c, stream);
            List<Heartbeat> out = new ArrayList<>();
            if (id == null) return out;
            String sql = "SELECT * FROM (SELECT stream_id, " + columns + " FROM heartbeat_inbox "
                    + "WHERE stream_id = ? AND ts >= ? AND ts < ? UNION ALL SELECT stream_id, " + columns
                    + " FROM heartbeat WHERE stream_id = ? AND ts >= ? AND ts < ?) AS b ORDER BY ts DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < 2; i++) {
                    ps.setLong(1 + 3 * i, id);
                    ps.setLong(2 + 3 * i, fromTs);
                    ps.setLong(3 + 3 * i, toTs);
                }
                ps.setInt(7, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(beat(c, rs));
                }
            }
            return out;
        });
    }

    @Override
    public List<HourlyRollup> hourly(long fromHour, long toHour) {
        return read("hourly rollups", c -> {
            List<HourlyRollup> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT hour, stream_id, beats, ok_beats, latency_sum, "
                    + "latency_max FROM heartbeat_hourly WHERE hour >= ? AND hour < ?")) {
                ps.setLong(1, fromHour);
                ps.setLong(2, toHour);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HourlyRollup(name(c, rs.getLong(2)), rs.getLong(1), rs.getInt(3), rs.getInt(4),
                                rs.getLong(5), rs.getLong(6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<HourlyRollup> hourlyIncludingRecent(long fromHour, long toHour) {
        return read("hourly counts", c -> {
            // the two tables are read in one snapshot
            dialect.beginSnapshot(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT hour, stream_id, sum(beats), sum(ok_beats), "
                    + "sum(latency_sum), max(latency_max) FROM (SELECT hour, stream_id, beats, ok_beats, latency_sum, "
                    + "latency_max FROM heartbeat_hourly WHERE hour >= ? AND hour < ? UNION ALL "
                    + "SELECT ts / 3600000, stream_id, 1, ok, latency_ms, latency_ms FROM heartbeat_inbox "
                    + "WHERE ts >= ? AND ts < ?) AS h GROUP BY hour, stream_id")) {
                ps.setLong(1, fromHour);
                ps.setLong(2, toHour);
                ps.setLong(3, fromHour * 3_600_000L);
                ps.setLong(4, toHour * 3_600_000L);
                List<HourlyRollup> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HourlyRollup(name(c, rs.getLong(2)), rs.getLong(1), rs.getInt(3), rs.getInt(4),
                                rs.getLong(5), rs.getLong(6)));
                    }
                }
                return out;
            } finally {
                c.commit();
                dialect.endSnapshot(c);
            }
        });
    }

    @Override
    public Map<String, Heartbeat> lastFailures(Map<String, long[]> ranges) {
        if (ranges.isEmpty()) return Map.of();
        return read("last failures", c -> {
            Map<String, Heartbeat> out = new HashMap<>();
            dialect.beginSnapshot(c); // one snapshot: a compaction in between could hide a beat
            try {
                // the inbox has no index by stream (append-only by design): one pass for all streams
                long from = ranges.values().stream().mapToLong(r -> r[0]).min().orElse(0);
                try (PreparedStatement ps = c.prepareStatement("SELECT stream_id, " + BEAT_COLUMNS
                        + " FROM heartbeat_inbox WHERE ok = 0 AND ts >= ? ORDER BY id")) {
                    ps.setLong(1, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Heartbeat b = beat(c, rs);
                            long[] r = ranges.get(b.stream());
                            if (r != null && b.ts() >= r[0] && b.ts() < r[1]) out.merge(b.stream(), b, (x, y) -> x.ts() >= y.ts() ? x : y);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT stream_id, " + BEAT_COLUMNS
                        + " FROM heartbeat WHERE stream_id = ? AND ts >= ? AND ts < ? AND ok = 0 ORDER BY ts DESC LIMIT 1")) {
                    for (Map.Entry<String, long[]> e : ranges.entrySet()) {
                        if (out.containsKey(e.getKey())) continue;
                        Long id = knownId(c, e.getKey());
                        if (id == null) continue;
                        ps.setLong(1, id);
                        ps.setLong(2, e.getValue()[0]);
                        ps.setLong(3, e.getValue()[1]);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) out.put(e.getKey(), beat(c, rs));
                        }
                    }
                }
                return out;
            } finally {
                c.commit();
                dialect.endSnapshot(c);
            }
        });
    }

    @Override
    public int prune(long beforeTs) {
        return inTransaction("prune heartbeats", w -> {
            if (!dialect.trySingleton(w, MAINTENANCE)) return 0;
            try (PreparedStatement a = w.prepareStatement("DELETE FROM heartbeat WHERE ts < ?");
                 PreparedStatement b = w.prepareStatement("DELETE FROM heartbeat_inbox WHERE ts < ?")) {
                a.setLong(1, beforeTs);
                b.setLong(1, beforeTs);
                return a.executeUpdate() + b.executeUpdate();
            }
        });
    }

    @Override
    public int pruneHourly(long beforeHour) {
        return write("prune hourly rollups", "DELETE FROM heartbeat_hourly WHERE hour < ?", beforeHour);
    }

    @Override
    public void vacuum() {
        if (dialect == Dialect.POSTGRES) return; // autovacuum's job there
        synchronized (writeLock) {
            try (Statement st = w().createStatement()) {
                long free;
                try (ResultSet rs = st.executeQuery("PRAGMA freelist_count")) {
                    free = rs.next() ? rs.getLong(1) : 0;
                }
                // The pragma gives back one page per step of its statement, and the driver steps a
                // statement without result columns once: so one page per (closed) statement, all in one
                // transaction. A plain "PRAGMA incremental_vacuum" here frees a single page.
                w().setAutoCommit(false);
                for (long i = 0; i < free; i++) {
                    try (Statement one = w().createStatement()) {
                        one.execute("PRAGMA incremental_vacuum(1)");
                    }
                }
                w().commit();
                w().setAutoCommit(true);
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                rollback();
                throw new StoreException("cannot vacuum", e);
            } finally {
                autoCommit();
            }
        }
    }

    // --- events (health.EventStore) ---

    @Override
    public long insertEvent(HealthEvent e) {
        synchronized (writeLock) {
            try (PreparedStatement ps = w().prepareStatement("INSERT INTO stream_event (stream_id, ts, kind, from_state, "
                    + "to_state, reason, detail, evidence_good, evidence_bad) VALUES (?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, streamId(e.stream()));
                ps.setLong(2, e.ts());
                ps.setString(3, e.kind());
                ps.setString(4, e.from().name());
                ps.setString(5, e.to().name());
                ps.setString(6, e.reason());
                ps.setString(7, e.detail());
                ps.setString(8, e.evidenceGood());
                ps.setString(9, e.evidenceBad());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException ex) {
                throw new StoreException("cannot write event of " + e.stream(), ex);
            }
        }
    }

    @Override
    public List<HealthEvent> events(String stream, long fromTs, long toTs, int limit) {
        return read("events of " + stream, c -> {
            Long id = knownId(c, stream);
            if (id == null) return List.of();
            return events(c, "SELECT " + EVENT_COLUMNS + " FROM stream_event WHERE stream_id = ? AND ts >= ? AND ts < ? "
                    + "ORDER BY ts, id LIMIT ?", id, fromTs, toTs, limit);
        });
    }

    @Override
    public List<HealthEvent> recentEvents(long fromTs, long toTs, int limit) {
        return read("recent events", c -> events(c, "SELECT " + EVENT_COLUMNS + " FROM stream_event WHERE ts >= ? AND ts < ? "
                + "ORDER BY ts DESC, id DESC LIMIT ?", fromTs, toTs, limit));
    }

    @Override
    public Map<String, HealthEvent> lastStateEvents() {
        return read("last states", c -> {
            Map<String, HealthEvent> out = new HashMap<>();
            for (HealthEvent e : events(c, "SELECT " + EVENT_COLUMNS + " FROM stream_event WHERE id IN (SELECT max(id) "
                    + "FROM stream_event WHERE kind = 'STATE' GROUP BY stream_id)")) {
                out.put(e.stream(), e);
            }
            return out;
        });
    }

    @Override
    public HealthEvent stateBefore(String stream, long ts) {
        return read("state of " + stream, c -> {
            Long id = knownId(c, stream);
            if (id == null) return null;
            List<HealthEvent> e = events(c, "SELECT " + EVENT_COLUMNS + " FROM stream_event WHERE stream_id = ? AND ts < ? "
                    + "AND kind = 'STATE' ORDER BY ts DESC, id DESC LIMIT 1", id, ts);
            return e.isEmpty() ? null : e.get(0);
        });
    }

    @Override
    public int pruneEvents(long beforeTs) {
        return write("prune events", "DELETE FROM stream_event WHERE ts < ?", beforeTs);
    }

    private List<HealthEvent> events(Connection c, String sql, Object... args) throws SQLException {
        List<HealthEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HealthEvent(rs.getLong("id"), name(c, rs.getLong("stream_id")), rs.getLong("ts"),
                            rs.getString("kind"), StreamState.valueOf(rs.getString("from_state")),
                            StreamState.valueOf(rs.getString("to_state")), rs.getString("reason"), rs.getString("detail"),
                            rs.getString("evidence_good"), rs.getString("evidence_bad")));
                }
            }
        }
        return out;
    }

    private int write(String what, String sql, long arg) {
        synchronized (writeLock) {
            try (PreparedStatement ps = w().prepareStatement(sql)) {
                ps.setLong(1, arg);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot " + what, e);
            }
        }
    }

    @Override
    public long lastEventId() {
        // max of the INTEGER PRIMARY KEY: one step down the b-tree, whatever the table's size
        return read("last event id", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(id) FROM stream_event")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public long count() {
        return read("count", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT (SELECT count(*) FROM heartbeat) + (SELECT count(*) FROM heartbeat_inbox)")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public long lastCommittedId() {
        return lastCommittedId;
    }

    @Override
    public String writeProblem() {
        return writeProblem;
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            quietlyClose(writer);
            writer = null;
        }
        Connection c;
        while ((c = readers.poll()) != null) quietlyClose(c);
    }

    private static void quietlyClose(Connection c) {
        try {
            if (c != null) c.close();
        } catch (SQLException ignored) {
            // closing on shutdown or after a lost connection: nothing left to save
        }
    }

    // --- nodes and leases (NodeStore) ---

    @Override
    public void nodeBeat(String id, String site, String shard, String host, long startedMs) {
        synchronized (writeLock) {
            try (PreparedStatement ps = w().prepareStatement("INSERT INTO node (id, site, shard, host, started_ms, "
                    + "last_seen_ms, stopped_ms) VALUES (?, ?, ?, ?, ?, " + dialect.nowMs() + ", NULL) ON CONFLICT (id) "
                    + "DO UPDATE SET site = excluded.site, shard = excluded.shard, host = excluded.host, "
                    + "started_ms = excluded.started_ms, last_seen_ms = excluded.last_seen_ms, stopped_ms = NULL")) {
                ps.setString(1, id);
                ps.setString(2, site);
                ps.setString(3, shard);
                ps.setString(4, host);
                ps.setLong(5, startedMs);
                ps.executeUpdate();
            } catch (SQLException e) {
                lost(e);
                throw new StoreException("cannot record node " + id, e);
            }
        }
    }

    @Override
    public void nodeStopped(String id) {
        inTransaction("record the stop of node " + id, w -> {
            try (PreparedStatement a = w.prepareStatement("DELETE FROM lease WHERE node = ?");
                 PreparedStatement b = w.prepareStatement("UPDATE node SET stopped_ms = " + dialect.nowMs() + " WHERE id = ?")) {
                a.setString(1, id);
                a.executeUpdate();
                b.setString(1, id);
                return b.executeUpdate();
            }
        });
    }

    @Override
    public List<NodeRow> nodes() {
        return read("nodes", c -> {
            List<NodeRow> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, site, shard, host, "
                    + "started_ms, last_seen_ms, stopped_ms, " + dialect.nowMs() + " AS now_ms FROM node ORDER BY id")) {
                while (rs.next()) {
                    long stopped = rs.getLong("stopped_ms");
                    Long stoppedMs = rs.wasNull() ? null : stopped;
                    out.add(new NodeRow(rs.getString("id"), rs.getString("site"), rs.getString("shard"),
                            rs.getString("host"), rs.getLong("started_ms"), rs.getLong("last_seen_ms"), stoppedMs,
                            rs.getLong("now_ms") - rs.getLong("last_seen_ms")));
                }
            }
            return out;
        });
    }

    @Override
    public Set<String> lease(String node, Collection<String> claim, Collection<String> release,
                                       long leaseMs) {
        return inTransaction("renew the leases of node " + node, w -> {
            try (PreparedStatement drop = w.prepareStatement("DELETE FROM lease WHERE unit = ? AND node = ?");
                 // a unit changes hands only when it is free or its lease ran out: never two holders
                 PreparedStatement take = w.prepareStatement("INSERT INTO lease AS l (unit, node, expires_ms) VALUES "
                         + "(?, ?, " + dialect.nowMs() + " + ?) ON CONFLICT (unit) DO UPDATE SET node = excluded.node, "
                         + "expires_ms = excluded.expires_ms WHERE l.node = excluded.node OR l.expires_ms < "
                         + dialect.nowMs());
                 PreparedStatement held = w.prepareStatement("SELECT unit FROM lease WHERE node = ? AND expires_ms > "
                         + dialect.nowMs())) {
                for (String unit : release) {
                    drop.setString(1, unit);
                    drop.setString(2, node);
                    drop.addBatch();
                }
                if (!release.isEmpty()) drop.executeBatch();
                for (String unit : claim) {
                    take.setString(1, unit);
                    take.setString(2, node);
                    take.setLong(3, leaseMs);
                    take.addBatch();
                }
                if (!claim.isEmpty()) take.executeBatch();
                Set<String> out = new HashSet<>();
                held.setString(1, node);
                try (ResultSet rs = held.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    @Override
    public Map<String, String> leases() {
        return read("leases", c -> {
            Map<String, String> out = new TreeMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT unit, node FROM lease "
                    + "WHERE expires_ms > " + dialect.nowMs())) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    @Override
    public long configVersion() {
        return read("config version", c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version FROM config_doc WHERE name = 'config.yaml'")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public ConfigDoc configDoc() {
        return read("config", c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version, yaml, updated_by FROM config_doc WHERE name = 'config.yaml'")) {
                return rs.next() ? new ConfigDoc(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
            }
        });
    }

    @Override
    public boolean publishConfig(String yaml, long expectedVersion, String by) {
        return inTransaction("publish the config", w -> {
            String sql = expectedVersion == 0
                    ? "INSERT INTO config_doc (yaml, updated_by, updated_ms, name, version) VALUES (?, ?, " + dialect.nowMs()
                            + ", 'config.yaml', 1) ON CONFLICT (name) DO NOTHING"
                    : "UPDATE config_doc SET yaml = ?, updated_by = ?, updated_ms = " + dialect.nowMs()
                            + ", version = version + 1 WHERE name = 'config.yaml' AND version = ?";
            try (PreparedStatement ps = w.prepareStatement(sql)) {
                ps.setString(1, yaml);
                ps.setString(2, by);
                if (expectedVersion != 0) ps.setLong(3, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }

    // --- audit log (AuditStore) ---

    @Override
    public long insertAudit(AuditEntry e) {
        synchronized (writeLock) {
            try (PreparedStatement ps = w().prepareStatement("INSERT INTO audit (ts, actor, client, action, target, detail) "
                    + "VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, e.ts());
                ps.setString(2, e.actor());
                ps.setString(3, e.client());
                ps.setString(4, e.action());
                ps.setString(5, e.target());
                ps.setString(6, e.detail());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException ex) {
                lost(ex);
                throw new StoreException("cannot write the audit entry " + e.action(), ex);
            }
        }
    }

    @Override
    public List<AuditEntry> audit(long fromTs, long toTs, int limit) {
        return read("audit log", c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, ts, actor, client, action, target, detail FROM audit "
                    + "WHERE ts >= ? AND ts < ? ORDER BY ts DESC, id DESC LIMIT ?")) {
                ps.setLong(1, fromTs);
                ps.setLong(2, toTs);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int pruneAudit(long beforeTs) {
        return write("prune the audit log", "DELETE FROM audit WHERE ts < ?", beforeTs);
    }

    // --- helpers ---

    private long streamId(String name) throws SQLException {
        Long id = ids.get(name);
        if (id != null) return id;
        try (PreparedStatement ins = w().prepareStatement("INSERT INTO stream (name, created_ms) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
             PreparedStatement sel = w().prepareStatement("SELECT id FROM stream WHERE name = ?")) {
            ins.setString(1, name);
            ins.setLong(2, System.currentTimeMillis());
            ins.executeUpdate();
            sel.setString(1, name);
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        ids.put(name, id);
        names.put(id, name);
        return id;
    }

    private Long knownId(Connection c, String name) throws SQLException {
        Long id = ids.get(name);
        if (id != null) return id;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM stream WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private String name(Connection c, long id) throws SQLException {
        String n = names.get(id);
        if (n != null) return n;
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM stream WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                n = rs.next() ? rs.getString(1) : "#" + id;
            }
        }
        names.put(id, n);
        return n;
    }

    private static void bind(PreparedStatement ps, int i, Heartbeat b) throws SQLException {
        ps.setLong(i, b.ts());
        ps.setLong(i + 1, b.lateMs());
        ps.setInt(i + 2, b.ok() ? 1 : 0);
        ps.setLong(i + 3, b.latencyMs());
        ps.setString(i + 4, b.reason() == null ? null : b.reason().name());
        ps.setString(i + 5, b.detail());
        ps.setString(i + 6, b.codec());
        if (b.ok()) {
            ps.setInt(i + 7, b.width());
            ps.setInt(i + 8, b.height());
            ps.setDouble(i + 9, b.fps());
        } else {
            ps.setNull(i + 7, Types.INTEGER);
            ps.setNull(i + 8, Types.INTEGER);
            ps.setNull(i + 9, Types.REAL);
        }
        ps.setString(i + 10, b.clock());
        if (b.dhash() == null) ps.setNull(i + 11, Types.INTEGER);
        else ps.setLong(i + 11, b.dhash());
        if (b.luma() == null) ps.setNull(i + 12, Types.REAL);
        else ps.setDouble(i + 12, b.luma());
        ps.setString(i + 13, b.node());
    }

    private Heartbeat beat(Connection c, ResultSet rs) throws SQLException {
        String reason = rs.getString("reason");
        return new Heartbeat(name(c, rs.getLong("stream_id")), rs.getLong("ts"), rs.getLong("late_ms"),
                rs.getInt("ok") == 1, rs.getLong("latency_ms"), reason == null ? null : Reason.valueOf(reason),
                rs.getString("detail"), rs.getString("codec"), rs.getInt("width"), rs.getInt("height"),
                rs.getDouble("fps"), rs.getString("clock"), (Long) nullable(rs, "dhash", rs.getLong("dhash")),
                (Double) nullable(rs, "luma", rs.getDouble("luma")), rs.getString("node"));
    }

    private static Object nullable(ResultSet rs, String column, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code body} in one write transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(String what, Query<T> body) {
        synchronized (writeLock) {
            try {
                Connection w = w();
                w.setAutoCommit(false);
                T out = body.run(w);
                w.commit();
                return out;
            } catch (SQLException e) {
                rollback();
                lost(e);
                throw new StoreException("cannot " + what, e);
            } finally {
                autoCommit();
            }
        }
    }

    private <T> T read(String what, Query<T> q) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted reading " + what, e);
        }
        try {
            return q.run(c);
        } catch (SQLException e) {
            if (dialect.lostConnection(e)) c = reopen(c);
            throw new StoreException("cannot read " + what, e);
        } finally {
            readers.add(c);
        }
    }

    /** The writer connection, reopened after PostgreSQL dropped it (callers hold the write lock). */
    private Connection w() throws SQLException {
        if (writer == null) writer = open(true);
        return writer;
    }

    /** Forgets the writer when the failure was the connection itself, so the next write reconnects. */
    private void lost(SQLException e) {
        if (!dialect.lostConnection(e)) return;
        quietlyClose(writer);
        writer = null;
    }

    private Connection reopen(Connection broken) {
        try {
            Connection fresh = open(false);
            quietlyClose(broken);
            return fresh;
        } catch (SQLException e) {
            return broken; // still down: the next read tries again
        }
    }

    private void rollback() {
        try {
            if (writer != null) writer.rollback();
        } catch (SQLException ignored) {
            // the connection reports the original failure
        }
    }

    private void autoCommit() {
        try {
            if (writer != null) writer.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next use will fail loudly
        }
    }

    private void endSnapshot() {
        try {
            if (writer != null) dialect.endSnapshot(writer);
        } catch (SQLException ignored) {
            // next use will fail loudly
        }
    }
}
