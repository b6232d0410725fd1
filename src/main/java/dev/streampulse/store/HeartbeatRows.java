package dev.streampulse.store;

import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** A heartbeat as a row of {@code heartbeat_inbox} / {@code heartbeat}, and back. */
final class HeartbeatRows {
    static final String COLUMNS =
            "ts, late_ms, ok, latency_ms, reason, detail, codec, width, height, fps, clock, dhash, luma, node";

    private HeartbeatRows() {}

    /** Binds the beat's {@link #COLUMNS} from parameter {@code i} on. */
    static void bind(PreparedStatement ps, int i, Heartbeat b) throws SQLException {
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

    /** The beat in the current row ({@code stream_id} and {@link #COLUMNS}). */
    static Heartbeat read(Connection c, ResultSet rs, StreamIds streams) throws SQLException {
        String reason = rs.getString("reason");
        return new Heartbeat(streams.name(c, rs.getLong("stream_id")), rs.getLong("ts"), rs.getLong("late_ms"),
                rs.getInt("ok") == 1, rs.getLong("latency_ms"), reason == null ? null : Reason.valueOf(reason),
                rs.getString("detail"), rs.getString("codec"), rs.getInt("width"), rs.getInt("height"),
                rs.getDouble("fps"), rs.getString("clock"), (Long) nullable(rs, rs.getLong("dhash")),
                (Double) nullable(rs, rs.getDouble("luma")), rs.getString("node"));
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
