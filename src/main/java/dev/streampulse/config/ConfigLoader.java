package dev.streampulse.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads config.yaml into an {@link AppConfig}, refusing anything doubtful with messages that name
 * the stream and the field. Parsing is hardened: no custom tags, few aliases (no "billion laughs"),
 * no duplicate keys, bounded size.
 */
public final class ConfigLoader {
    public static final int MAX_BYTES = 1 << 20;
    public static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");

    private static final Set<String> TOP_KEYS =
            Set.of("heartbeat_seconds", "timezone", "ntp_servers", "data_dir", "probe", "demo", "streams", "web");
    private static final Set<String> STREAM_KEYS =
            Set.of("name", "url", "enabled", "heartbeat_seconds", "timeout_seconds", "labels");
    private static final int DEFAULT_TIMEOUT_SECONDS = 10;

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
        return new Validator(top, file).validate();
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
        return String.join(" ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 4))).trim();
    }

    /** Collects every problem before failing, so one save shows the user all of them. */
    private static final class Validator {
        private final Map<?, ?> top;
        private final Path file;
        private final List<String> problems = new ArrayList<>();

        Validator(Map<?, ?> top, Path file) {
            this.top = top;
            this.file = file;
        }

        AppConfig validate() throws ConfigException {
            unknownKeys(top, TOP_KEYS, "");
            int heartbeat = positiveInt(top.get("heartbeat_seconds"), 15, "heartbeat_seconds", 86_400);
            ZoneId zone = zone(top.get("timezone"));
            List<String> ntp = stringList(top.get("ntp_servers"), "ntp_servers");
            Path dataDir = dataDir(top.get("data_dir"));
            ProbeSettings probe = probe(top.get("probe"));
            Optional<AppConfig.DemoCamera> demo = demo(top.get("demo"));
            List<StreamConfig> streams = streams(top.get("streams"), heartbeat);
            Optional<AppConfig.WebSettings> web = web(top.get("web"));
            if (!problems.isEmpty()) throw new ConfigException(problems);
            return new AppConfig(heartbeat, zone, ntp, dataDir, probe, demo, streams, web);
        }

