package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.config.UrlRedactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a config save changed, for the audit log: one change per stream added, removed or edited
 * (old → new per field) and one for the global settings. Every value passes the URL redactor, so
 * a camera password never reaches the log; a changed password shows as "password changed".
 */
final class ConfigDiff {
    /** One audit line: the stream's name (or "settings") and what happened to it. */
    record Change(String target, String detail) {}

    private ConfigDiff() {}

    static List<Change> between(AppConfig before, AppConfig after) {
        List<Change> out = new ArrayList<>();
        Map<String, StreamConfig> old = new LinkedHashMap<>();
        for (StreamConfig s : before.streams()) old.put(s.name(), s);
        for (StreamConfig s : after.streams()) {
            StreamConfig o = old.remove(s.name());
            if (o == null) out.add(new Change(s.name(), "added: " + describe(s)));
            else if (!o.equals(s)) out.add(new Change(s.name(), "changed: " + fields(o, s)));
        }
        for (StreamConfig s : old.values()) out.add(new Change(s.name(), "removed (was " + describe(s) + ")"));
        List<String> settings = new ArrayList<>();
        field(settings, "heartbeat_seconds", before.heartbeatSeconds(), after.heartbeatSeconds());
        field(settings, "timezone", before.timezone(), after.timezone());
        field(settings, "ntp_servers", before.ntpServers(), after.ntpServers());
        field(settings, "probe", before.probe(), after.probe());
        field(settings, "retention_days", before.retentionDays(), after.retentionDays());
        field(settings, "rollup_retention_days", before.rollupRetentionDays(), after.rollupRetentionDays());
        field(settings, "evidence_files", before.evidenceFiles(), after.evidenceFiles());
        field(settings, "maintenance", before.maintenance(), after.maintenance());
        field(settings, "alerts", before.alerts(), after.alerts());
        field(settings, "web", before.web(), after.web());
        field(settings, "demo", before.demo(), after.demo());
        field(settings, "database", before.database(), after.database());
        field(settings, "node", before.node(), after.node());
        if (!settings.isEmpty()) out.add(new Change("settings", "changed: " + String.join("; ", settings)));
        return out;
    }

    private static String describe(StreamConfig s) {
        return "url " + s.safeUrl() + ", " + (s.enabled() ? "enabled" : "disabled") + ", every " + s.heartbeatSeconds()
                + " s, timeout " + s.timeoutSeconds() + " s" + (s.labels().isEmpty() ? "" : ", labels " + new TreeMap<>(s.labels()));
    }

    private static String fields(StreamConfig o, StreamConfig s) {
        List<String> f = new ArrayList<>();
        if (!o.url().equals(s.url())) {
            f.add(o.safeUrl().equals(s.safeUrl()) ? "url: password changed" : "url: " + o.safeUrl() + " → " + s.safeUrl());
        }
        field(f, "enabled", o.enabled(), s.enabled());
        field(f, "heartbeat_seconds", o.heartbeatSeconds(), s.heartbeatSeconds());
        field(f, "timeout_seconds", o.timeoutSeconds(), s.timeoutSeconds());
        field(f, "labels", new TreeMap<>(o.labels()), new TreeMap<>(s.labels()));
        field(f, "health", o.health(), s.health());
        return f.isEmpty() ? "(no visible change)" : String.join("; ", f);
    }

    private static void field(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) out.add(name + ": " + UrlRedactor.redact(String.valueOf(a)) + " → " + UrlRedactor.redact(String.valueOf(b)));
    }
}
