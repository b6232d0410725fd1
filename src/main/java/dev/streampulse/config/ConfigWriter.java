package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ProbeSettings;
import dev.streampulse.config.StreamConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Writes an {@link AppConfig} back as config.yaml text for the form editor. SnakeYAML does the
 * quoting, so a name or URL with ':' '#' or quotes round-trips. Values equal to their default are
 * left out, so a stream without its own heartbeat keeps following the global one. Comments in the
 * file are not kept by a form save (the raw editor keeps them).
 */
public final class YamlWriter {
    static final int DEFAULT_TIMEOUT = 10;

    private YamlWriter() {}

    /** Keys the form editor writes from the model; every other key of the file is carried over as it was. */
    // web: is carried over as written (tls, trusted_proxies): the forms do not edit it
    private static final Set<String> MODEL_TOP = Set.of("heartbeat_seconds", "timezone", "ntp_servers", "data_dir", "probe",
            "demo", "streams");
    private static final Set<String> MODEL_STREAM = Set.of("name", "url", "enabled", "heartbeat_seconds", "timeout_seconds",
            "labels");

    /**
     * The new config as text, keeping what the form editor does not edit (alerts, maintenance,
     * health thresholds, a stream's own analysis settings…) exactly as it stood in {@code previous}.
     * A stream is matched by name, or by position when it was renamed in place.
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
            merged.values().removeIf(java.util.Objects::isNull);
            carryStreamKeys(merged, old.get("streams"));
            top = merged;
        }
        return "# StreamPulse configuration, last saved by the web editor.\n" + yaml().dump(top);
    }

    @SuppressWarnings("unchecked")
    private static void carryStreamKeys(Map<String, Object> top, Object oldStreams) {
        if (!(oldStreams instanceof List<?> olds)) return;
        List<Map<String, Object>> streams = (List<Map<String, Object>>) top.get("streams");
        java.util.Set<Object> newNames = new java.util.HashSet<>();
        for (Map<String, Object> s : streams) newNames.add(s.get("name"));
        for (int i = 0; i < streams.size(); i++) {
            Map<String, Object> s = streams.get(i);
            Map<?, ?> match = null;
            for (Object o : olds) {
                if (o instanceof Map<?, ?> m && String.valueOf(m.get("name")).equals(String.valueOf(s.get("name")))) match = m;
            }
            if (match == null && i < olds.size() && olds.get(i) instanceof Map<?, ?> m && !newNames.contains(m.get("name"))) {
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

    public static String write(AppConfig c, Path configFile) {
        return write(c, configFile, null);
    }

    private static Map<String, Object> model(AppConfig c, Path configFile) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("heartbeat_seconds", c.heartbeatSeconds());
        top.put("timezone", c.timezone().getId());
        top.put("ntp_servers", c.ntpServers());
        Path configDir = configFile.toAbsolutePath().getParent();
        if (c.dataDir() != null && !c.dataDir().equals(configDir)) top.put("data_dir", c.dataDir().toString());
        ProbeSettings p = c.probe();
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("max_concurrency", p.concurrency());
        probe.put("per_host_limit", p.perHostLimit());
        top.put("probe", probe);
        if (!p.hosts().isEmpty()) {
            Map<String, Object> hosts = new LinkedHashMap<>();
            p.hosts().forEach((h, n) -> hosts.put(h, Map.of("max_sessions", n)));
            top.put("hosts", hosts);
        }
        c.demo().ifPresent(d -> {
            Map<String, Object> demo = new LinkedHashMap<>();
            demo.put("rtsp_port", d.rtspPort());
            demo.put("mjpeg_port", d.mjpegPort());
            top.put("demo", demo);
        });
        c.web().ifPresent(w -> {
            Map<String, Object> web = new LinkedHashMap<>();
            web.put("host", w.host());
            web.put("port", w.port());
            top.put("web", web);
        });
        List<Map<String, Object>> streams = new ArrayList<>();
        for (StreamConfig s : c.streams()) streams.add(stream(s, c.heartbeatSeconds()));
        top.put("streams", streams);
        return top;
    }

    static Map<String, Object> stream(StreamConfig s, int globalHeartbeat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("url", s.url());
        if (!s.enabled()) m.put("enabled", false);
        if (s.heartbeatSeconds() != globalHeartbeat) m.put("heartbeat_seconds", s.heartbeatSeconds());
        if (s.timeoutSeconds() != DEFAULT_TIMEOUT) m.put("timeout_seconds", s.timeoutSeconds());
        if (!s.labels().isEmpty()) m.put("labels", new LinkedHashMap<>(new java.util.TreeMap<>(s.labels())));
        return m;
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
