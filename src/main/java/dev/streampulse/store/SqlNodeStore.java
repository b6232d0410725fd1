package dev.streampulse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Monitor nodes ({@code node}) and their leases on units of work ({@code lease}), on the database's clock. */
final class SqlNodeStore implements NodeStore {
    private final Connections db;
    private final String now;

    SqlNodeStore(Connections db) {
        this.db = db;
        this.now = db.dialect().nowMs();
    }

    @Override
    public void nodeBeat(String id, String site, String shard, String host, long startedMs) {
        db.transaction("record node " + id, w -> {
            try (PreparedStatement ps = w.prepareStatement("INSERT INTO node (id, site, shard, host, started_ms, "
                    + "last_seen_ms, stopped_ms) VALUES (?, ?, ?, ?, ?, " + now + ", NULL) ON CONFLICT (id) "
                    + "DO UPDATE SET site = excluded.site, shard = excluded.shard, host = excluded.host, "
                    + "started_ms = excluded.started_ms, last_seen_ms = excluded.last_seen_ms, stopped_ms = NULL")) {
                ps.setString(1, id);
                ps.setString(2, site);
                ps.setString(3, shard);
                ps.setString(4, host);
                ps.setLong(5, startedMs);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void nodeStopped(String id) {
        db.transaction("record the stop of node " + id, w -> {
            try (PreparedStatement a = w.prepareStatement("DELETE FROM lease WHERE node = ?");
                 PreparedStatement b = w.prepareStatement("UPDATE node SET stopped_ms = " + now + " WHERE id = ?")) {
                a.setString(1, id);
                a.executeUpdate();
                b.setString(1, id);
                return b.executeUpdate();
            }
        });
    }

    @Override
    public List<NodeRow> nodes() {
        return db.read("nodes", c -> {
            List<NodeRow> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, site, shard, host, "
                    + "started_ms, last_seen_ms, stopped_ms, " + now + " AS now_ms FROM node ORDER BY id")) {
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
    public Set<String> lease(String node, Collection<String> claim, Collection<String> release, long leaseMs) {
        return db.transaction("renew the leases of node " + node, w -> {
            try (PreparedStatement drop = w.prepareStatement("DELETE FROM lease WHERE unit = ? AND node = ?");
                 // a unit changes hands only when it is free or its lease ran out: never two holders
                 PreparedStatement take = w.prepareStatement("INSERT INTO lease AS l (unit, node, expires_ms) VALUES "
                         + "(?, ?, " + now + " + ?) ON CONFLICT (unit) DO UPDATE SET node = excluded.node, "
                         + "expires_ms = excluded.expires_ms WHERE l.node = excluded.node OR l.expires_ms < " + now);
                 PreparedStatement held = w.prepareStatement("SELECT unit FROM lease WHERE node = ? AND expires_ms > " + now)) {
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
        return db.read("leases", c -> {
            Map<String, String> out = new TreeMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT unit, node FROM lease WHERE expires_ms > " + now)) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }
}