        private List<StreamConfig> streams(Object value, int defaultHeartbeat) {
            if (value == null) return List.of();
            if (!(value instanceof List<?> list)) {
                problems.add("streams: must be a list of streams (each with name and url)");
                return List.of();
            }
            List<StreamConfig> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    problems.add("streams[" + i + "]: must be a mapping with name and url");
                    continue;
                }
                Object rawName = m.get("name");
                String name = rawName == null ? null : String.valueOf(rawName).trim();
                String where = "streams[" + i + "]" + (name == null || name.isEmpty() ? "" : " (" + name + ")");
                int before = problems.size();
                unknownKeys(m, STREAM_KEYS, where + ": ");
                if (name == null || name.isEmpty()) {
                    problems.add(where + ": name is required");
                } else if (name.length() > 100) {
                    problems.add(where + ": name is longer than 100 characters");
                } else if (name.chars().anyMatch(Character::isISOControl)) {
                    problems.add(where + ": name contains control characters");
                } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    problems.add(where + ": name '" + name + "' is used by another stream (names must be unique)");
                }
                String url = url(m.get("url"), where);
                boolean enabled = bool(m.get("enabled"), true, where + ": enabled");
                int hb = positiveInt(m.get("heartbeat_seconds"), defaultHeartbeat, where + ": heartbeat_seconds", 86_400);
                int timeout = positiveInt(m.get("timeout_seconds"), DEFAULT_TIMEOUT_SECONDS, where + ": timeout_seconds", 300);
                Map<String, String> labels = labels(m.get("labels"), where);
                if (problems.size() == before) {
                    out.add(new StreamConfig(name, url, enabled, hb, timeout, labels));
                }
            }
            return out;
        }

        private String url(Object value, String where) {
            if (value == null || String.valueOf(value).isBlank()) {
                problems.add(where + ": url is required");
                return null;
            }
            String url = String.valueOf(value).trim();
            String problem = urlProblem(url);
            if (problem != null) problems.add(where + ": url " + problem);
            return url;
        }

        private Map<String, String> labels(Object value, String where) {
            if (value == null) return Map.of();
            if (!(value instanceof Map<?, ?> m)) {
                problems.add(where + ": labels must be a mapping of key: value");
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return out;
        }

        private ZoneId zone(Object value) {
            if (value == null) return ZoneId.of("UTC");
            try {
                return ZoneId.of(String.valueOf(value));
            } catch (DateTimeException e) {
                problems.add("timezone: '" + value + "' is not a known time zone (e.g. UTC, Europe/Berlin, Asia/Kolkata)");
                return ZoneId.of("UTC");
            }
        }

        private Path dataDir(Object value) {
            Path base = file.toAbsolutePath().getParent();
            if (value == null) return base;
            Path p = Path.of(String.valueOf(value));
            return p.isAbsolute() ? p : base.resolve(p).normalize();
        }

        private ProbeSettings probe(Object value) {
            if (value == null) return ProbeSettings.DEFAULT;
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("probe: must be a mapping (concurrency, per_host_limit)");
                return ProbeSettings.DEFAULT;
            }
            unknownKeys(m, Set.of("concurrency", "per_host_limit"), "probe: ");
            int concurrency = positiveInt(m.get("concurrency"), ProbeSettings.DEFAULT.concurrency(), "probe.concurrency", 1024);
            int perHost = nonNegativeInt(m.get("per_host_limit"), ProbeSettings.DEFAULT.perHostLimit(), "probe.per_host_limit");
            return new ProbeSettings(concurrency, perHost);
        }

        private Optional<AppConfig.DemoCamera> demo(Object value) {
            if (value == null || Boolean.FALSE.equals(value)) return Optional.empty();
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("demo: must be a mapping (rtsp_port, mjpeg_port)");
                return Optional.empty();
            }
            unknownKeys(m, Set.of("rtsp_port", "mjpeg_port"), "demo: ");
            int rtsp = port(m.get("rtsp_port"), 8554, "demo.rtsp_port");
            int mjpeg = port(m.get("mjpeg_port"), 8081, "demo.mjpeg_port");
            return Optional.of(new AppConfig.DemoCamera(rtsp, mjpeg));
        }

        private Optional<AppConfig.WebSettings> web(Object value) {
            if (value == null) return Optional.empty();
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("web: must be a mapping (host, port)");
                return Optional.empty();
            }
            unknownKeys(m, Set.of("host", "port"), "web: ");
            Object rawHost = m.get("host");
            String host = rawHost == null ? "0.0.0.0" : String.valueOf(rawHost).trim();
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
                problems.add("web.host: '" + host + "' is not a host name or address (e.g. 0.0.0.0 or 127.0.0.1)");
            }
            int port = port(m.get("port"), 8000, "web.port");
            return Optional.of(new AppConfig.WebSettings(host, port));
        }

        private int port(Object value, int dflt, String field) {
            int p = positiveInt(value, dflt, field, 65_535);
            return p;
        }

        private List<String> stringList(Object value, String field) {
            if (value == null) return List.of();
            if (value instanceof String s) return List.of(s);
            if (!(value instanceof List<?> list)) {
                problems.add(field + ": must be a list of host names");
                return List.of();
            }
            return list.stream().map(String::valueOf).toList();
        }

        private void unknownKeys(Map<?, ?> m, Set<String> known, String where) {
            for (Object k : m.keySet()) {
                if (!known.contains(String.valueOf(k))) {
                    problems.add(where + "unknown key '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }

        private boolean bool(Object value, boolean dflt, String field) {
            if (value == null) return dflt;
            if (value instanceof Boolean b) return b;
            problems.add(field + " must be true or false, got '" + value + "'");
            return dflt;
        }

        private int positiveInt(Object value, int dflt, String field, int max) {
            int v = nonNegativeInt(value, dflt, field);
            if (value != null && v == 0) problems.add(field + " must be at least 1");
            if (v > max) problems.add(field + " must be at most " + max + ", got " + v);
            return v;
        }

        private int nonNegativeInt(Object value, int dflt, String field) {
            if (value == null) return dflt;
            if (value instanceof Integer i) {
                if (i < 0) problems.add(field + " must not be negative, got " + i);
                return Math.max(i, 0);
            }
            problems.add(field + " must be a whole number, got '" + value + "'");
            return dflt;
        }
    }

    /** Why a stream URL cannot be probed, or null when it can. Shared with the probe's own guard. */
    public static String urlProblem(String url) {
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
