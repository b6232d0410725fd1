package dev.streampulse.cluster;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.store.Database;
import dev.streampulse.store.SharedConfigStore;
import dev.streampulse.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes' config files kept equal through a real PostgreSQL; the database's version wins. */
class ConfigSyncTest {
    @TempDir
    Path dir;

    static String config(String... cams) {
        StringBuilder sb = new StringBuilder("heartbeat_seconds: 15\nstreams:\n");
        for (String c : cams) sb.append("  - {name: ").append(c).append(", url: 'rtsp://127.0.0.1:1/").append(c).append("'}\n");
        return sb.toString();
    }

    ConfigFile file(String name, String text) throws Exception {
        Path p = dir.resolve(name).resolve("config.yaml");
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return ConfigFile.open(p);
    }

    @Test
    void editsReachTheOtherProcessAndBrokenOnesAreRefused() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Database da = Database.open(url, null, null); Database db = Database.open(url, null, null)) {
            SharedConfigStore sa = da.sharedConfig();
            SharedConfigStore sb = db.sharedConfig();
            ConfigFile web = file("web", config("gate", "yard"));
            ConfigFile node = file("node", config("stale-cam"));
            ConfigSync a = new ConfigSync(web, sa, "web", true);
            ConfigSync b = new ConfigSync(node, sb, "north-1", true);

            a.sync(); // the first process seeds the database
            assertEquals(1, sa.configVersion());
            b.sync(); // the node's stale copy is replaced by the fleet's
            assertEquals(web.text(), Files.readString(node.path()));
            assertEquals(2, node.current().streams().size());

            // the web editor saves: the node has it after one round each
            web.save(config("gate", "yard", "dock"));
            a.sync();
            b.sync();
            assertEquals(3, node.current().streams().size());
            assertEquals("web", sb.configDoc().updatedBy());

            // an edit by hand on the node is published too, and reaches the web
            Files.writeString(node.path(), config("gate", "dock"));
            node.reloadIfChanged();
            b.sync();
            a.sync();
            assertEquals(2, web.current().streams().size());
            assertEquals(3, sa.configVersion());

            // a broken version in the database is refused: the node's file and config stay as they were
            String before = Files.readString(node.path());
            assertTrue(sa.publishConfig("streams: [ {name: x, url: 'file:///etc/passwd'} ]", 3, "somebody"));
            b.sync();
            assertEquals(before, Files.readString(node.path()));
            assertEquals(2, node.current().streams().size());

            // two edits at once: the first published wins, the other process takes it
            assertTrue(sa.publishConfig(config("gate"), 4, "web"));
            web.save(config("gate"));
            a.sync();
            Files.writeString(node.path(), config("other"));
            node.reloadIfChanged();
            assertFalse(sb.publishConfig(config("other"), 3, "north-1"), "stale version: refused");
            b.sync();
            b.sync();
            assertEquals(config("gate"), Files.readString(node.path()), "the node took the version that won");
        }
    }

    @Test
    void eachProcessKeepsItsOwnDatabaseNodeAndWebKeys() {
        String web = "# the web\ndatabase: {url: 'jdbc:postgresql://db/sp'}\nweb:\n  port: 8000\nheartbeat_seconds: 15\nstreams:\n- {name: a, url: 'rtsp://h/a'}\n";
        String node = "node:\n  heartbeat_seconds: 2\n  timeout_seconds: 10\nheartbeat_seconds: 15\nstreams: []\n";
        String taken = ConfigSync.keepLocal(web, node);
        assertEquals("# the web\nheartbeat_seconds: 15\nstreams:\n- {name: a, url: 'rtsp://h/a'}\n"
                + "node:\n  heartbeat_seconds: 2\n  timeout_seconds: 10\n", taken);
        assertEquals(ConfigSync.shared(web), ConfigSync.shared(taken), "nothing left to publish after taking it");
        assertFalse(ConfigSync.shared(web).contains("database"), "one process's database key is not the fleet's");
    }

    @Test
    void onOneBoxNothingIsShared() throws Exception {
        try (Database d = Database.open(dir.resolve("streams.db"))) {
            SharedConfigStore s = d.sharedConfig();
            ConfigFile f = file("solo", config("gate"));
            new ConfigSync(f, s, "solo", false).sync();
            assertEquals(0, s.configVersion(), "nothing published");
        }
    }
}
