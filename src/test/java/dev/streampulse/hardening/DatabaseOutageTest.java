package dev.streampulse.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under a running monitor node (restarted for an upgrade, say) and comes back
 * on the same port: the node says so (readiness DOWN), keeps what it could not write, reconnects by
 * itself, renews its leases, probes again, and every beat it accepted ends up in the database.
 */
class DatabaseOutageTest {
    @TempDir
    Path dir;

    static EmbeddedPostgres postgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    private static HealthCheck.State monitorReadiness(StreamPulseApp app) {
        return HealthCheckHelper.invokeReadiness(app.camel()).stream()
                .filter(r -> r.getCheck().getId().equals("monitor")).findFirst().orElseThrow().getState();
    }

    @Test
    void aNodeRidesOutAPostgresRestart() throws Exception {
        Path data = dir.resolve("pgdata");
        int port = TestApp.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        EmbeddedPostgres pg = postgres(data, port);
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 1\nprobe: {per_host_limit: 0}\ndatabase: {url: '" + url
                + "'}\nnode: {id: only, heartbeat_seconds: 1, timeout_seconds: 4}\nstreams:\n");
        for (int i = 0; i < 3; i++) {
            yaml.append("  - {name: c").append(i).append(", url: '").append(SharedCameras.get().rtspUrl("cam" + (80 + i))).append("'}\n");
        }
        Path config = TestApp.writeConfig(dir.resolve("node"), yaml.toString());
        try (StreamPulseApp app = TestApp.start(config, Mode.MONITOR, Map.of())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> app.store().count() >= 6);
            assertEquals(HealthCheck.State.UP, monitorReadiness(app));

            pg.close(); // the server stops; the data stays
            await().atMost(Duration.ofSeconds(15)).until(() -> monitorReadiness(app) == HealthCheck.State.DOWN);
            // beats probed while the leases last wait in the writer's queue; then the node stops probing
            await().atMost(Duration.ofSeconds(10)).until(() -> app.writer().pending() > 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.coordinator().held().isEmpty());

            pg = postgres(data, port); // back, same port and data
            await().atMost(Duration.ofSeconds(30)).until(() -> monitorReadiness(app) == HealthCheck.State.UP
                    && app.writer().pending() == 0 && !app.coordinator().held().isEmpty());
            long written = app.writer().written();
            await().atMost(Duration.ofSeconds(15)).until(() -> app.writer().written() >= written + 6);
            assertEquals(0, app.writer().dropped());
            // every beat the writer accepted is in the database, those of the outage included
            await().atMost(Duration.ofSeconds(10)).until(() -> app.store().count() == app.writer().written());
        } finally {
            pg.close();
        }
    }
}
