package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ProbeSettings;
import dev.streampulse.config.StreamConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes an {@link AppConfig} back as config.yaml text for the form editor. SnakeYAML does the
 * quoting, so a name or URL with ':' '#' or quotes round-trips. Values equal to their default are
 * left out, so a stream without its own heartbeat keeps following the global one. Comments in the
 * file are not kept by a form save (the raw editor keeps them).
 */
public final class YamlWriter {
    static final int DEFAULT_TIMEOUT = 10;

    private YamlWriter() {}

    public static String write(AppConfig c, Path configFile) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("heartbeat_seconds", c.heartbeatSeconds());
        top.put("timezone", c.timezone().getId());
        top.put("ntp_servers", c.ntpServers());
        Path configDir = configFile.toAbsolutePath().getParent();
        if (c.dataDir() != null && !c.dataDir().equals(configDir)) top.put("data_dir", c.dataDir().toString());
        ProbeSettings p = c.probe();
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("concurrency", p.concurrency());
        probe.put("per_host_limit", p.perHostLimit());
        top.put("probe", probe);
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
        return "# StreamPulse configuration, last saved by the web editor.\n" + yaml().dump(top);
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
