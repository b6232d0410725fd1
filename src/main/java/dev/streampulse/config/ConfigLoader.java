package dev.streampulse.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads config.yaml into an {@link AppConfig}, refusing anything doubtful with messages that name
 * the stream and the field. Parsing is hardened: no custom tags, few aliases (no "billion laughs"),
 * no duplicate keys, bounded size. Each record reads and checks its own section ({@code AppConfig.read}
 * and the {@code read} beside every settings record), collecting {@link ConfigProblem}s.
 */
public final class ConfigLoader {
    public static final int MAX_BYTES = 1 << 20;
    public static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");
    /** Longer stream URLs are refused before anything parses them. */
    public static final int MAX_URL = 4096;

    private ConfigLoader() {}

    public static AppConfig load(Path file) throws ConfigException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        if (size > MAX_BYTES) {
            throw new ConfigException(file + " is " + size + " bytes; a config larger than " + MAX_BYTES + " bytes is refused");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** @param file where the text lives (or would live); relative data_dir is resolved against its folder */
    public static AppConfig parse(String text, Path file) throws ConfigException {
        if (text.length() > MAX_BYTES) {
            throw new ConfigException("config is larger than " + MAX_BYTES + " bytes");
        }
        Object root;
        try {
            root = yaml().load(text);
        } catch (YAMLException e) {
            throw new ConfigException("config.yaml is not valid YAML: " + firstLines(e.getMessage()));
        }
        if (root == null) root = Map.of();
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException("config.yaml must be a mapping of keys (heartbeat_seconds, timezone, streams, ...)");
        }
        return AppConfig.read(ConfigSection.root(top), file);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private static String firstLines(String message) {
        if (message == null) return "parse error";
        String[] lines = message.split("\n");
        return String.join(" ", Arrays.copyOf(lines, Math.min(lines.length, 4))).trim();
    }

    /** Why a stream URL cannot be probed, or null when it can. Shared with the probe's own guard. */
    public static String urlProblem(String url) {
        if (url.length() > MAX_URL) return "is longer than " + MAX_URL + " characters";
        if (url.chars().anyMatch(c -> c <= ' ')) return "must not contain spaces or control characters";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return "scheme '" + (scheme.isEmpty() ? UrlRedactor.redact(url) : scheme) + "' is not allowed (use rtsp, rtsps, http or https)";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) return "has no host";
        return null;
    }
}
