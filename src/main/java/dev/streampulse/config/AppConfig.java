package dev.streampulse.config;

import dev.streampulse.alert.AlertRule;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
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
 * @param homeAssistant       MQTT discovery for Home Assistant, or null when not configured (read at start-up)
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
        HomeAssistantSettings homeAssistant) {

    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int DEFAULT_ROLLUP_RETENTION_DAYS = 400;
    public static final int DEFAULT_EVIDENCE_FILES = 200;

    public AppConfig {
        ntpServers = List.copyOf(ntpServers);
        streams = List.copyOf(streams);
        maintenance = List.copyOf(maintenance);
        alerts = List.copyOf(alerts);
        database = database == null ? DatabaseSettings.EMBEDDED : database;
        node = node == null ? NodeSettings.SINGLE : node;
    }

    /** Without Home Assistant. */
    public AppConfig(int heartbeatSeconds, ZoneId timezone, List<String> ntpServers, Path dataDir, ProbeSettings probe,
                     Optional<DemoCamera> demo, List<StreamConfig> streams, Optional<WebSettings> web, int retentionDays,
                     int rollupRetentionDays, int evidenceFiles, List<MaintenanceWindow> maintenance, List<AlertRule> alerts,
                     DatabaseSettings database, NodeSettings node) {
        this(heartbeatSeconds, timezone, ntpServers, dataDir, probe, demo, streams, web, retentionDays, rollupRetentionDays,
                evidenceFiles, maintenance, alerts, database, node, null);
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

    /**
     * The web GUI's listen address ({@code web: {host: 0.0.0.0, port: 8000}}), HTTPS and the reverse
     * proxies whose X-Forwarded-For / X-Forwarded-Proto are believed; applied at start.
     *
     * @param tls            HTTPS, or null for plain HTTP
     * @param trustedProxies addresses of reverse proxies in front of StreamPulse (default none)
     */
    public record WebSettings(String host, int port, Tls tls, List<String> trustedProxies) {
        public WebSettings {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }

        public WebSettings(String host, int port) {
            this(host, port, null, List.of());
        }
    }

    /**
     * {@code web.tls}: a certificate and key in PEM files, or {@code self_signed: true} for one
     * generated into {@code data_dir/tls/}; {@code hsts_seconds} > 0 sends Strict-Transport-Security.
     */
    public record Tls(Path cert, Path key, boolean selfSigned, long hstsSeconds) {}

    /** The in-process simulator that makes a fresh install show life without any camera. */
    public record DemoCamera(int rtspPort, int mjpegPort) {}
}
