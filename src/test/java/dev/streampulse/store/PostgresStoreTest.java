package dev.streampulse.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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

    /**
     * The server drops every connection (a restart, a failover): each store's next write after the one
     * that met the dead connection reconnects, events and the audit log too (they used to keep the dead writer).
     */
    @Test
    void everyStoreReconnectsAfterTheServerDroppedItsConnections() throws Exception {
        String url = TestPostgres.newDatabase();
        HealthEvent up = new HealthEvent(0, "gate", 1_000, HealthEvent.STATE, StreamState.UNKNOWN, StreamState.UP,
                null, null, null, null);
        AuditStore.AuditEntry login = new AuditStore.AuditEntry(0, 1_000, "admin", "127.0.0.1", "login.ok", "admin", null);
        try (Database db = Database.open(url, null, null)) {
            db.events().insertEvent(up);
            dropConnections(url);
            assertThrows(StoreException.class, () -> db.events().insertEvent(up), "the write that met the dropped connection");
            assertTrue(db.events().insertEvent(up) > 0, "events reconnect");
            dropConnections(url);
            assertThrows(StoreException.class, () -> db.audit().insertAudit(login));
            assertTrue(db.audit().insertAudit(login) > 0, "the audit log reconnects");
            dropConnections(url);
            assertThrows(StoreException.class, () -> db.nodes().nodeBeat("n1", null, null, "host", 1));
            db.nodes().nodeBeat("n1", null, null, "host", 1);
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM stream_event), (SELECT count(*) FROM audit), "
                     + "(SELECT count(*) FROM node)")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "events written");
            assertEquals(1, rs.getInt(2), "audit entries written");
            assertEquals(1, rs.getInt(3), "node beats written");
        }
    }

    /** Terminates StreamPulse's connections to the database and waits until they are gone. */
    private static void dropConnections(String url) throws Exception {
        String mine = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'StreamPulse'";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND application_name = 'StreamPulse'");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (ResultSet rs = st.executeQuery(mine)) {
                    return rs.next() && rs.getInt(1) == 0;
                }
            });
        }
    }
}
