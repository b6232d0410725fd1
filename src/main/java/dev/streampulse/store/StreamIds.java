package dev.streampulse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stream names and their ids in the {@code stream} table (beats and events refer to the id), cached. */
final class StreamIds {
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();

    /** The stream's id, added to the table if it is new (on the writer, within its transaction). */
    long idOrAdd(Connection w, String name) throws SQLException {
        Long id = ids.get(name);
        if (id != null) return id;
        try (PreparedStatement ins = w.prepareStatement("INSERT INTO stream (name, created_ms) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
             PreparedStatement sel = w.prepareStatement("SELECT id FROM stream WHERE name = ?")) {
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

    /** The stream's id, or null when it never had a beat or an event. */
    Long id(Connection c, String name) throws SQLException {
        Long id = ids.get(name);
        if (id != null) return id;
        List<Long> found = Sql.list(c, "SELECT id FROM stream WHERE name = ?", rs -> rs.getLong(1), name);
        return found.isEmpty() ? null : found.get(0);
    }

    String name(Connection c, long id) throws SQLException {
        String n = names.get(id);
        if (n != null) return n;
        List<String> found = Sql.list(c, "SELECT name FROM stream WHERE id = ?", rs -> rs.getString(1), id);
        n = found.isEmpty() ? "#" + id : found.get(0);
        names.put(id, n);
        return n;
    }

    /** Learns a name read with its id (the stream table is read whole for "latest"). */
    void remember(long id, String name) {
        names.putIfAbsent(id, name);
    }
}
