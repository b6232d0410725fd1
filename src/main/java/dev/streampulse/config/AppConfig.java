package dev.streampulse.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole of config.yaml, validated. Immutable: a reload builds a new one and swaps it in.
 *
 * @param dataDir where streams.db and the web users live (defaults to the config file's folder)
 * @param demo    ports of the built-in demo camera, when the config asks for one
 * @param web     where the web GUI listens, when the config says (else application.properties: 0.0.0.0:8000)
 * @param retentionDays       raw beats older than this are pruned nightly
 * @param rollupRetentionDays hourly rollups and events are kept this long
 * @param evidenceFiles       newest evidence JPEGs kept in dataDir/evidence
 * @param database            the embedded SQLite file, or a shared PostgreSQL (read at start-up)
 * @param node                this process among several monitor nodes (read at start-up)
 * @param incidents           how streams are grouped into site incidents
 * @param homeAssistant       MQTT discovery for Home Assistant, or null when not configured (read at start-up)
 * @param onvif               what is checked on cameras with an ONVIF identity (clock drift)
 */
public record AppConfig(
        int heartbeatSeconds,
        ZoneId timezone,
        List<String> ntpServers,
        Path dataDir,
        ProbeSettings probe,
        Optional<DemoCamera> demo,
        List<StreamConfig> streams,
        Optional<WebSettings> web,
        int retentionDays,
        int rollupRetentionDays,
        int evidenceFiles,
        List<MaintenanceWindow> maintenance,
        List<AlertRule> alerts,
        DatabaseSettings database,
        NodeSettings node,
        IncidentSettings incidents,
        HomeAssistantSettings homeAssistant,
        OnvifSettings onvif) {

    public static final int DEFAULT_HEARTBEAT_SECONDS = 15;
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int DEFAULT_ROLLUP_RETENTION_DAYS = 400;
    public static final int DEFAULT_EVIDENCE_FILES = 200;

    /** The top-level keys; each section's own keys are an enum beside its record. */
    public enum Key implements ConfigKey {
        HEARTBEAT_SECONDS, TIMEZONE, NTP_SERVERS, DATA_DIR, PROBE, DEMO, STREAMS, WEB, HEALTH, RETENTION_DAYS,
        ROLLUP_RETENTION_DAYS, EVIDENCE_FILES, MAINTENANCE, ALERTS, DATABASE, NODE, HOSTS, INCIDENTS, HOME_ASSISTANT, ONVIF
    }

    public AppConfig {
        ntpServers = List.copyOf(ntpServers);
        streams = List.copyOf(streams);
        maintenance = List.copyOf(maintenance);
        alerts = List.copyOf(alerts);
        database = database == null ? DatabaseSettings.EMBEDDED : database;
        node = node == null ? NodeSettings.SINGLE : node;
        incidents = incidents == null ? IncidentSettings.DEFAULT : incidents;
        onvif = onvif == null ? OnvifSettings.DEFAULT : onvif;
    }

    /** Without an {@code incidents:} section: the default grouping. */
    public AppConfig(int heartbeatSeconds, ZoneId timezone, List<String> ntpServers, Path dataDir, ProbeSettings probe,
                     Optional<DemoCamera> demo, List<StreamConfig> streams, Optional<WebSettings> web, int retentionDays,
                     int rollupRetentionDays, int evidenceFiles, List<MaintenanceWindow> maintenance, List<AlertRule> alerts,
                     DatabaseSettings database, NodeSettings node) {
        this(heartbeatSeconds, timezone, ntpServers, dataDir, probe, demo, streams, web, retentionDays, rollupRetentionDays,
                evidenceFiles, maintenance, alerts, database, node, IncidentSettings.DEFAULT, null, OnvifSettings.DEFAULT);
    }

    /** One box: the embedded database, no other nodes. */
    public AppConfig(int heartbeatSeconds, ZoneId timezone, List<String> ntpServers, Path dataDir, ProbeSettings probe,
                     Optional<DemoCamera> demo, List<StreamConfig> streams, Optional<WebSettings> web, int retentionDays,
                     int rollupRetentionDays, int evidenceFiles, List<MaintenanceWindow> maintenance, List<AlertRule> alerts) {
        this(heartbeatSeconds, timezone, ntpServers, dataDir, probe, demo, streams, web, retentionDays, rollupRetentionDays,
                evidenceFiles, maintenance, alerts, DatabaseSettings.EMBEDDED, NodeSettings.SINGLE);
    }

    /** The config as it was before stream intelligence: default retention, no maintenance, no alerts. */
    public AppConfig(int heartbeatSeconds, ZoneId timezone, List<String> ntpServers, Path dataDir, ProbeSettings probe,
                     Optional<DemoCamera> demo, List<StreamConfig> streams) {
        this(heartbeatSeconds, timezone, ntpServers, dataDir, probe, demo, streams, Optional.empty(), DEFAULT_RETENTION_DAYS,
                DEFAULT_ROLLUP_RETENTION_DAYS, DEFAULT_EVIDENCE_FILES, List.of(), List.of());
    }

    /** Whether a maintenance window covers the stream at {@code ts}. */
    public boolean inMaintenance(String stream, long ts) {
        for (MaintenanceWindow w : maintenance) {
            if (w.covers(stream, ts, timezone)) return true;
        }
        return false;
    }

    public List<StreamConfig> enabledStreams() {
        return streams.stream().filter(StreamConfig::enabled).toList();
    }

    public Optional<StreamConfig> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Reads and checks the whole of config.yaml; relative paths are resolved against {@code file}'s folder. */
    static AppConfig read(ConfigSection top, Path file) throws ConfigException {
        Path folder = file.toAbsolutePath().getParent();
        top.unknownKeys(EnumSet.allOf(Key.class));
        int heartbeat = top.positiveInt(Key.HEARTBEAT_SECONDS, DEFAULT_HEARTBEAT_SECONDS, 86_400);
        ZoneId zone = zone(top);
        List<String> ntp = top.strings(Key.NTP_SERVERS);
        Path dataDir = dataDir(top, folder);
        ProbeSettings probe = ProbeSettings.read(top);
        Optional<DemoCamera> demo = DemoCamera.read(top);
        HealthSettings health = HealthSettings.read(top);
        List<StreamConfig> streams = StreamConfig.readAll(top, heartbeat, health);
        int retention = top.positiveInt(Key.RETENTION_DAYS, DEFAULT_RETENTION_DAYS, 36_500);
        int rollups = top.positiveInt(Key.ROLLUP_RETENTION_DAYS, DEFAULT_ROLLUP_RETENTION_DAYS, 36_500);
        int evidence = top.nonNegativeInt(Key.EVIDENCE_FILES, DEFAULT_EVIDENCE_FILES);
        List<MaintenanceWindow> maintenance = MaintenanceWindow.readAll(top, zone);
        List<AlertRule> alerts = AlertRule.readAll(top);
        Optional<WebSettings> web = WebSettings.read(top, folder);
        DatabaseSettings database = DatabaseSettings.read(top);
        NodeSettings node = NodeSettings.read(top);
        IncidentSettings incidents = IncidentSettings.read(top);
        HomeAssistantSettings homeAssistant = HomeAssistantSettings.read(top);
        OnvifSettings onvif = OnvifSettings.read(top);
        top.check();
        return new AppConfig(heartbeat, zone, ntp, dataDir, probe, demo, streams, web, retention, rollups, evidence,
                maintenance, alerts, database, node, incidents, homeAssistant, onvif);
    }

    private static ZoneId zone(ConfigSection top) {
        Object value = top.get(Key.TIMEZONE);
        if (value == null) return DEFAULT_TIMEZONE;
        try {
            return ZoneId.of(String.valueOf(value));
        } catch (DateTimeException e) {
            top.problem(Key.TIMEZONE, "timezone: '" + value + "' is not a known time zone (e.g. UTC, Europe/Berlin, Asia/Kolkata)");
            return DEFAULT_TIMEZONE;
        }
    }

    /** {@code data_dir}, by default the config file's folder. */
    private static Path dataDir(ConfigSection top, Path folder) {
        String text = top.string(Key.DATA_DIR);
        if (text == null) return folder;
        if (text.contains("{{") || text.contains("${")) {
            // the folder reaches Camel's properties (users' routes directory), which would resolve placeholders
            top.problem(Key.DATA_DIR, "data_dir: '" + text + "' must not contain '{{' or '${'");
            return folder;
        }
        Path p = Path.of(text);
        return p.isAbsolute() ? p : folder.resolve(p).normalize();
    }

    /**
     * The web GUI's listen address ({@code web: {host: 0.0.0.0, port: 8000}}), HTTPS and the reverse
     * proxies whose X-Forwarded-For / X-Forwarded-Proto are believed; applied at start.
     *
     * @param tls            HTTPS, or null for plain HTTP
     * @param trustedProxies addresses of reverse proxies in front of StreamPulse (default none)
     */
    public record WebSettings(String host, int port, Tls tls, List<String> trustedProxies) {
        public static final String DEFAULT_HOST = "0.0.0.0";
        public static final int DEFAULT_PORT = 8000;

        public enum Key implements ConfigKey { HOST, PORT, TLS, TRUSTED_PROXIES }

        public WebSettings {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }

        public WebSettings(String host, int port) {
            this(host, port, null, List.of());
        }

        static Optional<WebSettings> read(ConfigSection top, Path folder) {
            ConfigSection m = top.section(AppConfig.Key.WEB, EnumSet.allOf(Key.class),
                    "web: must be a mapping (host, port, tls, trusted_proxies)");
            if (m == null) return Optional.empty();
            String host = m.get(Key.HOST) == null ? DEFAULT_HOST : m.string(Key.HOST).trim();
            // it becomes a Camel property (camel.server.host): nothing Camel would resolve ({{env:…}})
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.:%\\[\\]-]{1,253}")) {
                m.problem(Key.HOST, m.field(Key.HOST) + ": '" + host + "' is not a host name or address (e.g. 0.0.0.0 or 127.0.0.1)");
            }
            int port = m.port(Key.PORT, DEFAULT_PORT);
            List<String> proxies = new ArrayList<>();
            for (String p : m.strings(Key.TRUSTED_PROXIES)) {
                String a = p.trim();
                // addresses only (what the socket reports), no names: a name would need a DNS look-up per request
                if (!a.matches("[0-9a-fA-F:.]{2,45}")) {
                    m.problem(Key.TRUSTED_PROXIES, m.field(Key.TRUSTED_PROXIES) + ": '" + a + "' is not an IP address");
                } else {
                    proxies.add(a.toLowerCase(Locale.ROOT));
                }
            }
            return Optional.of(new WebSettings(host, port, Tls.read(m, folder), proxies));
        }
    }

    /**
     * {@code web.tls}: a certificate and key in PEM files, or {@code self_signed: true} for one
     * generated into {@code data_dir/tls/}; {@code hsts_seconds} > 0 sends Strict-Transport-Security.
     */
    public record Tls(Path cert, Path key, boolean selfSigned, long hstsSeconds) {
        public enum Key implements ConfigKey { CERT, KEY, SELF_SIGNED, HSTS_SECONDS }

        /** {@code web.tls}; the PEM files' paths are relative to the config file's {@code folder}. */
        static Tls read(ConfigSection web, Path folder) {
            if (Boolean.FALSE.equals(web.get(WebSettings.Key.TLS))) return null;
            ConfigSection m = web.section(WebSettings.Key.TLS, EnumSet.allOf(Key.class),
                    "web.tls: must be a mapping (cert and key PEM files, or self_signed: true; hsts_seconds)");
            if (m == null) return null;
            boolean selfSigned = m.bool(Key.SELF_SIGNED, false);
            Path cert = m.get(Key.CERT) == null ? null : folder.resolve(m.string(Key.CERT)).normalize();
            Path key = m.get(Key.KEY) == null ? null : folder.resolve(m.string(Key.KEY)).normalize();
            if (selfSigned && (cert != null || key != null)) m.problem("give either cert and key, or self_signed: true");
            else if (!selfSigned && (cert == null || key == null)) m.problem("cert and key (PEM files) are both required, or set self_signed: true");
            int hsts = m.nonNegativeInt(Key.HSTS_SECONDS, 0);
            return new Tls(cert, key, selfSigned, hsts);
        }
    }

    /** The in-process simulator that makes a fresh install show life without any camera. */
    public record DemoCamera(int rtspPort, int mjpegPort) {
        public static final DemoCamera DEFAULT = new DemoCamera(8554, 8081);

        public enum Key implements ConfigKey { RTSP_PORT, MJPEG_PORT }

        /** {@code demo:}; absent or {@code false}: no demo camera. */
        static Optional<DemoCamera> read(ConfigSection top) {
            if (Boolean.FALSE.equals(top.get(AppConfig.Key.DEMO))) return Optional.empty();
            ConfigSection m = top.section(AppConfig.Key.DEMO, EnumSet.allOf(Key.class), "demo: must be a mapping (rtsp_port, mjpeg_port)");
            if (m == null) return Optional.empty();
            return Optional.of(new DemoCamera(m.port(Key.RTSP_PORT, DEFAULT.rtspPort()), m.port(Key.MJPEG_PORT, DEFAULT.mjpegPort())));
        }
    }
}
