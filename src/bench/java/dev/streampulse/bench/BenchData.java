package dev.streampulse.bench;

import dev.streampulse.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Seeds a data dir as if {@code streams} cameras had been watched for {@code days} days at a 15 s
 * heartbeat, written straight into the store's tables (173 M real probes would take hours):
 * hourly rollups for the older days, raw compacted beats plus their rollups for the last day, and
 * the last 10 minutes still in the inbox, as the monitor leaves them between compactions.
 * Every 20th stream had a 30-minute outage five hours ago, every 33rd is down now.
 */
public final class BenchData {
    static final int INTERVAL_MS = 15_000;
    static final long HOUR = 3_600_000L;
    static final long INBOX_MS = 10 * 60_000L;

    private BenchData() {}

    public record Seeded(int streams, long hourlyRows, long rawRows, long inboxRows, long millis) {}

    public static Seeded seed(Path dataDir, int streams, int days, long now) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        long t0 = System.currentTimeMillis();
        Path db = dataDir.resolve("streams.db");
        Database.open(db).close(); // the real schema, migrations included
        StringBuilder yaml = new StringBuilder("heartbeat_seconds: 15\ntimezone: Europe/Berlin\nstreams:\n");
        long raw = 0, inbox = 0, hourly = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous = OFF");
                st.execute("PRAGMA journal_mode = WAL");
            }
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO stream (id, name, created_ms) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= streams; i++) {
                    String name = name(i);
                    s.setInt(1, i);
                    s.setString(2, name);
                    s.setLong(3, now - days * 24 * HOUR);
                    s.addBatch();
                    // labels as a site would set them: 50 cameras a site, 10 a switch (the wall groups by them)
                    yaml.append(String.format(Locale.ROOT, "  - name: %s%n    url: rtsp://viewer:bench-pw@10.%d.%d.%d:554/stream1%n"
                            + "    labels: {site: site-%d, switch: sw-%d}%n", name, i / 65536 % 256, i / 256 % 256, i % 256, i / 50, i / 10));
                }
                s.executeBatch();
            }
            long dayStart = now - 24 * HOUR;
            long inboxStart = now - INBOX_MS;
            String cols = "stream_id, ts, late_ms, ok, latency_ms, reason, detail, codec, width, height, fps, clock";
            try (PreparedStatement h = c.prepareStatement("INSERT INTO heartbeat (" + cols + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement in = c.prepareStatement("INSERT INTO heartbeat_inbox (" + cols + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 1; i <= streams; i++) {
                    long phase = (i * 7919L) % INTERVAL_MS;
                    for (long ts = dayStart - dayStart % INTERVAL_MS + phase; ts < now; ts += INTERVAL_MS) {
                        PreparedStatement ps = ts >= inboxStart ? in : h;
                        bind(ps, i, ts, now);
                        ps.addBatch();
                        if (ts >= inboxStart) inbox++;
                        else raw++;
                    }
                    h.executeBatch();
                    in.executeBatch();
                }
            }
            try (Statement st = c.createStatement()) {
                // rollups of the compacted last day, exactly as compact() counts them
                hourly += st.executeUpdate("INSERT INTO heartbeat_hourly (hour, stream_id, beats, ok_beats, latency_sum, latency_max) "
                        + "SELECT ts / 3600000, stream_id, count(*), sum(ok), sum(latency_ms), max(latency_ms) FROM heartbeat GROUP BY 1, 2");
            }
            try (PreparedStatement r = c.prepareStatement("INSERT OR IGNORE INTO heartbeat_hourly "
                    + "(hour, stream_id, beats, ok_beats, latency_sum, latency_max) VALUES (?,?,?,?,?,?)")) {
                long firstRawHour = (dayStart - dayStart % INTERVAL_MS) / HOUR;
                for (long hour = now / HOUR - days * 24L; hour < firstRawHour; hour++) {
                    for (int i = 1; i <= streams; i++) {
                        int beats = (int) (HOUR / INTERVAL_MS);
                        int ok = (i + hour) % 97 == 0 ? beats - 12 : beats;
                        r.setLong(1, hour);
                        r.setInt(2, i);
                        r.setInt(3, beats);
                        r.setInt(4, ok);
                        r.setLong(5, beats * 120L);
                        r.setLong(6, 900);
                        r.addBatch();
                        hourly++;
                    }
                    r.executeBatch();
                }
            }
            c.commit();
        }
        Files.writeString(dataDir.resolve("config.yaml"), yaml.toString());
        return new Seeded(streams, hourly, raw, inbox, System.currentTimeMillis() - t0);
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "cam-%04d", i);
    }

    private static void bind(PreparedStatement ps, int stream, long ts, long now) throws SQLException {
        boolean downNow = stream % 33 == 0 && ts > now - HOUR;
        boolean outage = stream % 20 == 0 && ts > now - 5 * HOUR && ts < now - 5 * HOUR + 30 * 60_000L;
        boolean ok = !downNow && !outage;
        ps.setInt(1, stream);
        ps.setLong(2, ts);
        ps.setLong(3, 3);
        ps.setInt(4, ok ? 1 : 0);
        ps.setLong(5, ok ? 80 + (ts / INTERVAL_MS + stream) % 90 : downNow ? 1 : 10_000);
        ps.setString(6, ok ? null : downNow ? "REFUSED" : "TIMEOUT");
        ps.setString(7, ok ? null : downNow ? "Connection refused" : "no complete answer within 10000 ms");
        ps.setString(8, ok ? "h264" : null);
        if (ok) {
            ps.setInt(9, 1920);
            ps.setInt(10, 1080);
            ps.setDouble(11, 15.0);
        } else {
            ps.setNull(9, java.sql.Types.INTEGER);
            ps.setNull(10, java.sql.Types.INTEGER);
            ps.setNull(11, java.sql.Types.REAL);
        }
        ps.setString(12, "ntp");
    }
}
