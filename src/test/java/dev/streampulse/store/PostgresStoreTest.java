package dev.streampulse.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.testing.TestPostgres;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The storage contract on a real PostgreSQL (embedded, from Maven Central), plus what only a shared server has. */
class PostgresStoreTest extends HeartbeatStoreContract {
    @Override
    String newDatabase() throws Exception {
        return TestPostgres.newDatabase();
    }

    /** Three nodes starting at once against an empty database: the schema is made once, none fails. */
    @Test
    void nodesStartingTogetherMigrateOnce() throws Exception {
        String url = TestPostgres.newDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Database>> opening = new ArrayList<>();
        for (int i = 0; i < 3; i++) opening.add(pool.submit(() -> Database.open(url, null, null)));
        List<Database> stores = new ArrayList<>();
        try {
            for (Future<Database> f : opening) stores.add(f.get());
            try (var c = DriverManager.getConnection(url); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
                rs.next();
                assertEquals(rs.getInt(2), rs.getInt(1), "each version recorded once");
                assertTrue(rs.getInt(2) >= 3);
            }
        } finally {
            pool.shutdown();
            stores.forEach(Database::close);
        }
    }

    @Test
    void aBadUrlIsAClearErrorWithoutThePassword() {
        StoreException e = assertThrows(StoreException.class,
                () -> Database.open("jdbc:postgresql://127.0.0.1:1/x?password=hunter2", null, null));
        assertTrue(e.getMessage().startsWith("cannot open database jdbc:postgresql://127.0.0.1:1/x?password=***"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }
}
