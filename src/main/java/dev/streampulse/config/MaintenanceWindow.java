package dev.streampulse.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
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
}
