package dev.streampulse.testing;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the real app on a temp data dir, loopback only, with short periods for tests. */
public final class TestApp {
    private TestApp() {}

    public static Path writeConfig(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    /** The retention timer's first run for test processes: later than any test lasts. */
    public static final String NO_RETENTION_MS = "86400000";

    public static StreamPulseApp start(Path config, Map<String, String> extra) throws Exception {
        return start(config, Mode.MONITOR, extra);
    }

    public static StreamPulseApp start(Path config, Mode mode, Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("camel.server.enabled", "false");
        props.put("camel.server.host", "127.0.0.1");
        props.put("camel.server.port", Integer.toString(freePort()));
        props.put("streampulse.tickMillis", "100");
        props.put("streampulse.store.batchMillis", "200");
        props.put("streampulse.config.pollMillis", "200");
        // the nightly retention job (which compacts the inbox) runs only where a test asks for it, not
        // whenever a run happens to fall in its hour
        props.put("streampulse.retention.delayMillis", NO_RETENTION_MS);
        props.putAll(extra);
        return StreamPulseApp.start(mode, config, props);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
