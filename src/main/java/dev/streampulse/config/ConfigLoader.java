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
    /** Longer stream URLs are refused before anything parses them. */
    public static final int MAX_URL = 4096;

    private static final Set<String> TOP_KEYS = Set.of("heartbeat_seconds", "timezone", "ntp_servers", "data_dir",
            "probe", "demo", "streams", "web", "health", "retention_days", "rollup_retention_days", "evidence_files",
            "maintenance", "alerts", "database", "node", "hosts", "home_assistant");
    private static final Set<String> HEALTH_KEYS =
            Set.of("fail_threshold", "recover_threshold", "frozen_after", "latency_warn_ms", "ignore");
    private static final Set<String> STREAM_KEYS = Set.of("name", "url", "enabled", "heartbeat_seconds",
            "timeout_seconds", "labels", "fail_threshold", "recover_threshold", "frozen_after", "latency_warn_ms",
            "static_scene", "expect", "ignore");
    private static final Set<String> ALERT_KEYS =
            Set.of("name", "uri", "events", "streams", "format", "topic", "min_interval_seconds");
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

    private static String clip(String name) {
        return name.length() > 100 ? name.substring(0, 100) + "…" : name;
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
            ProbeSettings probe = probe(top.get("probe"), hosts(top.get("hosts")));
            Optional<AppConfig.DemoCamera> demo = demo(top.get("demo"));
            HealthSettings health = health(top.get("health"));
            List<StreamConfig> streams = streams(top.get("streams"), heartbeat, health);
            int retention = positiveInt(top.get("retention_days"), AppConfig.DEFAULT_RETENTION_DAYS, "retention_days", 36_500);
            int rollups = positiveInt(top.get("rollup_retention_days"), AppConfig.DEFAULT_ROLLUP_RETENTION_DAYS,
                    "rollup_retention_days", 36_500);
            int evidence = nonNegativeInt(top.get("evidence_files"), AppConfig.DEFAULT_EVIDENCE_FILES, "evidence_files");
            List<MaintenanceWindow> maintenance = maintenance(top.get("maintenance"), zone);
            List<dev.streampulse.alert.AlertRule> alerts = alerts(top.get("alerts"));
            Optional<AppConfig.WebSettings> web = web(top.get("web"));
            DatabaseSettings database = database(top.get("database"));
            NodeSettings node = node(top.get("node"));
            HomeAssistantSettings homeAssistant = HomeAssistantSettings.read(top.get("home_assistant"), problems);
            if (!problems.isEmpty()) throw new ConfigException(problems);
            return new AppConfig(heartbeat, zone, ntp, dataDir, probe, demo, streams, web, retention, rollups, evidence,
                    maintenance, alerts, database, node, homeAssistant);
        }

        private HealthSettings health(Object value) {
            if (value == null) return HealthSettings.DEFAULT;
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("health: must be a mapping (" + String.join(", ", new java.util.TreeSet<>(HEALTH_KEYS)) + ")");
                return HealthSettings.DEFAULT;
            }
            unknownKeys(m, HEALTH_KEYS, "health: ");
            return healthOf(m, HealthSettings.DEFAULT, "health.");
        }

        /** Health keys present in {@code m} override {@code base}. */
        private HealthSettings healthOf(Map<?, ?> m, HealthSettings base, String prefix) {
            int fail = positiveInt(m.get("fail_threshold"), base.failThreshold(), prefix + "fail_threshold", 100);
            int recover = positiveInt(m.get("recover_threshold"), base.recoverThreshold(), prefix + "recover_threshold", 100);
            int frozen = positiveInt(m.get("frozen_after"), base.frozenAfter(), prefix + "frozen_after", 1000);
            if (m.get("frozen_after") != null && frozen < 2) problems.add(prefix + "frozen_after must be at least 2 (beats showing the same picture)");
            int slow = nonNegativeInt(m.get("latency_warn_ms"), base.latencyWarnMs(), prefix + "latency_warn_ms");
            boolean staticScene = bool(m.get("static_scene"), base.staticScene(), prefix + "static_scene");
            HealthSettings.ExpectedProfile expect = m.containsKey("expect") ? expect(m.get("expect"), prefix) : base.expect();
            Set<String> ignore = base.ignore();
            if (m.containsKey("ignore")) {
                ignore = new java.util.TreeSet<>();
                for (String c : stringList(m.get("ignore"), prefix + "ignore")) {
                    String k = c.trim().toLowerCase(Locale.ROOT);
                    if (HealthSettings.CONDITIONS.contains(k)) ignore.add(k);
                    else problems.add(prefix + "ignore: '" + c + "' is not one of " + new java.util.TreeSet<>(HealthSettings.CONDITIONS));
                }
            }
            return new HealthSettings(fail, recover, frozen, staticScene, slow, expect, ignore);
        }

        private HealthSettings.ExpectedProfile expect(Object value, String prefix) {
            if (!(value instanceof Map<?, ?> m)) {
                problems.add(prefix + "expect must be a mapping (codec, width, height, fps)");
                return null;
            }
            unknownKeys(m, Set.of("codec", "width", "height", "fps"), prefix + "expect: ");
            String codec = m.get("codec") == null ? null : String.valueOf(m.get("codec")).toLowerCase(Locale.ROOT);
            Integer w = m.get("width") == null ? null : positiveInt(m.get("width"), 0, prefix + "expect.width", 16_384);
            Integer h = m.get("height") == null ? null : positiveInt(m.get("height"), 0, prefix + "expect.height", 16_384);
            Double fps = null;
            if (m.get("fps") instanceof Number n && n.doubleValue() > 0) fps = n.doubleValue();
            else if (m.get("fps") != null) problems.add(prefix + "expect.fps must be a positive number, got '" + m.get("fps") + "'");
            return new HealthSettings.ExpectedProfile(codec, w, h, fps);
        }

        private List<MaintenanceWindow> maintenance(Object value, ZoneId zone) {
            if (value == null) return List.of();
            if (!(value instanceof List<?> list)) {
                problems.add("maintenance: must be a list of windows (from/to, or days/start/end)");
                return List.of();
            }
            List<MaintenanceWindow> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String where = "maintenance[" + i + "]: ";
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    problems.add(where + "must be a mapping (streams, from, to) or (streams, days, start, end)");
                    continue;
                }
                unknownKeys(m, Set.of("streams", "from", "to", "days", "start", "end"), where);
                List<String> streams = stringList(m.get("streams"), where + "streams");
                int before = problems.size();
                if (m.containsKey("from") || m.containsKey("to")) {
                    java.time.Instant from = instant(m.get("from"), zone, where + "from");
                    java.time.Instant to = instant(m.get("to"), zone, where + "to");
                    if (from != null && to != null && !to.isAfter(from)) problems.add(where + "to must be after from");
                    if (m.containsKey("days") || m.containsKey("start")) problems.add(where + "use either from/to or days/start/end, not both");
                    if (problems.size() == before) out.add(new MaintenanceWindow(streams, from, to, null, null, null));
                } else {
                    Set<java.time.DayOfWeek> days = days(m.get("days"), where + "days");
                    java.time.LocalTime start = time(m.get("start"), where + "start");
                    java.time.LocalTime end = time(m.get("end"), where + "end");
                    if (start != null && start.equals(end)) problems.add(where + "start and end must differ");
                    if (problems.size() == before) out.add(new MaintenanceWindow(streams, null, null, days, start, end));
                }
            }
            return out;
        }

        private java.time.Instant instant(Object value, ZoneId zone, String field) {
            if (value == null) {
                problems.add(field + " is required (e.g. 2026-12-01T02:00)");
                return null;
            }
            if (value instanceof java.util.Date d) return d.toInstant(); // YAML timestamps with a zone
            String s = String.valueOf(value).trim();
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                try {
                    return java.time.LocalDateTime.parse(s).atZone(zone).toInstant();
                } catch (java.time.format.DateTimeParseException e2) {
                    problems.add(field + ": '" + s + "' is not a date-time like 2026-12-01T02:00 (config time zone) or 2026-12-01T02:00Z");
                    return null;
                }
            }
        }

        private java.time.LocalTime time(Object value, String field) {
            if (value == null) {
                problems.add(field + " is required (HH:MM)");
                return null;
            }
            // YAML 1.1 reads an unquoted 02:30 as the sexagesimal number 150
            String s = value instanceof Integer i ? String.format("%02d:%02d", i / 60, i % 60) : String.valueOf(value).trim();
            try {
                return java.time.LocalTime.parse(s.length() == 4 ? "0" + s : s);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(field + ": '" + value + "' is not a time like 02:30");
                return null;
            }
        }

        private Set<java.time.DayOfWeek> days(Object value, String field) {
            if (value == null) return java.util.EnumSet.allOf(java.time.DayOfWeek.class);
            Set<java.time.DayOfWeek> out = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
            for (String d : stringList(value, field)) {
                String k = d.trim().toLowerCase(Locale.ROOT);
                java.time.DayOfWeek day = null;
                for (java.time.DayOfWeek w : java.time.DayOfWeek.values()) {
                    if (k.length() >= 3 && w.name().toLowerCase(Locale.ROOT).startsWith(k)) day = w;
                }
                if (day == null) problems.add(field + ": '" + d + "' is not a day (mon, tue, ... sun)");
                else out.add(day);
            }
            return out;
        }

        private List<dev.streampulse.alert.AlertRule> alerts(Object value) {
            if (value == null) return List.of();
            if (!(value instanceof List<?> list)) {
                problems.add("alerts: must be a list of alerts (each with name and uri)");
                return List.of();
            }
            List<dev.streampulse.alert.AlertRule> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    problems.add("alerts[" + i + "]: must be a mapping with name and uri");
                    continue;
                }
                String name = m.get("name") == null ? "" : String.valueOf(m.get("name")).trim();
                String where = "alerts[" + i + "]" + (name.isEmpty() ? "" : " (" + clip(name) + ")") + ": ";
                int before = problems.size();
                unknownKeys(m, ALERT_KEYS, where);
                if (name.isEmpty()) problems.add(where + "name is required");
                else if (!names.add(name)) problems.add(where + "name '" + name + "' is used by another alert");
                String uri = m.get("uri") == null ? "" : String.valueOf(m.get("uri")).trim();
                if (uri.isEmpty()) problems.add(where + "uri is required (a Camel endpoint, e.g. netty-http:https://host/hook)");
                else if (uri.length() > 4096 || !uri.matches("[a-z][a-z0-9+.-]*:.+")) {
                    problems.add(where + "uri '" + dev.streampulse.alert.AlertRule.redact(uri) + "' is not a Camel endpoint URI (scheme:...)");
                } else {
                    String problem = dev.streampulse.alert.AlertRule.uriProblem(uri);
                    if (problem != null) problems.add(where + "uri '" + dev.streampulse.alert.AlertRule.redact(uri) + "' " + problem);
                }
                Set<String> events = new java.util.LinkedHashSet<>();
                for (String e : stringList(m.get("events"), where + "events")) events.add(e.trim().toLowerCase(Locale.ROOT));
                List<String> streams = stringList(m.get("streams"), where + "streams");
                String format = m.get("format") == null ? (uri.startsWith("paho") ? "mqtt" : "json")
                        : String.valueOf(m.get("format")).toLowerCase(Locale.ROOT);
                if (!dev.streampulse.alert.AlertRule.FORMATS.contains(format)) {
                    problems.add(where + "format '" + format + "' is not one of " + new java.util.TreeSet<>(dev.streampulse.alert.AlertRule.FORMATS));
                }
                String topic = m.get("topic") == null ? null : String.valueOf(m.get("topic"));
                int minInterval = nonNegativeInt(m.get("min_interval_seconds"), 0, where + "min_interval_seconds");
                if (problems.size() == before) {
                    out.add(new dev.streampulse.alert.AlertRule(name, uri, events, streams, format, topic, minInterval));
                }
            }
            return out;
        }

        private List<StreamConfig> streams(Object value, int defaultHeartbeat, HealthSettings health) {
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
                // messages quote at most 100 characters of a name (they go through patterns and pages)
                String where = "streams[" + i + "]" + (name == null || name.isEmpty() ? "" : " (" + clip(name) + ")");
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
                HealthSettings streamHealth = healthOf(m, health, where + ": ");
                if (problems.size() == before) {
                    out.add(new StreamConfig(name, url, enabled, hb, timeout, labels, streamHealth));
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
            String text = String.valueOf(value);
            if (text.contains("{{") || text.contains("${")) {
                // the folder reaches Camel's properties (users' routes directory), which would resolve placeholders
                problems.add("data_dir: '" + text + "' must not contain '{{' or '${'");
                return base;
            }
            Path p = Path.of(text);
            return p.isAbsolute() ? p : base.resolve(p).normalize();
        }

        private ProbeSettings probe(Object value, Map<String, Integer> hosts) {
            if (value == null) return new ProbeSettings(ProbeSettings.DEFAULT.concurrency(), ProbeSettings.DEFAULT.perHostLimit(), hosts);
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("probe: must be a mapping (max_concurrency, per_host_limit)");
                return ProbeSettings.DEFAULT;
            }
            unknownKeys(m, Set.of("max_concurrency", "concurrency", "per_host_limit"), "probe: ");
            if (m.containsKey("max_concurrency") && m.containsKey("concurrency")) {
                problems.add("probe: set max_concurrency or its old name concurrency, not both");
            }
            // concurrency is the old name: it fixed the number of probe threads; now the pools follow demand up to it
            String key = m.containsKey("concurrency") ? "concurrency" : "max_concurrency";
            int ceiling = positiveInt(m.get(key), ProbeSettings.DEFAULT.concurrency(), "probe." + key, 4096);
            if (m.get(key) != null && ceiling == 1) problems.add("probe." + key + " must be at least 2 (one fast and one slow lane)");
            int perHost = nonNegativeInt(m.get("per_host_limit"), ProbeSettings.DEFAULT.perHostLimit(), "probe.per_host_limit");
            return new ProbeSettings(ceiling, perHost, hosts);
        }

        /** {@code hosts: {192.168.1.5: {max_sessions: 16}}}: NVRs and restreamers with their own session cap. */
        private Map<String, Integer> hosts(Object value) {
            if (value == null) return Map.of();
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("hosts: must be a mapping of host (or host:port) to {max_sessions: N}, e.g. hosts: {192.168.1.5: {max_sessions: 16}}");
                return Map.of();
            }
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String host = String.valueOf(e.getKey()).trim().toLowerCase(Locale.ROOT);
                String where = "hosts." + host;
                if (!validHost(host)) {
                    problems.add("hosts." + UrlRedactor.redact(host) + ": not a host name, IP address or host:port");
                    continue;
                }
                if (!(e.getValue() instanceof Map<?, ?> h)) {
                    problems.add(where + ": must be a mapping {max_sessions: N}");
                    continue;
                }
                unknownKeys(h, Set.of("max_sessions"), where + ": ");
                if (h.get("max_sessions") == null) {
                    problems.add(where + ".max_sessions is required (sessions the host serves at once)");
                    continue;
                }
                if (out.containsKey(host)) problems.add(where + ": listed twice");
                out.put(host, positiveInt(h.get("max_sessions"), 1, where + ".max_sessions", 4096));
            }
            return out;
        }

        private static boolean validHost(String host) {
            if (host.isEmpty() || host.length() > 260) return false;
            try {
                URI u = new URI("rtsp://" + host + "/");
                return u.getHost() != null && u.getUserInfo() == null && (u.getRawPath() == null || u.getRawPath().equals("/"))
                        && u.getQuery() == null;
            } catch (URISyntaxException e) {
                return false;
            }
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
                problems.add("web: must be a mapping (host, port, tls, trusted_proxies)");
                return Optional.empty();
            }
            unknownKeys(m, Set.of("host", "port", "tls", "trusted_proxies"), "web: ");
            Object rawHost = m.get("host");
            String host = rawHost == null ? "0.0.0.0" : String.valueOf(rawHost).trim();
            // it becomes a Camel property (camel.server.host): nothing Camel would resolve ({{env:…}})
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.:%\\[\\]-]{1,253}")) {
                problems.add("web.host: '" + host + "' is not a host name or address (e.g. 0.0.0.0 or 127.0.0.1)");
            }
            int port = port(m.get("port"), 8000, "web.port");
            List<String> proxies = new ArrayList<>();
            for (String p : stringList(m.get("trusted_proxies"), "web.trusted_proxies")) {
                String a = p.trim();
                // addresses only (what the socket reports), no names: a name would need a DNS look-up per request
                if (!a.matches("[0-9a-fA-F:.]{2,45}")) problems.add("web.trusted_proxies: '" + a + "' is not an IP address");
                else proxies.add(a.toLowerCase(Locale.ROOT));
            }
            return Optional.of(new AppConfig.WebSettings(host, port, tls(m.get("tls")), proxies));
        }

        private AppConfig.Tls tls(Object value) {
            if (value == null || Boolean.FALSE.equals(value)) return null;
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("web.tls: must be a mapping (cert and key PEM files, or self_signed: true; hsts_seconds)");
                return null;
            }
            unknownKeys(m, Set.of("cert", "key", "self_signed", "hsts_seconds"), "web.tls: ");
            boolean selfSigned = bool(m.get("self_signed"), false, "web.tls.self_signed");
            Path base = file.toAbsolutePath().getParent();
            Path cert = m.get("cert") == null ? null : base.resolve(String.valueOf(m.get("cert"))).normalize();
            Path key = m.get("key") == null ? null : base.resolve(String.valueOf(m.get("key"))).normalize();
            if (selfSigned && (cert != null || key != null)) problems.add("web.tls: give either cert and key, or self_signed: true");
            else if (!selfSigned && (cert == null || key == null)) {
                problems.add("web.tls: cert and key (PEM files) are both required, or set self_signed: true");
            }
            int hsts = nonNegativeInt(m.get("hsts_seconds"), 0, "web.tls.hsts_seconds");
            return new AppConfig.Tls(cert, key, selfSigned, hsts);
        }

        private DatabaseSettings database(Object value) {
            if (value == null) return DatabaseSettings.EMBEDDED;
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("database: must be a mapping (url)");
                return DatabaseSettings.EMBEDDED;
            }
            // no user/password keys: config.yaml is shown in the web editor; they come from the environment
            unknownKeys(m, Set.of("url"), "database: ");
            if (m.get("url") == null) return DatabaseSettings.EMBEDDED;
            String url = String.valueOf(m.get("url")).trim();
            if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql://")) {
                problems.add("database.url: '" + UrlRedactor.redact(url) + "' is neither jdbc:sqlite:<file> nor "
                        + "jdbc:postgresql://host:port/database");
            } else if (url.toLowerCase(Locale.ROOT).contains("password=")) {
                problems.add("database.url: put the password in STREAMPULSE_DB_PASSWORD, not in config.yaml");
            }
            return new DatabaseSettings(url, null, null);
        }

        private NodeSettings node(Object value) {
            if (value == null) return NodeSettings.SINGLE;
            if (!(value instanceof Map<?, ?> m)) {
                problems.add("node: must be a mapping (id, site or shard, heartbeat_seconds, timeout_seconds)");
                return NodeSettings.SINGLE;
            }
            unknownKeys(m, Set.of("id", "site", "shard", "heartbeat_seconds", "timeout_seconds"), "node: ");
            String id = m.get("id") == null ? null : String.valueOf(m.get("id")).trim();
            if (id != null && !id.matches(NodeSettings.ID)) {
                problems.add("node.id: '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            String site = m.get("site") == null ? null : String.valueOf(m.get("site")).trim();
            int shard = 0;
            int shards = 1;
            if (m.get("shard") != null) {
                int[] s = NodeSettings.parseShard(String.valueOf(m.get("shard")));
                if (s == null) problems.add("node.shard: '" + m.get("shard") + "' must be i/n with 0 <= i < n, e.g. 0/3");
                else {
                    shard = s[0];
                    shards = s[1];
                }
                if (site != null) problems.add("node: give either site or shard, not both");
            }
            int hb = positiveInt(m.get("heartbeat_seconds"), NodeSettings.DEFAULT_HEARTBEAT_SECONDS, "node.heartbeat_seconds", 3_600);
            int timeout = positiveInt(m.get("timeout_seconds"), NodeSettings.DEFAULT_TIMEOUT_SECONDS, "node.timeout_seconds", 86_400);
            if (timeout < 2 * hb) problems.add("node.timeout_seconds must be at least twice node.heartbeat_seconds");
            return new NodeSettings(id, site, shard, shards, hb, timeout, true);
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
