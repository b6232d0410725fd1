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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;

/**
 * Heartbeats in one SQLite file (WAL: the web process reads while the monitor writes).
 * One writer connection, a few reader connections.
 */
public class SqliteHeartbeatStore implements HeartbeatStore, EventStore {
    private static final String BEAT_COLUMNS =
            "ts, late_ms, ok, latency_ms, reason, detail, codec, width, height, fps, clock, dhash, luma";
    private static final String EVENT_COLUMNS =
            "id, stream_id, ts, kind, from_state, to_state, reason, detail, evidence_good, evidence_bad";
    private static final int READERS = 4;

    private final String url;
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private volatile String writeProblem;
    private volatile long lastCommittedId;

    public SqliteHeartbeatStore(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.url = "jdbc:sqlite:" + file.toAbsolutePath();
            this.writer = open();
            Migrations.apply(writer);
            for (int i = 0; i < READERS; i++) readers.add(open());
        } catch (Exception e) {
            throw new StoreException("cannot open database " + file, e);
        }
    }

    private Connection open() throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a beat reported committed survives a power cut, not only a process crash.
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(10_000);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return DriverManager.getConnection(url, cfg.toProperties());
    }

    @Override
    public void insert(List<Heartbeat> beats) {
        if (beats.isEmpty()) return;
        synchronized (writer) {
            try {
                writer.setAutoCommit(false);
                try (PreparedStatement ps = writer.prepareStatement(
                        "INSERT INTO heartbeat_inbox (stream_id, " + BEAT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (Heartbeat b : beats) {
                        ps.setLong(1, streamId(b.stream()));
                        bind(ps, 2, b);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                long lastId;
                try (Statement st = writer.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
                    lastId = rs.next() ? rs.getLong(1) : 0;
                }
                writer.commit();
                lastCommittedId = lastId;
                writeProblem = null;
            } catch (SQLException e) {
                rollback();
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
        synchronized (writer) {
            try (Statement st = writer.createStatement()) {
                writer.setAutoCommit(false);
                long maxId;
                try (ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM heartbeat_inbox")) {
                    maxId = rs.next() ? rs.getLong(1) : 0;
                }
                if (maxId == 0) {
                    writer.commit();
                    return 0;
                }
                st.executeUpdate("INSERT OR REPLACE INTO heartbeat (stream_id, " + BEAT_COLUMNS + ") SELECT stream_id, "
                        + BEAT_COLUMNS + " FROM heartbeat_inbox WHERE id <= " + maxId + " ORDER BY stream_id, ts");
                st.executeUpdate("INSERT INTO heartbeat_hourly (hour, stream_id, beats, ok_beats, latency_sum, latency_max) "
                        + "SELECT ts / 3600000, stream_id, count(*), sum(ok), sum(latency_ms), max(latency_ms) "
                        + "FROM heartbeat_inbox WHERE id <= " + maxId + " GROUP BY 1, 2 "
                        + "ON CONFLICT (hour, stream_id) DO UPDATE SET beats = beats + excluded.beats, "
                        + "ok_beats = ok_beats + excluded.ok_beats, latency_sum = latency_sum + excluded.latency_sum, "
                        + "latency_max = max(latency_max, excluded.latency_max)");
                int moved = st.executeUpdate("DELETE FROM heartbeat_inbox WHERE id <= " + maxId);
                writer.commit();
                return moved;
            } catch (SQLException e) {
                rollback();
                throw new StoreException("cannot compact heartbeats", e);
            } finally {
                autoCommit();
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
        return read("beats of " + stream, c -> {
            Long id = knownId(c, stream);
            List<Heartbeat> out = new ArrayList<>();
            if (id == null) return out;
            String sql = "SELECT * FROM (SELECT stream_id, " + BEAT_COLUMNS + " FROM heartbeat_inbox "
                    + "WHERE stream_id = ?1 AND ts >= ?2 AND ts < ?3 UNION ALL SELECT stream_id, " + BEAT_COLUMNS
                    + " FROM heartbeat WHERE stream_id = ?1 AND ts >= ?2 AND ts < ?3) ORDER BY ts DESC LIMIT ?4";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                ps.setLong(2, fromTs);
                ps.setLong(3, toTs);
                ps.setInt(4, limit);
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
            // the two tables are read in one transaction: WAL gives it one snapshot of both
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT hour, stream_id, sum(beats), sum(ok_beats), "
                    + "sum(latency_sum), max(latency_max) FROM (SELECT hour, stream_id, beats, ok_beats, latency_sum, "
                    + "latency_max FROM heartbeat_hourly WHERE hour >= ?1 AND hour < ?2 UNION ALL "
                    + "SELECT ts / 3600000, stream_id, 1, ok, latency_ms, latency_ms FROM heartbeat_inbox "
                    + "WHERE ts >= ?1 * 3600000 AND ts < ?2 * 3600000) GROUP BY hour, stream_id")) {
                ps.setLong(1, fromHour);
                ps.setLong(2, toHour);
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
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public Map<String, Heartbeat> lastFailures(Map<String, long[]> ranges) {
        if (ranges.isEmpty()) return Map.of();
        return read("last failures", c -> {
            Map<String, Heartbeat> out = new HashMap<>();
            c.setAutoCommit(false); // one snapshot: a compaction in between could hide a beat
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
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public int prune(long beforeTs) {
        synchronized (writer) {
            try (PreparedStatement a = writer.prepareStatement("DELETE FROM heartbeat WHERE ts < ?");
                 PreparedStatement b = writer.prepareStatement("DELETE FROM heartbeat_inbox WHERE ts < ?")) {
                writer.setAutoCommit(false);
                a.setLong(1, beforeTs);
                b.setLong(1, beforeTs);
                int n = a.executeUpdate() + b.executeUpdate();
                writer.commit();
                return n;
            } catch (SQLException e) {
                rollback();
                throw new StoreException("cannot prune heartbeats", e);
            } finally {
                autoCommit();
            }
        }
    }

    @Override
    public int pruneHourly(long beforeHour) {
        return write("prune hourly rollups", "DELETE FROM heartbeat_hourly WHERE hour < ?", beforeHour);
    }

    @Override
    public void vacuum() {
        synchronized (writer) {
            try (Statement st = writer.createStatement()) {
                long free;
                try (ResultSet rs = st.executeQuery("PRAGMA freelist_count")) {
                    free = rs.next() ? rs.getLong(1) : 0;
                }
                // The pragma gives back one page per step of its statement, and the driver steps a
                // statement without result columns once: so one page per (closed) statement, all in one
                // transaction. A plain "PRAGMA incremental_vacuum" here frees a single page.
                writer.setAutoCommit(false);
                for (long i = 0; i < free; i++) {
                    try (Statement one = writer.createStatement()) {
                        one.execute("PRAGMA incremental_vacuum(1)");
                    }
                }
                writer.commit();
                writer.setAutoCommit(true);
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
        synchronized (writer) {
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO stream_event (stream_id, ts, kind, from_state, "
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
        synchronized (writer) {
            try (PreparedStatement ps = writer.prepareStatement(sql)) {
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
        synchronized (writer) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // closing on shutdown: nothing left to save
            }
        }
        Connection c;
        while ((c = readers.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    // --- helpers ---

    private long streamId(String name) throws SQLException {
        Long id = ids.get(name);
        if (id != null) return id;
        try (PreparedStatement ins = writer.prepareStatement("INSERT OR IGNORE INTO stream (name, created_ms) VALUES (?, ?)");
             PreparedStatement sel = writer.prepareStatement("SELECT id FROM stream WHERE name = ?")) {
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
    }

    private Heartbeat beat(Connection c, ResultSet rs) throws SQLException {
        String reason = rs.getString("reason");
        return new Heartbeat(name(c, rs.getLong("stream_id")), rs.getLong("ts"), rs.getLong("late_ms"),
                rs.getInt("ok") == 1, rs.getLong("latency_ms"), reason == null ? null : Reason.valueOf(reason),
                rs.getString("detail"), rs.getString("codec"), rs.getInt("width"), rs.getInt("height"),
                rs.getDouble("fps"), rs.getString("clock"), (Long) nullable(rs, "dhash", rs.getLong("dhash")),
                (Double) nullable(rs, "luma", rs.getDouble("luma")));
    }

    private static Object nullable(ResultSet rs, String column, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
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
            throw new StoreException("cannot read " + what, e);
        } finally {
            readers.add(c);
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the connection reports the original failure
        }
    }

    private void autoCommit() {
        try {
            writer.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next use will fail loudly
        }
    }
}
