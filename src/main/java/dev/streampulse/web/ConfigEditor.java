package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.ConfigKey;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.ConfigProblem;
import dev.streampulse.config.ConfigWriter;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.config.UrlRedactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.camel.Exchange;

/**
 * The config editor: forms for streams and global settings, and a raw YAML view. Every save goes
 * through {@link ConfigFile#save} (validated, atomic, keeps config.yaml.bak, hot-reloaded by the
 * monitor). Passwords never reach the browser: URLs are shown masked, and a URL that comes back
 * with the mask gets the stored password again.
 */
public final class ConfigEditor {
    /** The stream form's fields: a stream's own keys in config.yaml, so a problem's path names its field. */
    private static final List<String> FORM_FIELDS = Stream.of(StreamConfig.Key.values()).map(ConfigKey::key).toList();
    /** Longest form field taken (a URL is at most 4096 characters, labels a few lines). */
    static final int MAX_FIELD = 8192;
    private final ConfigFile config;
    private final Audit audit;

    public ConfigEditor(ConfigFile config) {
        this(config, null);
    }

    /** @param audit where each save's changes are recorded (null: nowhere) */
    public ConfigEditor(ConfigFile config, Audit audit) {
        this.config = config;
        this.audit = audit;
    }

    /** A stream as the list shows it; getters for FreeMarker. */
    public record Item(String name, String url, boolean enabled, int heartbeat, int timeout, String labels) {
        public String getName() { return name; }
        public String getUrl() { return url; }
        public boolean isEnabled() { return enabled; }
        public int getHeartbeat() { return heartbeat; }
        public int getTimeout() { return timeout; }
        public String getLabels() { return labels; }
    }

    // ---------------------------------------------------------------- list + settings

    /** GET /config */
    public void list(Exchange ex) {
        AppConfig c = config.current();
        listModel(ex, Integer.toString(c.heartbeatSeconds()), c.timezone().getId(), Map.of(), List.of());
    }

    private void listModel(Exchange ex, String heartbeat, String timezone, Map<String, String> errors, List<String> general) {
        AppConfig c = config.current();
        Http.html(ex);
        if (!errors.isEmpty() || !general.isEmpty()) ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
        Map<String, Object> m = Pages.model(ex, "Streams & settings");
        List<Item> items = new ArrayList<>();
        for (StreamConfig s : c.streams()) {
            items.add(new Item(s.name(), s.safeUrl(), s.enabled(), s.heartbeatSeconds(), s.timeoutSeconds(), labels(s)));
        }
        m.put("streams", items);
        m.put("heartbeat", heartbeat);
        m.put("timezone", timezone);
        m.put("errors", errors);
        m.put("general", general);
        m.put("saved", nz(Http.query(ex, "saved")));
        m.put("fileError", nz(config.lastError()));
        m.put("zones", ZoneId.getAvailableZoneIds().stream().sorted().toList());
        ex.getIn().setBody(m);
    }

    /** POST /config/settings: heartbeat_seconds and timezone */
    public void saveSettings(Exchange ex) {
        String hb = Http.formValue(ex, "heartbeat_seconds").strip();
        String tz = Http.formValue(ex, "timezone").strip();
        Map<String, String> errors = new HashMap<>();
        int heartbeat = 0;
        try {
            heartbeat = Integer.parseInt(hb);
            if (heartbeat < 1 || heartbeat > 86_400) errors.put("heartbeat_seconds", "between 1 and 86400 seconds");
        } catch (NumberFormatException e) {
            errors.put("heartbeat_seconds", "a whole number of seconds");
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException e) {
            errors.put("timezone", "'" + tz + "' is not a known time zone (e.g. UTC, Europe/Berlin)");
        }
        if (errors.isEmpty()) {
            AppConfig c = config.current();
            // streams following the old global interval follow the new one
            List<StreamConfig> streams = new ArrayList<>();
            for (StreamConfig s : c.streams()) {
                int own = s.heartbeatSeconds() == c.heartbeatSeconds() ? heartbeat : s.heartbeatSeconds();
                streams.add(new StreamConfig(s.name(), s.url(), s.enabled(), own, s.timeoutSeconds(), s.labels()));
            }
            List<String> general = shown(save(ex, with(c, heartbeat, zone, streams)));
            if (general.isEmpty()) {
                Http.redirect(ex, "/config?saved=settings");
                Http.stop(ex);
                return;
            }
            listModel(ex, hb, tz, errors, general);
            return;
        }
        listModel(ex, hb, tz, errors, List.of());
    }

