package dev.streampulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModePropertiesTest {
    private static final ModeProperties.Facts BOX = new ModeProperties.Facts(Path.of("/srv/sp"), null, 0, false, false, 5000);

    private static final ModeProperties.Facts WITH_HOME_ASSISTANT =
            new ModeProperties.Facts(Path.of("/srv/sp"), null, 0, false, false, 5000, true);

    private static List<String> folders(Mode mode, Map<String, String> overrides) {
        return folders(mode, BOX, overrides);
    }

    private static List<String> folders(Mode mode, ModeProperties.Facts facts, Map<String, String> overrides) {
        return Stream.of(ModeProperties.of(mode, facts, overrides).get("camel.main.routesIncludePattern").split(","))
                .map(p -> p.replaceFirst("^classpath:routes/([a-z]+)/\\*\\.camel\\.yaml$", "$1")).toList();
    }

    @Test
    void eachModeRunsItsRouteFolders() {
        assertEquals(List.of("common", "monitor", "web", "metrics"), folders(Mode.RUN, Map.of()));
        assertEquals(List.of("common", "monitor", "metrics"), folders(Mode.MONITOR, Map.of()));
        assertEquals(List.of("common", "web"), folders(Mode.WEB, Map.of()));
        // no HTTP server at all: /metrics has nothing to attach to
        Map<String, String> embedded = Map.of("camel.server.enabled", "false", "camel.management.enabled", "false");
        assertEquals(List.of("common", "monitor", "web"), folders(Mode.RUN, embedded));
        assertEquals(List.of("common", "monitor", "metrics"), folders(Mode.MONITOR, Map.of("camel.server.enabled", "false")));
        // home_assistant: in config.yaml brings its route folder to a monitor, never to a web process
        assertEquals(List.of("common", "monitor", "web", "metrics", "homeassistant"), folders(Mode.RUN, WITH_HOME_ASSISTANT, Map.of()));
        assertEquals(List.of("common", "web"), folders(Mode.WEB, WITH_HOME_ASSISTANT, Map.of()));
    }

    @Test
    void everyFolderTheModesNameHoldsRoutesAndNoRouteIsLeftOut() throws IOException, URISyntaxException {
        URL common = getClass().getClassLoader().getResource("routes/common");
        Path routes = Path.of(common.toURI()).getParent();
        try (Stream<Path> files = Files.walk(routes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String folder = routes.relativize(f).getParent() == null ? "" : routes.relativize(f).getParent().toString();
                assertTrue(folders(Mode.RUN, WITH_HOME_ASSISTANT, Map.of()).contains(folder), f + " is in no mode's folder");
                assertTrue(f.toString().endsWith(".camel.yaml"), f.toString());
            }
        }
    }

    @Test
    void monitorsWatchUsersRoutesAndWebProcessesDoNot() {
        Map<String, String> monitor = ModeProperties.of(Mode.MONITOR, BOX, Map.of());
        assertEquals("true", monitor.get("camel.main.routesReloadEnabled"));
        assertEquals(Path.of("/srv/sp/routes").toString(), monitor.get("camel.main.routesReloadDirectory"));
        assertEquals("false", monitor.get("camel.main.routesReloadRemoveAllRoutes"));
        assertNull(ModeProperties.of(Mode.WEB, BOX, Map.of()).get("camel.main.routesReloadEnabled"));
    }

    @Test
    void webSettingsNodeAndOverrides() {
        Map<String, String> p = ModeProperties.of(Mode.RUN,
                new ModeProperties.Facts(Path.of("/d"), "127.0.0.1", 8443, true, true, 5000), Map.of());
        assertEquals("127.0.0.1", p.get("camel.server.host"));
        assertEquals("8443", p.get("camel.server.port"));
        assertEquals("8443", p.get("camel.management.port"), "health on the main port");
        assertEquals("true", p.get("camel.server.useGlobalSslContextParameters"));
        assertEquals("250", p.get("streampulse.node.pollMillis"), "a coordinated node polls four times a second");
        assertEquals("5000", ModeProperties.of(Mode.RUN, BOX, Map.of()).get("streampulse.node.pollMillis"));
        assertFalse(ModeProperties.of(Mode.RUN, BOX, Map.of()).containsKey("camel.server.useGlobalSslContextParameters"));
        // the tests' overrides win over the config (port 0), and the port follows them
        Map<String, String> o = ModeProperties.of(Mode.RUN,
                new ModeProperties.Facts(Path.of("/d"), "0.0.0.0", 8000, false, false, 5000), Map.of("camel.server.port", "0"));
        assertEquals("0", o.get("camel.server.port"));
        assertEquals("0", o.get("camel.management.port"));
        assertEquals("/d", o.get("streampulse.dataDir"));
    }
}
