package dev.streampulse.config;

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
 */
public record AppConfig(
        int heartbeatSeconds,
        ZoneId timezone,
        List<String> ntpServers,
        Path dataDir,
        ProbeSettings probe,
        Optional<DemoCamera> demo,
        List<StreamConfig> streams,
        Optional<WebSettings> web) {

    public AppConfig {
        ntpServers = List.copyOf(ntpServers);
        streams = List.copyOf(streams);
    }

    public List<StreamConfig> enabledStreams() {
        return streams.stream().filter(StreamConfig::enabled).toList();
    }

    public Optional<StreamConfig> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The web GUI's listen address ({@code web: {host: 0.0.0.0, port: 8000}}); applied at start. */
    public record WebSettings(String host, int port) {}

    /** The in-process simulator that makes a fresh install show life without any camera. */
    public record DemoCamera(int rtspPort, int mjpegPort) {}
}
