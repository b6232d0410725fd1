package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.ConfigWriter;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.config.UrlRedactor;
import dev.streampulse.onvif.CameraFacts;
import dev.streampulse.onvif.MediaProfile;
import dev.streampulse.onvif.OnvifCamera;
import dev.streampulse.onvif.OnvifException;
import dev.streampulse.onvif.OnvifLabels;
import dev.streampulse.onvif.SoapClient;
import dev.streampulse.onvif.StreamEntry;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * POST /config/add-cameras (admin, CSRF; form fields {@code picks}: a JSON array of
 * {@code {device, profile, name?}}, {@code user}, {@code password}): the editor's one-click add. Each
 * camera is asked again here, so the password never has to travel back to the browser; every chosen
 * profile becomes a {@link StreamEntry} (URL with the login, ONVIF identity labels, {@code expect:}),
 * named uniquely, and all of them are saved in one go through {@link ConfigFile#save} (validated,
 * atomic, .bak, audited). A profile already in the config (same serial and profile) is skipped.
 * Nothing is saved when any camera cannot be read (wrong credentials read as such).
 */
public record AddCameras(ConfigFile config, Audit audit, LongSupplier clock) {
    static final int MAX_PICKS = 64;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    record Pick(String device, String profile, String name) {
    }

    public void add(Exchange ex) {
        String user = Http.formValue(ex, "user").strip();
        String password = Http.formValue(ex, "password");
        String picksText = Http.formValue(ex, "picks");
        if (user.length() > 200 || password.length() > 200 || picksText.length() > 64_000) {
            error(ex, 400, "INPUT", "user, password or the list of profiles too long");
            return;
        }
        List<Pick> picks;
        try {
            picks = picks(picksText);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            error(ex, 400, "INPUT", "picks: " + e.getMessage());
            return;
        }
        SoapClient.Credentials creds = user.isEmpty() ? null : new SoapClient.Credentials(user, password);
        // one visit per camera, in the order chosen
        Map<String, CameraFacts> facts = new LinkedHashMap<>();
        for (Pick p : picks) {
            if (facts.containsKey(p.device())) continue;
            try {
                facts.put(p.device(), new OnvifCamera(p.device(), creds, TIMEOUT, () -> Instant.ofEpochMilli(clock.getAsLong())).facts());
            } catch (OnvifException e) {
                error(ex, e.kind() == OnvifException.Kind.AUTH ? 400 : 502, e.kind().name(),
                        UrlRedactor.redact(p.device()) + ": " + UrlRedactor.redact(e.getMessage()));
                return;
            }
        }
        synchronized (this) {
            save(ex, picks, facts, creds);
        }
    }

    private void save(Exchange ex, List<Pick> picks, Map<String, CameraFacts> facts, SoapClient.Credentials creds) {
        AppConfig current = config.current();
        Set<String> names = new HashSet<>();
        Set<String> present = new HashSet<>();
        for (StreamConfig s : current.streams()) {
            names.add(s.name());
            String serial = s.labels().get(OnvifLabels.SERIAL);
            if (serial != null) present.add(serial + "\n" + s.labels().get(OnvifLabels.PROFILE));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        JsonArray added = new JsonArray();
        JsonArray skipped = new JsonArray();
        for (Pick p : picks) {
            CameraFacts f = facts.get(p.device());
            MediaProfile profile = f.profile(p.profile());
            if (profile == null || profile.streamUri() == null) {
                error(ex, 400, "INPUT", UrlRedactor.redact(p.device()) + " has no profile '" + p.profile() + "' with a stream URI");
                return;
            }
            if (f.serial() != null && !present.add(f.serial() + "\n" + profile.token())) {
                skipped.add(new JsonObject().put("device", UrlRedactor.redact(p.device())).put("profile", profile.token())
                        .put("reason", "already in the config"));
                continue;
            }
            String name = unique(StreamEntry.name(p.name(), f, profile), names);
            Map<String, Object> entry = entry(StreamEntry.yaml(name, f, profile, creds));
            entries.add(entry);
            added.add(new JsonObject().put("name", name).put("url", UrlRedactor.redact(String.valueOf(entry.get("url")))));
        }
        if (!entries.isEmpty()) {
            try {
                AppConfig after = config.save(ConfigWriter.withStreamsAdded(config.text(), entries));
                if (audit != null) audit.configSaved(ex, "ONVIF add", current, after);
            } catch (ConfigException e) {
                error(ex, 400, "CONFIG", UrlRedactor.redact(e.getMessage()));
                return;
            }
        }
        Http.json(ex, 200, new JsonObject().put("added", added).put("skipped", skipped));
    }

    static List<Pick> picks(String text) {
        if (text.isBlank()) throw new IllegalArgumentException("choose at least one profile");
        JsonArray a = new JsonArray(text);
        if (a.isEmpty()) throw new IllegalArgumentException("choose at least one profile");
        if (a.size() > MAX_PICKS) throw new IllegalArgumentException("at most " + MAX_PICKS + " profiles at once");
        List<Pick> out = new ArrayList<>();
        for (Object o : a) {
            JsonObject j = (JsonObject) o;
            String device = j.getString("device", "");
            String profile = j.getString("profile", "");
            String name = j.getString("name");
            URI u;
            try {
                u = URI.create(device);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + UrlRedactor.redact(device) + "' is not a device service URL");
            }
            if (!("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) || u.getHost() == null
                    || device.length() > 2000 || u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("'" + UrlRedactor.redact(device) + "' is not an http(s) device service URL");
            }
            if (profile.isEmpty() || profile.length() > 200) throw new IllegalArgumentException("a profile token is missing or too long");
            out.add(new Pick(device, profile, name == null || name.isBlank() || name.length() > 90 ? null : name.strip()));
        }
        return out;
    }

    /** {@code base}, or {@code base 2}, {@code base 3}… whichever no stream uses yet; the name is then taken. */
    static String unique(String base, Set<String> taken) {
        String name = base;
        for (int i = 2; taken.contains(name); i++) name = base + " " + i;
        taken.add(name);
        return name;
    }

    /** The entry {@link StreamEntry#yaml} writes, as YAML reads it (one source for discover --yaml and this). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(String yaml) {
        Map<String, Object> top = new Yaml(new SafeConstructor(new LoaderOptions())).load("streams:\n" + yaml);
        return ((List<Map<String, Object>>) top.get("streams")).get(0);
    }

    private static void error(Exchange ex, int status, String kind, String message) {
        Http.json(ex, status, new JsonObject().put("error", message).put("errorKind", kind));
    }
}
