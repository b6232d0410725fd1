package dev.streampulse.config;

import java.util.Locale;

/**
 * A key of config.yaml. Each section's keys are one enum beside its record: the reader checks
 * against it, the writer writes with it, so no key is spelled twice.
 */
public interface ConfigKey {
    String name();

    /** The key as written in config.yaml: the constant in lower case ({@code TIMEOUT_SECONDS} → timeout_seconds). */
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