    /** POST /config/toggle: enable or disable one stream */
    public void toggle(Exchange ex) {
        AppConfig c = config.current();
        String name = Http.formValue(ex, "name");
        List<StreamConfig> streams = new ArrayList<>();
        for (StreamConfig s : c.streams()) {
            streams.add(s.name().equals(name)
                    ? new StreamConfig(s.name(), s.url(), !s.enabled(), s.heartbeatSeconds(), s.timeoutSeconds(), s.labels()) : s);
        }
        finishListAction(ex, with(c, c.heartbeatSeconds(), c.timezone(), streams), name);
    }

    /** POST /config/delete */
    public void delete(Exchange ex) {
        AppConfig c = config.current();
        String name = Http.formValue(ex, "name");
        List<StreamConfig> streams = new ArrayList<>(c.streams());
        streams.removeIf(s -> s.name().equals(name));
        finishListAction(ex, with(c, c.heartbeatSeconds(), c.timezone(), streams), name);
    }

    private void finishListAction(Exchange ex, AppConfig next, String name) {
        List<String> problems = shown(save(ex, next));
        if (problems.isEmpty()) {
            Http.redirect(ex, "/config?saved=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
            Http.stop(ex);
            return;
        }
        AppConfig c = config.current();
        listModel(ex, Integer.toString(c.heartbeatSeconds()), c.timezone().getId(), Map.of(), problems);
    }

    // ---------------------------------------------------------------- one stream

    /** GET /config/stream?name= (no name: a new stream) */
    public void streamForm(Exchange ex) {
        String name = Http.query(ex, "name");
        StreamConfig s = name == null ? null : config.current().stream(name).orElse(null);
        AppConfig c = config.current();
        Map<String, String> f = new HashMap<>();
        f.put("original", s == null ? "" : s.name());
        f.put("name", s == null ? "" : s.name());
        f.put("url", s == null ? "" : s.safeUrl());
        f.put("enabled", s == null || s.enabled() ? "on" : "");
        f.put("heartbeat_seconds", s == null || s.heartbeatSeconds() == c.heartbeatSeconds() ? "" : Integer.toString(s.heartbeatSeconds()));
        f.put("timeout_seconds", s == null || s.timeoutSeconds() == StreamConfig.DEFAULT_TIMEOUT_SECONDS ? ""
                : Integer.toString(s.timeoutSeconds()));
        f.put("labels", s == null ? "" : labels(s));
        streamModel(ex, f, Map.of(), List.of());
    }

    /** POST /config/stream: add or change one stream */
    public void saveStream(Exchange ex) {
        AppConfig c = config.current();
        Map<String, String> f = new HashMap<>();
        f.put("original", Http.formValue(ex, "original"));
        for (String k : FORM_FIELDS) f.put(k, Http.formValue(ex, k));
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.entrySet()) {
            // bounded before any pattern (redactor, labels) runs over it
            if (e.getValue().length() > MAX_FIELD) {
                e.setValue(e.getValue().substring(0, MAX_FIELD));
                errors.put(e.getKey().equals("original") ? "name" : e.getKey(), "longer than " + MAX_FIELD + " characters");
            }
        }
        if (!errors.isEmpty()) {
            streamModel(ex, f, errors, List.of());
            return;
        }
        StreamConfig original = f.get("original").isEmpty() ? null : c.stream(f.get("original")).orElse(null);
        if (!f.get("original").isEmpty() && original == null) {
            streamModel(ex, f, errors, List.of("The stream '" + f.get("original") + "' no longer exists (deleted meanwhile?)."));
            return;
        }
        String url = restorePassword(f.get("url").strip(), original);
        if (UrlRedactor.hasMask(url)) {
            errors.put("url", "the password is masked (***) and the stored one belongs to another scheme, user, host or port: type it");
        }
        int hb = intField(f, "heartbeat_seconds", c.heartbeatSeconds(), errors);
        int timeout = intField(f, "timeout_seconds", StreamConfig.DEFAULT_TIMEOUT_SECONDS, errors);
        Map<String, String> labels = new TreeMap<>();
        for (String line : f.get("labels").split("\\R")) {
            if (line.isBlank()) continue;
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.put("labels", "one key=value per line; '" + line.strip() + "' has no '='");
                break;
            }
            labels.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        if (!errors.isEmpty()) {
            streamModel(ex, f, errors, List.of());
            return;
        }
        StreamConfig edited = new StreamConfig(f.get("name").strip(), url, "on".equals(f.get("enabled")), hb, timeout, labels);
        List<StreamConfig> streams = new ArrayList<>(c.streams());
        int index = original == null ? streams.size() : streams.indexOf(original);
        if (original == null) streams.add(edited);
        else streams.set(index, edited);
        List<String> general = new ArrayList<>();
        String item = ConfigProblem.item(AppConfig.Key.STREAMS.key(), index);
        for (ConfigProblem p : save(ex, with(c, c.heartbeatSeconds(), c.timezone(), streams))) {
            // a problem of this stream's form field shows next to it; anything else above the form
            String key = p.keyUnder(item);
            if (key != null && FORM_FIELDS.contains(key)) errors.merge(key, UrlRedactor.redact(p.message()), (a, b) -> a + "; " + b);
            else general.add(UrlRedactor.redact(key != null ? p.message() : p.text()));
        }
        if (errors.isEmpty() && general.isEmpty()) {
            Http.redirect(ex, "/config?saved=" + URLEncoder.encode(edited.name(), StandardCharsets.UTF_8));
            Http.stop(ex);
            return;
        }
        streamModel(ex, f, errors, general);
    }

