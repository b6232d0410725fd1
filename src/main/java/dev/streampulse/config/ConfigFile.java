package dev.streampulse.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live config: the file on disk and the last good {@link AppConfig} read from it.
 * A change on disk is validated first and swapped in atomically; a broken edit keeps the old
 * config running and is logged once. Writes are atomic (temp file, fsync, rename) and keep the
 * previous version as config.yaml.bak, so a crash or a bad save never truncates the file.
 */
public final class ConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);

    private final Path path;
    private final AtomicReference<AppConfig> current = new AtomicReference<>();
    private final CopyOnWriteArrayList<Consumer<AppConfig>> listeners = new CopyOnWriteArrayList<>();
    private volatile String lastText;
    private volatile String lastError;

    private ConfigFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** Opens the config, writing the default (demo camera) config first when none exists yet. */
    public static ConfigFile open(Path path) throws ConfigException {
        ConfigFile file = new ConfigFile(path);
        try {
            if (Files.notExists(file.path)) {
                PrivateFiles.createDirectories(file.path.toAbsolutePath().getParent());
                AtomicFile.write(file.path, DefaultConfig.text(), true);
                LOG.info("No config found: wrote a default config with the built-in demo camera to {}", file.path);
            }
            String text = Files.readString(file.path, StandardCharsets.UTF_8);
            file.current.set(ConfigLoader.parse(text, file.path));
            file.lastText = text;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file.path + ": " + e.getMessage());
        }
        return file;
    }

    public Path path() {
        return path;
    }

    public AppConfig current() {
        return current.get();
    }

    /** The text of the config in use (for the raw editor). */
    public String text() {
        return lastText;
    }

    /** The problem with the file on disk, or null when the file on disk is the config in use. */
    public String lastError() {
        return lastError;
    }

    public void onChange(Consumer<AppConfig> listener) {
        listeners.add(listener);
    }

    /** Polled by the config-watch route: picks up edits made on disk by hand or by another process. */
    public synchronized boolean reloadIfChanged() {
        String text;
        try {
            if (Files.size(path) > ConfigLoader.MAX_BYTES) {
                reportOnce(path + " is larger than " + ConfigLoader.MAX_BYTES + " bytes");
                return false;
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            reportOnce("cannot read " + path + ": " + e.getMessage());
            return false;
        }
        if (text.equals(lastText)) return false;
        try {
            apply(ConfigLoader.parse(text, path), text);
            LOG.info("Config reloaded from {}: {} streams", path, current().streams().size());
            return true;
        } catch (ConfigException e) {
            reportOnce("Config edit refused, still running the previous config: " + e.getMessage());
            lastText = text; // do not re-report the same broken text every poll
            return false;
        }
    }

    /** Validates and saves new config text; throws (and leaves the file untouched) if it is invalid. */
    public synchronized AppConfig save(String text) throws ConfigException {
        AppConfig parsed = ConfigLoader.parse(text, path);
        try {
            // the backup holds camera passwords too: written like the file itself (owner only)
            if (Files.exists(path)) AtomicFile.write(path.resolveSibling(path.getFileName() + ".bak"), Files.readString(path), true);
            AtomicFile.write(path, text, true);
        } catch (IOException e) {
            throw new ConfigException("cannot write " + path + ": " + e.getMessage());
        }
        apply(parsed, text);
        LOG.info("Config saved to {}: {} streams", path, parsed.streams().size());
        return parsed;
    }

    private void apply(AppConfig config, String text) {
        current.set(config);
        lastText = text;
        lastError = null;
        for (Consumer<AppConfig> l : listeners) {
            try {
                l.accept(config);
            } catch (RuntimeException e) {
                LOG.error("Config listener failed", e);
            }
        }
    }

    private void reportOnce(String message) {
        if (!message.equals(lastError)) LOG.error(message);
        lastError = message;
    }
}
