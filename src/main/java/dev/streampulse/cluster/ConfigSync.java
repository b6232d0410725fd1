package dev.streampulse.cluster;

import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.store.SharedConfigStore;
import dev.streampulse.store.SharedConfigStore.ConfigDoc;
import dev.streampulse.store.StoreException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale-out: one stream list for every node and the web, kept in the shared database. Each process
 * still runs from its own config.yaml (a node keeps working while the database is away); this keeps
 * the files equal. The database is the source of truth: a newer version there is validated and saved
 * over the local file (a broken one is refused and the file stays); a valid local change — the web
 * editor's save, or an edit by hand — is published as the next version. Two edits at once: the first
 * published wins and the other process takes it at its next sync (logged).
 *
 * <p>What belongs to one process stays in its own file: {@link #LOCAL_KEYS} are neither compared nor
 * taken from another process's version (a node keeps its {@code database:}, {@code node:}, {@code web:}).
 */
public final class ConfigSync {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSync.class);
    /** Top-level keys that describe the process, not the fleet. */
    static final Set<String> LOCAL_KEYS = Set.of("database", "node", "web", "data_dir", "demo");
    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*:");

    private final ConfigFile file;
    private final SharedConfigStore store;
    private final String who;
    private final boolean active;
    private long seenVersion = -1;
    private String seenText;
    private String problem;

    /** @param active false on a single box: nothing is shared */
    public ConfigSync(ConfigFile file, SharedConfigStore store, String who, boolean active) {
        this.file = file;
        this.store = store;
        this.who = who;
        this.active = active;
    }

    /** One round; called at start-up and then by the config route. */
    public synchronized void sync() {
        if (!active) return;
        try {
            long version = store.configVersion();
            if (version != seenVersion) {
                take(version);
            } else if (!shared(file.text()).equals(shared(seenText))) {
                publish(file.text(), version);
            }
            problem = null;
        } catch (StoreException e) {
            if (problem == null) LOG.warn("Cannot sync the shared config ({}); running the local copy", e.getMessage());
            problem = e.getMessage();
        }
    }

    private void take(long version) {
        ConfigDoc doc = version == 0 ? null : store.configDoc();
        if (doc == null) {
            publish(file.text(), 0); // the first process seeds the database with its config
            return;
        }
        seenVersion = doc.version();
        seenText = doc.yaml();
        if (shared(doc.yaml()).equals(shared(file.text()))) return;
        try {
            file.save(keepLocal(doc.yaml(), file.text()));
            LOG.info("Config version {} (saved by {}) taken from the database", doc.version(), doc.updatedBy());
        } catch (ConfigException e) {
            LOG.error("Config version {} from the database refused, still running the local config: {}", doc.version(),
                    e.getMessage());
        }
    }

    private void publish(String text, long expected) {
        if (store.publishConfig(text, expected, who)) {
            seenVersion = expected + 1;
            seenText = text;
            LOG.info("Config published to the database as version {}", seenVersion);
        } else {
            LOG.warn("Another process published the config first; its version replaces this one's edit");
            seenVersion = -1; // take theirs at the next round
        }
    }

    /** The text without its process-local top-level blocks: what the fleet shares. */
    static String shared(String text) {
        return blocks(text, false);
    }

    /** {@code shared}'s fleet part with {@code local}'s own process-local blocks. */
    static String keepLocal(String shared, String local) {
        return blocks(shared, false) + blocks(local, true);
    }

    /**
     * The lines of the top-level blocks whose key is (or is not) process-local, each ending in a
     * newline; a block runs to the next top-level key, comments and list items at column 0 included.
     */
    private static String blocks(String text, boolean local) {
        StringBuilder out = new StringBuilder();
        boolean inLocal = false;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            Matcher m = TOP_KEY.matcher(line);
            if (m.find()) inLocal = LOCAL_KEYS.contains(m.group(1));
            if (inLocal == local) out.append(line).append('\n');
        }
        return out.toString();
    }
}
