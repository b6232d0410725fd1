package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.incident.Incident;
import dev.streampulse.report.AvailabilityReportTest;
import dev.streampulse.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A viewer reads the availability report of a stored synthetic history as HTML, CSV and JSON (the same
 * numbers in each), and the stored incidents on /incidents and /api/incidents.
 */
class ReportWebTest {
    static final String VIEWER_PW = "Viewer-Pass-1";
    static final long H = 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void htmlCsvAndApiAgreeOnTheKnownOutages() throws Exception {
        Files.createDirectories(dir);
        assertEquals(null, new Users(dir.resolve("users.json")).addUser("vera", Role.VIEWER, VIEWER_PW, false));
        String url = "jdbc:sqlite:" + dir.resolve("streams.db");
        try (Database db = Database.open(url, null, null)) {
            AvailabilityReportTest.history(db.events());
            db.incidents().saveIncident(new Incident(0, "site", "north", AvailabilityReportTest.NOV + 1000, AvailabilityReportTest.NOV + 13_000,
                    null, 3, List.of("cam1", "cam2"), List.of("cam2"), List.of("UNREACHABLE", "UNREACHABLE")));
        }
        int port = WebTestSupport.freePort();
        try (StreamPulseApp app = WebTestSupport.start(Mode.WEB, dir, AvailabilityReportTest.CONFIG, port)) {
            WebTestSupport.Client viewer = new WebTestSupport.Client(port);
            assertEquals(302, viewer.login("vera", VIEWER_PW).statusCode());

            HttpResponse<String> html = viewer.get("/report?month=2026-11");
            assertEquals(200, html.statusCode(), html.body());
            List<List<String>> htmlRows = new ArrayList<>();
            Matcher row = Pattern.compile("<tr class=\"row\">(.*?)</tr>", Pattern.DOTALL).matcher(html.body());
            while (row.find()) {
                List<String> cells = new ArrayList<>();
                Matcher cell = Pattern.compile("<td>(.*?)</td>").matcher(row.group(1));
                while (cell.find()) cells.add(cell.group(1));
                htmlRows.add(cells);
            }
            HttpResponse<String> csv = viewer.get("/report.csv?month=2026-11");
            assertEquals(200, csv.statusCode());
            List<String> lines = csv.body().lines().toList();
            assertEquals(String.join(",", ReportPage.COLUMNS), lines.get(0));
            List<List<String>> csvRows = lines.subList(1, lines.size()).stream().map(ReportWebTest::csvCells).toList();
            assertEquals(4, csvRows.size(), "the north group and three streams");
            assertEquals(csvRows, htmlRows, "CSV and HTML carry the same cells");
            List<String> cam1 = csvRows.stream().filter(r -> r.get(1).equals("cam1")).findFirst().orElseThrow();
            assertEquals(List.of("stream", "cam1", "north", "1"), cam1.subList(0, 4));
            assertEquals("4:00:00", cam1.get(ReportPage.COLUMNS.indexOf("down")));
            assertEquals("3", cam1.get(ReportPage.COLUMNS.indexOf("outages")));
            assertEquals("3:00:00", cam1.get(ReportPage.COLUMNS.indexOf("longest_outage")));
            assertEquals("2:00:00", cam1.get(ReportPage.COLUMNS.indexOf("frozen")));
            assertEquals("99.162", cam1.get(ReportPage.COLUMNS.indexOf("uptime_percent")), "710 h up of 716 h monitored (720 h less 4 h maintenance)");
            assertTrue(html.body().contains("/stream/evidence.jpg?name=x-bad.jpg"), "the worst outages link their evidence");

            JsonObject api = new JsonObject(viewer.get("/api/report?month=2026-11").body());
            JsonObject apiCam1 = api.getJsonArray("streams").getJsonObject(0);
            assertEquals("cam1", apiCam1.getString("name"));
            assertEquals(4 * H, apiCam1.getLong("down_ms"));
            assertEquals(6 * H, api.getJsonArray("groups").getJsonObject(0).getLong("down_ms"));
            assertEquals(3 * H, api.getJsonArray("worst_outages").getJsonObject(0).getLong("duration_ms"));

            assertEquals(400, viewer.get("/report?month=november").statusCode());
            assertEquals(200, viewer.get("/report?from=2026-11-01&to=2026-11-30").statusCode());
            assertEquals(401, new WebTestSupport.Client(port).get("/api/report").statusCode());

            HttpResponse<String> page = viewer.get("/incidents");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("north: 2 of 3 cameras DOWN within 12 s, reasons: UNREACHABLE; 1 still down"), page.body());
            assertTrue(page.body().contains("network or power of site north"));
            JsonArray list = new JsonArray(viewer.get("/api/incidents").body());
            assertEquals(1, list.size());
            assertEquals("north", list.getJsonObject(0).getString("group"));
            assertTrue(list.getJsonObject(0).getBoolean("open"));
        }
    }

    static List<String> csvCells(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?:\"((?:[^\"]|\"\")*)\"|([^,]*))(,|$)").matcher(line);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2));
            if (m.group(3).isEmpty()) break;
        }
        return out;
    }
}
