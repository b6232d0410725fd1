package dev.streampulse.store;

import static dev.streampulse.store.HeartbeatRows.COLUMNS;

import dev.streampulse.probe.Heartbeat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heartbeats in SQL: the append-only inbox, the per-stream table compaction moves them to, and the
 * hourly rollups (see {@link Migrations} for why two tables). Obtained from {@link Database#heartbeats()}.
 */
final class SqlHeartbeatStore implements HeartbeatStore {
    /** Compaction and pruning both rewrite the inbox: one node at a time runs either. */
    private static final String MAINTENANCE = "heartbeat-maintenance";

    private final Connections db;
    private final StreamIds streams;
    private volatile String nodeId;
    private volatile String writeProblem;
    private volatile long lastCommittedId;

    SqlHeartbeatStore(Connections db, StreamIds streams) {
        this.db = db;
        this.streams = streams;
    }

    /** The node whose beats this store writes (stored with each beat); null on a single box. */
    void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public void insert(List<Heartbeat> beats) {
        if (beats.isEmpty()) return;
        try {
            lastCommittedId = db.transaction("write " + beats.size() + " heartbeats", w -> {
                try (PreparedStatement ps = w.prepareStatement("INSERT INTO heartbeat_inbox (stream_id, " + COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (Heartbeat b : beats) {
                        ps.setLong(1, streams.idOrAdd(w, b.stream()));
                        HeartbeatRows.bind(ps, 2, b);
                        if (b.node() == null) ps.setString(15, nodeId); // this node probed it
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (Statement st = w.createStatement();
                     ResultSet rs = st.executeQuery(db.dialect().lastInsertId("heartbeat_inbox"))) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
            writeProblem = null;
        } catch (StoreException failure) {
            writeProblem = failure.getMessage();
            throw failure;
        }
    }

    @Override
    public int compact() {
        return db.snapshotTransaction("compact heartbeats", w -> {
            if (!db.dialect().trySingleton(w, MAINTENANCE)) return 0; // another node is at it
            try (Statement st = w.createStatement()) {
                long maxId;
                try (ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM heartbeat_inbox")) {
                    maxId = rs.next() ? rs.getLong(1) : 0;
                }
                if (maxId == 0) return 0;
                // a beat already there (same stream and start) is kept: compaction may not double-count
                st.executeUpdate("INSERT INTO heartbeat (stream_id, " + COLUMNS + ") SELECT stream_id, "
                        + COLUMNS + " FROM heartbeat_inbox WHERE id <= " + maxId + " ORDER BY stream_id, ts "
                        + "ON CONFLICT (stream_id, ts) DO NOTHING");
                st.executeUpdate("INSERT INTO heartbeat_hourly AS h (hour, stream_id, beats, ok_beats, latency_sum, latency_max) "
                        + "SELECT ts / 3600000, stream_id, count(*), sum(ok), sum(latency_ms), max(latency_ms) "
                        + "FROM heartbeat_inbox WHERE id <= " + maxId + " GROUP BY ts / 3600000, stream_id "
                        + "ON CONFLICT (hour, stream_id) DO UPDATE SET beats = h.beats + excluded.beats, "
                        + "ok_beats = h.ok_beats + excluded.ok_beats, latency_sum = h.latency_sum + excluded.latency_sum, "
                        + "latency_max = CASE WHEN excluded.latency_max > h.latency_max THEN excluded.latency_max "
                        + "ELSE h.latency_max END");
                return st.executeUpdate("DELETE FROM heartbeat_inbox WHERE id <= " + maxId);
            }
        });
    }

    @Override
    public Map<String, Heartbeat> latest() {
        return db.read("latest beats", c -> {
            Map<String, Heartbeat> out = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT stream_id, " + COLUMNS + " FROM heartbeat_inbox "
                         + "WHERE id IN (SELECT max(id) FROM heartbeat_inbox GROUP BY stream_id)")) {
                while (rs.next()) {
                    Heartbeat b = HeartbeatRows.read(c, rs, streams);
                    out.merge(b.stream(), b, (x, y) -> x.ts() >= y.ts() ? x : y);
                }
            }
            List<Long> missing = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM stream")) {
                while (rs.next()) {
                    streams.remember(rs.getLong(1), rs.getString(2));
                    if (!out.containsKey(rs.getString(2))) missing.add(rs.getLong(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT stream_id, " + COLUMNS
                    + " FROM heartbeat WHERE stream_id = ? ORDER BY ts DESC LIMIT 1")) {
                for (long id : missing) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Heartbeat b = HeartbeatRows.read(c, rs, streams);
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
        return beats(stream, fromTs, toTs, limit, COLUMNS);
    }

    @Override
    public List<Heartbeat> beatsWithoutDetail(String stream, long fromTs, long toTs, int limit) {
        return beats(stream, fromTs, toTs, limit, COLUMNS.replace("detail", "NULL AS detail"));
    }

    private List<Heartbeat> beats(String stream, long fromTs, long toTs, int limit, String columns) {
        return db.read("beats of " + stream, c -> {
            Long id = streams.id(c, stream);
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
                    while (rs.next()) out.add(HeartbeatRows.read(c, rs, streams));
                }
            }
            return out;
        });
    }

    @Override
    public List<HourlyRollup> hourly(long fromHour, long toHour) {
        return db.read("hourly rollups", c -> rollups(c, "SELECT hour, stream_id, beats, ok_beats, latency_sum, "
                + "latency_max FROM heartbeat_hourly WHERE hour >= ? AND hour < ?", fromHour, toHour));
    }

    @Override
    public List<HourlyRollup> hourlyIncludingRecent(long fromHour, long toHour) {
        return db.readSnapshot("hourly counts", c -> rollups(c, "SELECT hour, stream_id, sum(beats), sum(ok_beats), "
                + "sum(latency_sum), max(latency_max) FROM (SELECT hour, stream_id, beats, ok_beats, latency_sum, "
                + "latency_max FROM heartbeat_hourly WHERE hour >= ? AND hour < ? UNION ALL "
                + "SELECT ts / 3600000, stream_id, 1, ok, latency_ms, latency_ms FROM heartbeat_inbox "
                + "WHERE ts >= ? AND ts < ?) AS h GROUP BY hour, stream_id",
                fromHour, toHour, fromHour * 3_600_000L, toHour * 3_600_000L));
    }

    private List<HourlyRollup> rollups(Connection c, String sql, Object... args) throws SQLException {
        return Sql.list(c, sql, rs -> new HourlyRollup(streams.name(c, rs.getLong(2)), rs.getLong(1), rs.getInt(3),
                rs.getInt(4), rs.getLong(5), rs.getLong(6)), args);
    }

    @Override
    public Map<String, Heartbeat> lastFailures(Map<String, long[]> ranges) {
        if (ranges.isEmpty()) return Map.of();
        return db.readSnapshot("last failures", c -> {
            Map<String, Heartbeat> out = new HashMap<>();
            // the inbox has no index by stream (append-only by design): one pass for all streams
            long from = ranges.values().stream().mapToLong(r -> r[0]).min().orElse(0);
            try (PreparedStatement ps = c.prepareStatement("SELECT stream_id, " + COLUMNS
                    + " FROM heartbeat_inbox WHERE ok = 0 AND ts >= ? ORDER BY id")) {
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Heartbeat b = HeartbeatRows.read(c, rs, streams);
                        long[] r = ranges.get(b.stream());
                        if (r != null && b.ts() >= r[0] && b.ts() < r[1]) out.merge(b.stream(), b, (x, y) -> x.ts() >= y.ts() ? x : y);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT stream_id, " + COLUMNS
                    + " FROM heartbeat WHERE stream_id = ? AND ts >= ? AND ts < ? AND ok = 0 ORDER BY ts DESC LIMIT 1")) {
                for (Map.Entry<String, long[]> e : ranges.entrySet()) {
                    if (out.containsKey(e.getKey())) continue;
                    Long id = streams.id(c, e.getKey());
                    if (id == null) continue;
                    ps.setLong(1, id);
                    ps.setLong(2, e.getValue()[0]);
                    ps.setLong(3, e.getValue()[1]);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) out.put(e.getKey(), HeartbeatRows.read(c, rs, streams));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int prune(long beforeTs) {
        return db.transaction("prune heartbeats", w -> {
            if (!db.dialect().trySingleton(w, MAINTENANCE)) return 0;
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
        return db.transaction("prune hourly rollups", w -> Sql.update(w, "DELETE FROM heartbeat_hourly WHERE hour < ?", beforeHour));
    }

    @Override
    public void vacuum() {
        db.onWriter("vacuum", w -> {
            db.dialect().vacuum(w);
            return null;
        });
    }

    @Override
    public long count() {
        return db.read("count", c -> Sql.longValue(c,
                "SELECT (SELECT count(*) FROM heartbeat) + (SELECT count(*) FROM heartbeat_inbox)"));
    }

    @Override
    public long lastCommittedId() {
        return lastCommittedId;
    }

    @Override
    public String writeProblem() {
        return writeProblem;
    }
}
