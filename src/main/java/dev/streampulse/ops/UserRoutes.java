package dev.streampulse.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the user's own {@code *.camel.yaml} routes from {@code data/routes/} one file at a time, so
 * a broken file is reported and skipped instead of stopping the monitor. Later edits are picked
 * up by Camel's routes-reload watcher on the same folder.
 */
public final class UserRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(UserRoutes.class);

    private UserRoutes() {}

    public static int load(CamelContext camel, Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot list user routes in {}: {}", dir, e.toString());
            return 0;
        }
        int loaded = 0;
        for (Path file : files) {
            try {
                Resource r = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
                PluginHelper.getRoutesLoader(camel).loadRoutes(r);
                loaded++;
                LOG.info("Loaded user routes from {}", file);
            } catch (Exception e) {
                LOG.error("User route file {} is broken and was not loaded (monitoring goes on): {}", file,
                        rootMessage(e));
            }
        }
        return loaded;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
