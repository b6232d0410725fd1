package dev.streampulse.config;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * Where heartbeats live: {@code database: {url: jdbc:postgresql://db:5432/streampulse}}, or the
 * embedded SQLite file in the data folder when no URL is given. User and password come only from the
 * environment ({@code STREAMPULSE_DB_USER}, {@code STREAMPULSE_DB_PASSWORD}), never from config.yaml,
 * which the web editor shows; {@code STREAMPULSE_DB_URL} overrides the URL.
 */
public record DatabaseSettings(String url, String user, String password) {
    public static final DatabaseSettings EMBEDDED = new DatabaseSettings(null, null, null);

    /** No user or password keys: config.yaml is shown in the web editor; they come from the environment. */
    public enum Key implements ConfigKey { URL }

    /** {@code database:}. */
    static DatabaseSettings read(ConfigSection top) {
        ConfigSection m = top.section(AppConfig.Key.DATABASE, EnumSet.allOf(Key.class), "database: must be a mapping (url)");
        if (m == null || m.get(Key.URL) == null) return EMBEDDED;
        String url = m.string(Key.URL).trim();
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql://")) {
            m.problem(Key.URL, m.field(Key.URL) + ": '" + UrlRedactor.redact(url) + "' is neither jdbc:sqlite:<file> nor "
                    + "jdbc:postgresql://host:port/database");
        } else if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            m.problem(Key.URL, m.field(Key.URL) + ": put the password in STREAMPULSE_DB_PASSWORD, not in config.yaml");
        }
        return new DatabaseSettings(url, null, null);
    }

    /** The settings with the environment's overrides applied. */
    public DatabaseSettings withEnv(Map<String, String> env) {
        String u = blankToNull(env.get("STREAMPULSE_DB_URL"));
        return new DatabaseSettings(u != null ? u : url, blankToNull(env.get("STREAMPULSE_DB_USER")),
                blankToNull(env.get("STREAMPULSE_DB_PASSWORD")));
    }

    /** The JDBC URL to open: the configured one, or the SQLite file in {@code dataDir}. */
    public String jdbcUrl(Path dataDir) {
        return url != null ? url : "jdbc:sqlite:" + dataDir.resolve("streams.db").toAbsolutePath();
    }

    public boolean shared() {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /** Records print every field: this one must not print the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + (url == null ? "embedded" : UrlRedactor.redact(url)) + ", user=" + user + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