    private void streamModel(Exchange ex, Map<String, String> form, Map<String, String> errors, List<String> general) {
        Http.html(ex);
        if (!errors.isEmpty() || !general.isEmpty()) ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
        Map<String, String> shown = new HashMap<>(form);
        shown.put("url", UrlRedactor.redact(form.get("url"))); // a typed password is not echoed back
        Map<String, Object> m = Pages.model(ex, form.get("original").isEmpty() ? "Add stream" : "Edit " + form.get("original"));
        m.put("f", shown);
        m.put("errors", errors);
        m.put("general", general);
        m.put("isNew", form.get("original").isEmpty());
        m.put("globalHeartbeat", config.current().heartbeatSeconds());
        ex.getIn().setBody(m);
    }

    // ---------------------------------------------------------------- raw YAML

    /** GET /config/raw */
    public void raw(Exchange ex) {
        rawModel(ex, UrlRedactor.redact(config.text()), List.of());
    }

    /** POST /config/raw: same validation as any other save; masked secrets are put back ({@link MaskedSecrets}). */
    public void saveRaw(Exchange ex) {
        String text = Http.formValue(ex, "yaml").replace("\r\n", "\n");
        List<String> problems = new ArrayList<>();
        try {
            MaskedSecrets.Restored restored = MaskedSecrets.restore(text, ConfigLoader.parse(text, config.path()), config.current());
            text = restored.text();
            problems.addAll(restored.problems());
            if (problems.isEmpty()) {
                AppConfig before = config.current();
                AppConfig after = config.save(text);
                if (audit != null) audit.configSaved(ex, "raw YAML", before, after);
                Http.redirect(ex, "/config?saved=raw");
                Http.stop(ex);
                return;
            }
        } catch (ConfigException e) {
            problems.addAll(shown(e.problems()));
        }
        rawModel(ex, UrlRedactor.redact(text), problems);
    }

    private void rawModel(Exchange ex, String text, List<String> problems) {
        Http.html(ex);
        if (!problems.isEmpty()) ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
        Map<String, Object> m = Pages.model(ex, "Raw config");
        m.put("yaml", text);
        m.put("problems", problems);
        m.put("path", config.path().toString());
        m.put("fileError", nz(config.lastError()));
        ex.getIn().setBody(m);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Puts the stored secrets back into a URL the browser sent masked, only for the same scheme,
     * user, host and port: {@code rtsp://admin:***@other-host/} must not send the password elsewhere.
     */
    static String restorePassword(String url, StreamConfig original) {
        return original == null ? url : UrlRedactor.restore(url, original.url());
    }

    private List<ConfigProblem> save(Exchange ex, AppConfig next) {
        try {
            AppConfig before = config.current();
            AppConfig after = config.save(ConfigWriter.write(next, config.path(), config.text()));
            if (audit != null) audit.configSaved(ex, "form", before, after);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /** Problems as the page shows them: a URL quoted in one is masked. */
    private static List<String> shown(List<ConfigProblem> problems) {
        return problems.stream().map(p -> UrlRedactor.redact(p.text())).toList();
    }

    private static AppConfig with(AppConfig c, int heartbeat, ZoneId zone, List<StreamConfig> streams) {
        return new AppConfig(heartbeat, zone, c.ntpServers(), c.dataDir(), c.probe(), c.demo(), streams, c.web(),
                c.retentionDays(), c.rollupRetentionDays(), c.evidenceFiles(), c.maintenance(), c.alerts(), c.database(), c.node(),
                c.incidents(), c.homeAssistant(), c.onvif());
    }

    private static int intField(Map<String, String> f, String field, int dflt, Map<String, String> errors) {
        String v = f.get(field).strip();
        if (v.isEmpty()) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            errors.put(field, "a whole number of seconds, or empty for the default");
            return dflt;
        }
    }

    private static String labels(StreamConfig s) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(s.labels()).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString().strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
