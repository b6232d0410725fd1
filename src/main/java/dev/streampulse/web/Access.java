package dev.streampulse.web;

import java.util.Map;

/**
 * Which role every page, action and API call needs: the one table {@link WebAuth} checks before
 * any bean runs. A path that is not listed needs {@link Role#ADMIN}, so a new route is closed until
 * someone decides otherwise. Login, static files and Camel's health are not behind WebAuth at all.
 */
final class Access {
    private static final Map<String, Role> GET = Map.ofEntries(
            Map.entry("/", Role.VIEWER),
            Map.entry("/stream", Role.VIEWER),
            Map.entry("/stream/history.csv", Role.VIEWER),
            Map.entry("/stream/preview.jpg", Role.VIEWER),
            Map.entry("/stream/frame.jpg", Role.VIEWER),
            Map.entry("/stream/evidence.jpg", Role.VIEWER),
            Map.entry("/password", Role.VIEWER),
            // the stream list, for its enable/disable buttons (edit controls are shown to admins only)
            Map.entry("/config", Role.OPERATOR),
            Map.entry("/api/streams", Role.VIEWER),
            Map.entry("/api/status", Role.VIEWER),
            Map.entry("/api/nodes", Role.VIEWER),
            Map.entry("/api/beats", Role.VIEWER),
            Map.entry("/api/outages", Role.VIEWER),
            Map.entry("/api/events", Role.VIEWER),
            Map.entry("/api/evidence", Role.VIEWER),
            Map.entry("/api/preview", Role.VIEWER),
            // site incidents and the availability report
            Map.entry("/incidents", Role.VIEWER),
            Map.entry("/api/incidents", Role.VIEWER),
            Map.entry("/report", Role.VIEWER),
            Map.entry("/report.csv", Role.VIEWER),
            Map.entry("/api/report", Role.VIEWER));
    private static final Map<String, Role> POST = Map.of(
            // one's own session and password
            "/logout", Role.VIEWER,
            "/password", Role.VIEWER,
            "/config/toggle", Role.OPERATOR);

    private Access() {}

    static Role needed(String method, String path) {
        Map<String, Role> table = method.equals("GET") || method.equals("HEAD") ? GET : POST;
        return table.getOrDefault(path, Role.ADMIN);
    }
}
