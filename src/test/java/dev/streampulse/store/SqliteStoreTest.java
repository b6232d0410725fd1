package dev.streampulse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the embedded default, plus what only a SQLite file has. */
class SqliteStoreTest extends HeartbeatStoreContract {
    @TempDir
    Path dir;

    @Override
    String newDatabase() {
        return "jdbc:sqlite:" + dir.resolve("streams.db");
    }

    @Test
    void newDatabaseUsesWalAndIncrementalVacuum() throws Exception {
        Path db = dir.resolve("fresh.db");
        Database.open(db).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement()) {
            var rs = st.executeQuery("PRAGMA journal_mode");
            assertEquals("wal", rs.getString(1));
            rs = st.executeQuery("PRAGMA auto_vacuum");
            assertEquals(2, rs.getInt(1), "2 = incremental");
        }
    }
}
