package dev.streampulse.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.incident.Incident;
import dev.streampulse.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents round-trip through the real database, SQLite and PostgreSQL, on the migrated schema. */
class IncidentStoreTest {
    @TempDir
    Path dir;

    @Test
    void sqlite() {
        roundTrip("jdbc:sqlite:" + dir.resolve("streams.db"));
    }

    @Test
    void postgres() throws Exception {
        roundTrip(TestPostgres.newDatabase());
    }

    @Test
    void aDatabaseThatCannotTakeTheRowDoesNotSwallowTheAlert() throws Exception {
        try (Database db = Database.open(dir.resolve("streams.db"))) {
            IncidentStore broken = db.incidents();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("streams.db"));
                 var st = c.createStatement()) {
                st.execute("DROP TABLE incident"); // the database cannot take the row any more
            }
            Incident i = new Incident(0, "site", "north", 1, 1, null, 2, List.of("a", "b"), List.of("a", "b"), List.of("TIMEOUT", "TIMEOUT"));
            var change = new dev.streampulse.incident.IncidentChange(dev.streampulse.incident.IncidentChange.Kind.OPENED, i, 1, true);
            assertSame(change, broken.save(change), "goes on unsaved");
            assertThrows(StoreException.class, () -> broken.saveIncident(i));
        }
    }

    static void roundTrip(String url) {
        try (Database db = Database.open(url, null, null)) {
            IncidentStore store = db.incidents();
            Incident opened = new Incident(0, "site", "north", 1_000, 5_000, null, 3, List.of("n1", "n 2"), List.of("n1", "n 2"),
                    List.of("UNREACHABLE", "UNREACHABLE"));
            Incident saved = store.saveIncident(opened);
            assertTrue(saved.id() > 0);
            Incident grown = new Incident(0, "site", "north", 1_000, 9_000, null, 3, List.of("n1", "n 2", "n3"),
                    List.of("n 2", "n3"), List.of("UNREACHABLE", "UNREACHABLE", "TIMEOUT"));
            assertEquals(saved.id(), store.saveIncident(grown).id(), "the same incident's row is updated, not a second one");
            store.saveIncident(new Incident(0, "site", "south", 500, 500, 800L, 1, List.of("s1"), List.of(), List.of("REFUSED")));
            assertEquals(List.of(grown.withId(saved.id())), store.openIncidents());
            List<Incident> all = store.incidents(0, Long.MAX_VALUE, 10);
            assertEquals(List.of("north", "south"), all.stream().map(Incident::group).toList(), "newest first");
            assertEquals(800L, all.get(1).closedTs());
            assertEquals(List.of(), all.get(1).down());
            assertEquals(1, store.pruneIncidents(2_000), "closed ones go; the open one stays");
            assertEquals(1, store.incidents(0, Long.MAX_VALUE, 10).size());
        }
    }
}
