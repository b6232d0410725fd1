package dev.streampulse.store;

/**
 * The fleet's one config.yaml in the database, versioned: the web editor's save reaches every node
 * (cluster.ConfigSync).
 */
public interface SharedConfigStore {

    /** The shared config.yaml: its text, version (1, 2, …) and who saved it last. */
    record ConfigDoc(long version, String yaml, String updatedBy) {}

    /** The shared config's version (0 when none was published yet): a cheap poll. */
    long configVersion();

    /** The shared config, or null when none was published yet. */
    ConfigDoc configDoc();

    /**
     * Publishes config text as version {@code expectedVersion + 1}, if the shared config is still at
     * {@code expectedVersion} (0: none yet). False when another process published first.
     */
    boolean publishConfig(String yaml, long expectedVersion, String by);
}
