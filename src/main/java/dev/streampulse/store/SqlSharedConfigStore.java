package dev.streampulse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** The shared config document ({@code config_doc}, one row named config.yaml). */
final class SqlSharedConfigStore implements SharedConfigStore {
    private final Connections db;

    SqlSharedConfigStore(Connections db) {
        this.db = db;
    }

    @Override
    public long configVersion() {
        return db.read("config version", c -> Sql.longValue(c, "SELECT version FROM config_doc WHERE name = 'config.yaml'"));
    }

    @Override
    public ConfigDoc configDoc() {
        return db.read("config", c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version, yaml, updated_by FROM config_doc WHERE name = 'config.yaml'")) {
                return rs.next() ? new ConfigDoc(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
            }
        });
    }

    @Override
    public boolean publishConfig(String yaml, long expectedVersion, String by) {
        String now = db.dialect().nowMs();
        return db.transaction("publish the config", w -> {
            String sql = expectedVersion == 0
                    ? "INSERT INTO config_doc (yaml, updated_by, updated_ms, name, version) VALUES (?, ?, " + now
                            + ", 'config.yaml', 1) ON CONFLICT (name) DO NOTHING"
                    : "UPDATE config_doc SET yaml = ?, updated_by = ?, updated_ms = " + now
                            + ", version = version + 1 WHERE name = 'config.yaml' AND version = ?";
            try (PreparedStatement ps = w.prepareStatement(sql)) {
                ps.setString(1, yaml);
                ps.setString(2, by);
                if (expectedVersion != 0) ps.setLong(3, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
