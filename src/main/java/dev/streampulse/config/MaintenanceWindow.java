package dev.streampulse.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A time when streams are expected to be off (firmware update, nightly reboot): their state is
 * PAUSED, no alerts fire and the time does not count against uptime.
 * Either one-off ({@code from}/{@code to}) or weekly ({@code days} + {@code start}/{@code end} in the
 * config's time zone; an end before the start runs past midnight).
 *
 * @param streams the streams it covers; empty = all
 */
public record MaintenanceWindow(List<String> streams, Instant from, Instant to, Set<DayOfWeek> days,
                                LocalTime start, LocalTime end) {
    public enum Key implements ConfigKey { STREAMS, FROM, TO, DAYS, START, END }

    public MaintenanceWindow {
        streams = List.copyOf(streams);
        days = days == null ? Set.of() : Set.copyOf(days);
    }

    public boolean covers(String stream, long ts, ZoneId zone) {
        if (!streams.isEmpty() && !streams.contains(stream)) return false;
        if (from != null) return ts >= from.toEpochMilli() && ts < to.toEpochMilli();
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(zone);
        LocalTime time = t.toLocalTime();
        if (!start.isAfter(end)) {
            return days.contains(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // past midnight: the evening part belongs to the listed day, the morning part to the day after
        return (days.contains(t.getDayOfWeek()) && !time.isBefore(start))
                || (days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(end));
    }

    /** {@code maintenance:}; local date-times and times are in the config's time zone {@code zone}. */
    static List<MaintenanceWindow> readAll(ConfigSection top, ZoneId zone) {
        List<MaintenanceWindow> out = new ArrayList<>();
        top.eachItem(AppConfig.Key.MAINTENANCE, "maintenance: must be a list of windows (from/to, or days/start/end)",
                "must be a mapping (streams, from, to) or (streams, days, start, end)", (i, m) -> {
            ConfigSection w = top.item(AppConfig.Key.MAINTENANCE, i, m, null);
            w.unknownKeys(EnumSet.allOf(Key.class));
            List<String> streams = w.strings(Key.STREAMS);
            int before = w.problemCount();
            if (w.has(Key.FROM) || w.has(Key.TO)) {
                Instant from = instant(w, Key.FROM, zone);
                Instant to = instant(w, Key.TO, zone);
                if (from != null && to != null && !to.isAfter(from)) w.problem(Key.TO, "to must be after from");
                if (w.has(Key.DAYS) || w.has(Key.START)) w.problem("use either from/to or days/start/end, not both");
                if (w.problemCount() == before) out.add(new MaintenanceWindow(streams, from, to, null, null, null));
            } else {
                Set<DayOfWeek> days = days(w);
                LocalTime start = time(w, Key.START);
                LocalTime end = time(w, Key.END);
                if (start != null && start.equals(end)) w.problem(Key.END, "start and end must differ");
                if (w.problemCount() == before) out.add(new MaintenanceWindow(streams, null, null, days, start, end));
            }
        });
        return out;
    }

    private static Instant instant(ConfigSection w, Key k, ZoneId zone) {
        Object value = w.get(k);
        if (value == null) {
            w.problem(k, w.field(k) + " is required (e.g. 2026-12-01T02:00)");
            return null;
        }
        if (value instanceof Date d) return d.toInstant(); // YAML timestamps with a zone
        String s = String.valueOf(value).trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                w.problem(k, w.field(k) + ": '" + s + "' is not a date-time like 2026-12-01T02:00 (config time zone) or 2026-12-01T02:00Z");
                return null;
            }
        }
    }

    private static LocalTime time(ConfigSection w, Key k) {
        Object value = w.get(k);
        if (value == null) {
            w.problem(k, w.field(k) + " is required (HH:MM)");
            return null;
        }
        // YAML 1.1 reads an unquoted 02:30 as the sexagesimal number 150
        String s = value instanceof Integer i ? String.format("%02d:%02d", i / 60, i % 60) : String.valueOf(value).trim();
        try {
            return LocalTime.parse(s.length() == 4 ? "0" + s : s);
        } catch (DateTimeParseException e) {
            w.problem(k, w.field(k) + ": '" + value + "' is not a time like 02:30");
            return null;
        }
    }

    private static Set<DayOfWeek> days(ConfigSection w) {
        if (w.get(Key.DAYS) == null) return EnumSet.allOf(DayOfWeek.class);
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String d : w.strings(Key.DAYS)) {
            String k = d.trim().toLowerCase(Locale.ROOT);
            DayOfWeek day = null;
            for (DayOfWeek each : DayOfWeek.values()) {
                if (k.length() >= 3 && each.name().toLowerCase(Locale.ROOT).startsWith(k)) day = each;
            }
            if (day == null) w.problem(Key.DAYS, w.field(Key.DAYS) + ": '" + d + "' is not a day (mon, tue, ... sun)");
            else out.add(day);
        }
        return out;
    }
}
