package dev.streampulse.store;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/** The audit log ({@code audit}). */
final class SqlAuditStore implements AuditStore {
    private final Connections db;

    SqlAuditStore(Connections db) {
        this.db = db;
    }

    @Override
    public long insertAudit(AuditEntry e) {
        return db.transaction("write the audit entry " + e.action(), w -> {
            try (PreparedStatement ps = w.prepareStatement("INSERT INTO audit (ts, actor, client, action, target, detail) "
                    + "VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, e.ts());
                ps.setString(2, e.actor());
                ps.setString(3, e.client());
                ps.setString(4, e.action());
                ps.setString(5, e.target());
                ps.setString(6, e.detail());
                ps.executeUpdate();
                return Sql.generatedKey(ps);
            }
        });
    }

    @Override
    public List<AuditEntry> audit(long fromTs, long toTs, int limit) {
        return db.read("audit log", c -> Sql.list(c, "SELECT id, ts, actor, client, action, target, detail FROM audit "
                + "WHERE ts >= ? AND ts < ? ORDER BY ts DESC, id DESC LIMIT ?", rs -> new AuditEntry(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                fromTs, toTs, limit));
    }

    @Override
    public int pruneAudit(long beforeTs) {
        return db.transaction("prune the audit log", w -> Sql.update(w, "DELETE FROM audit WHERE ts < ?", beforeTs));
    }
}
