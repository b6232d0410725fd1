package dev.streampulse.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.testing.LogCapture;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users extend StreamPulse the Camel way: their own YAML routes on the documented tap. */
class UserRoutesTest {
    @TempDir
    Path dir;

    @Test
    void exampleRouteLoadsBrokenOneIsReportedAndEditsReload() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        String example = Files.readString(Path.of("examples/routes/failures-to-file.camel.yaml"));
        Files.writeString(routes.resolve("failures-to-file.camel.yaml"), example);
        Files.writeString(routes.resolve("broken.camel.yaml"), "- route:\n    from:\n      uri: [this is not\n");
        Path config = TestApp.writeConfig(dir, "heartbeat_seconds: 1\nstreams:\n  - {name: gone, url: '"
                + SharedCameras.get().refusedUrl() + "'}\n  - {name: fine, url: '" + SharedCameras.get().rtspUrl("cam41") + "'}\n");
        Path export = dir.resolve("export");
        try (LogCapture log = new LogCapture(); StreamPulseApp app = TestApp.start(config, Map.of())) {
            assertNotNull(app.camel().getRoute("user-failures-to-file"), "the example route is loaded");
            assertEquals(1, log.count("broken.camel.yaml is broken and was not loaded"), log.text());

            await().atMost(Duration.ofSeconds(10)).until(() -> lines(export, "failures-").contains("gone REFUSED"));
            assertFalse(lines(export, "failures-").contains("fine"), "only failures are exported");
            long beats = app.store().count();
            await().atMost(Duration.ofSeconds(5)).until(() -> app.store().count() > beats + 2); // monitoring goes on

            // an edit is picked up by the routes-reload watcher without a restart
            Files.writeString(routes.resolve("failures-to-file.camel.yaml"), example.replace("failures-$", "edited-$"));
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(export, "edited-").contains("gone REFUSED"));
        }
    }

    private static String lines(Path dir, String prefix) throws Exception {
        if (!Files.isDirectory(dir)) return "";
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) sb.append(Files.readString(p));
        }
        return sb.toString();
    }
}
