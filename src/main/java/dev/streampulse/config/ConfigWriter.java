package dev.streampulse.config;

import dev.streampulse.config.AppConfig.DemoCamera;
import dev.streampulse.config.AppConfig.WebSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Writes an {@link AppConfig} back as config.yaml text for the form editor, with the reader's keys
 * and defaults. SnakeYAML does the quoting, so a name or URL with ':' '#' or quotes round-trips.
 * Values equal to their default are left out, so a stream without its own heartbeat keeps following
 * the global one. Comments in the file are not kept by a form save (the raw editor keeps them).
 */
public final class ConfigWriter {
    /** Keys the form editor writes from the model; every other key of the file is carried over as it was. */
    private static final Set<String> MODEL_TOP = keys(AppConfig.Key.HEARTBEAT_SECONDS, AppConfig.Key.TIMEZONE,
            AppConfig.Key.NTP_SERVERS, AppConfig.Key.DATA_DIR, AppConfig.Key.PROBE, AppConfig.Key.DEMO, AppConfig.Key.STREAMS);
    private static final Set<String> MODEL_STREAM = keys(StreamConfig.Key.values());

    private ConfigWriter() {}

    /**
     * The new config as text, keeping what the form editor does not edit (alerts, maintenance,
     * health thresholds, a stream's own analysis settings, web: with tls and trusted_proxies…)
     * exactly as it stood in {@code previous}. A stream is matched by name, or by position when it
     * was renamed in place.
     */
    public static String write(AppConfig c, Path configFile, String previous) {
        Map<String, Object> top = model(c, configFile);
        Object raw = previous == null ? null : new Yaml(new SafeConstructor(new LoaderOptions())).load(previous);
        if (raw instanceof Map<?, ?> old) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : old.entrySet()) {
                String k = String.valueOf(e.getKey());
                merged.put(k, MODEL_TOP.contains(k) ? top.get(k) : e.getValue());
            }
            top.forEach(merged::putIfAbsent);
            merged.values().removeIf(Objects::isNull);
            carryStreamKeys(merged, old.get(AppConfig.Key.STREAMS.key()));
            top = merged;
        }
        return "# StreamPulse configuration, last saved by the web editor.\n" + yaml().dump(top);
    }

    public static String write(AppConfig c, Path configFile) {
        return write(c, configFile, null);
    }

    /**
     * {@code previous} with {@code added} appended to its {@code streams:} list (each a stream's keys
     * as YAML would read them: name, url, labels, expect…), written as the form editor writes. For
     * entries whose keys go beyond the form's (the ONVIF add writes {@code expect:}).
     */
    @SuppressWarnings("unchecked")
    public static String withStreamsAdded(String previous, List<Map<String, Object>> added) {
        Object raw = previous == null ? null : new Yaml(new SafeConstructor(new LoaderOptions())).load(previous);
        Map<String, Object> top = raw instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        List<Object> streams = new ArrayList<>();
        if (top.get(AppConfig.Key.STREAMS.key()) instanceof List<?> old) streams.addAll(old);
        streams.addAll(added);
        top.put(AppConfig.Key.STREAMS.key(), streams);
        return "# StreamPulse configuration, last saved by the web editor.\n" + yaml().dump(top);
    }

    @SuppressWarnings("unchecked")
    private static void carryStreamKeys(Map<String, Object> top, Object oldStreams) {
        if (!(oldStreams instanceof List<?> olds)) return;
        String name = StreamConfig.Key.NAME.key();
        List<Map<String, Object>> streams = (List<Map<String, Object>>) top.get(AppConfig.Key.STREAMS.key());
        Set<Object> newNames = new HashSet<>();
        for (Map<String, Object> s : streams) newNames.add(s.get(name));
        for (int i = 0; i < streams.size(); i++) {
            Map<String, Object> s = streams.get(i);
            Map<?, ?> match = null;
            for (Object o : olds) {
                if (o instanceof Map<?, ?> m && String.valueOf(m.get(name)).equals(String.valueOf(s.get(name)))) match = m;
            }
            if (match == null && i < olds.size() && olds.get(i) instanceof Map<?, ?> m && !newNames.contains(m.get(name))) {
                match = m; // renamed in place
            }
            if (match == null) continue;
            Map<String, Object> merged = new LinkedHashMap<>(s);
            for (Map.Entry<?, ?> e : match.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!MODEL_STREAM.contains(k)) merged.put(k, e.getValue());
            }
            streams.set(i, merged);
        }
    }

    private static Map<String, Object> model(AppConfig c, Path configFile) {
        Map<String, Object> top = new LinkedHashMap<>();
        put(top, AppConfig.Key.HEARTBEAT_SECONDS, c.heartbeatSeconds());
        put(top, AppConfig.Key.TIMEZONE, c.timezone().getId());
        put(top, AppConfig.Key.NTP_SERVERS, c.ntpServers());
        Path configDir = configFile.toAbsolutePath().getParent();
        if (c.dataDir() != null && !c.dataDir().equals(configDir)) put(top, AppConfig.Key.DATA_DIR, c.dataDir().toString());
        ProbeSettings p = c.probe();
        Map<String, Object> probe = new LinkedHashMap<>();
        put(probe, ProbeSettings.Key.MAX_CONCURRENCY, p.concurrency());
        put(probe, ProbeSettings.Key.PER_HOST_LIMIT, p.perHostLimit());
        put(top, AppConfig.Key.PROBE, probe);
        if (!p.hosts().isEmpty()) {
            Map<String, Object> hosts = new LinkedHashMap<>();
            p.hosts().forEach((h, n) -> hosts.put(h, Map.of(ProbeSettings.HostKey.MAX_SESSIONS.key(), n)));
            put(top, AppConfig.Key.HOSTS, hosts);
        }
        c.demo().ifPresent(d -> {
            Map<String, Object> demo = new LinkedHashMap<>();
            put(demo, DemoCamera.Key.RTSP_PORT, d.rtspPort());
            put(demo, DemoCamera.Key.MJPEG_PORT, d.mjpegPort());
            put(top, AppConfig.Key.DEMO, demo);
        });
        c.web().ifPresent(w -> {
            Map<String, Object> web = new LinkedHashMap<>();
            put(web, WebSettings.Key.HOST, w.host());
            put(web, WebSettings.Key.PORT, w.port());
            put(top, AppConfig.Key.WEB, web);
        });
        List<Map<String, Object>> streams = new ArrayList<>();
        for (StreamConfig s : c.streams()) streams.add(stream(s, c.heartbeatSeconds()));
        put(top, AppConfig.Key.STREAMS, streams);
        return top;
    }

    private static Map<String, Object> stream(StreamConfig s, int globalHeartbeat) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, StreamConfig.Key.NAME, s.name());
        put(m, StreamConfig.Key.URL, s.url());
        if (!s.enabled()) put(m, StreamConfig.Key.ENABLED, false);
        if (s.heartbeatSeconds() != globalHeartbeat) put(m, StreamConfig.Key.HEARTBEAT_SECONDS, s.heartbeatSeconds());
        if (s.timeoutSeconds() != StreamConfig.DEFAULT_TIMEOUT_SECONDS) put(m, StreamConfig.Key.TIMEOUT_SECONDS, s.timeoutSeconds());
        if (!s.labels().isEmpty()) put(m, StreamConfig.Key.LABELS, new LinkedHashMap<>(new TreeMap<>(s.labels())));
        return m;
    }

    private static void put(Map<String, Object> m, ConfigKey k, Object value) {
        m.put(k.key(), value);
    }

    private static Set<String> keys(ConfigKey... keys) {
        Set<String> out = new HashSet<>();
        for (ConfigKey k : keys) out.add(k.key());
        return Set.copyOf(out);
    }

    private static Yaml yaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        o.setWidth(200);
        o.setSplitLines(false);
        return new Yaml(o);
    }
}
