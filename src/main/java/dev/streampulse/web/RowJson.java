package dev.streampulse.web;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard rows as /api/status JSON, versioned for {@code ?since=} polls ({@link StatusDeltas}). Each
 * row is encoded in two parts, what the stream is and what each beat moves; a part whose inputs did not
 * change since the last computation is not encoded again (JSON encoding was half of a 1,000-stream poll).
 * Not thread-safe: the dashboard computes one snapshot at a time.
 */
final class RowJson {
    private final StatusDeltas deltas = new StatusDeltas();

    /** What a stream's state JSON is made of: equal keys, equal JSON (the last one is reused). */
    private record StateKey(DashboardView.Row row, double u24, double u7, double u30) {
        static StateKey of(DashboardView.Row r) {
            return new StateKey(r, r.uptime()[0], r.uptime()[1], r.uptime()[2]);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof StateKey k)) return false;
            DashboardView.Row a = row, b = k.row;
            return a.name().equals(b.name()) && a.status().equals(b.status()) && a.stateReason().equals(b.stateReason())
                    && a.reason().equals(b.reason()) && a.detail().equals(b.detail()) && a.failedAt().equals(b.failedAt())
                    && Double.compare(u24, k.u24) == 0 && Double.compare(u7, k.u7) == 0 && Double.compare(u30, k.u30) == 0
                    && a.strip().equals(b.strip()) && a.okBeats().equals(b.okBeats()) && a.enabled() == b.enabled()
                    && a.url().equals(b.url()) && a.protocol().equals(b.protocol()) && a.reasonWords().equals(b.reasonWords())
                    && a.labels().equals(b.labels());
        }

        @Override
        public int hashCode() {
            return row.name().hashCode();
        }
    }

    private record BeatKey(long lastBeatMs, String lastBeat, long latencyMs, String node, long frameMs) {}

    private record Encoded<K>(K key, String json) {}

    // the last computation's JSON per stream: most streams' state does not change between two polls
    private final Map<String, Encoded<StateKey>> stateJson = new HashMap<>();
    private final Map<String, Encoded<BeatKey>> beatJson = new HashMap<>();
    private final Map<String, String> nameJson = new HashMap<>();

    /**
     * Each row's JSON, split into what it is and what each beat moves; a part whose inputs did not
     * change since the last computation is not encoded again.
     */
    StatusDeltas.View versions(List<DashboardView.Row> rows) {
        List<String> order = new ArrayList<>(rows.size());
        Map<String, String[]> json = new HashMap<>(rows.size() * 2);
        if (stateJson.size() > rows.size() * 2) {
            stateJson.clear();
            beatJson.clear();
            nameJson.clear();
        }
        for (DashboardView.Row r : rows) {
            order.add(r.name());
            StateKey sk = StateKey.of(r);
            Encoded<StateKey> se = stateJson.get(r.name());
            if (se == null || !se.key().equals(sk)) {
                se = new Encoded<>(sk, stateJson(r));
                stateJson.put(r.name(), se);
            }
            BeatKey bk = new BeatKey(r.lastBeatMs(), r.lastBeat(), r.latencyMs(), r.node(), r.frameMs());
            Encoded<BeatKey> be = beatJson.get(r.name());
            if (be == null || !be.key().equals(bk)) {
                be = new Encoded<>(bk, new JsonObject()
                        .put("last_beat_ms", r.lastBeatMs() == 0 ? null : r.lastBeatMs()).put("last_beat", r.lastBeat())
                        .put("latency_ms", r.latencyMs() < 0 ? null : r.latencyMs()).put("node", r.node())
                        .put("frame_ms", r.frameMs() == 0 ? null : r.frameMs()).encode());
                beatJson.put(r.name(), be);
            }
            json.put(r.name(), new String[] {nameJson.computeIfAbsent(r.name(), Json::encode), se.json(), be.json()});
        }
        return deltas.advance(order, json);
    }

    private static String stateJson(DashboardView.Row r) {
        JsonObject labels = new JsonObject();
        r.labels().forEach(labels::put);
        return new JsonObject().put("name", r.name()).put("protocol", r.protocol()).put("url", r.url())
                .put("enabled", r.enabled()).put("status", r.status()).put("state", r.status())
                .put("state_reason", r.stateReason().isEmpty() ? null : r.stateReason())
                .put("reason", r.reason().isEmpty() ? null : r.reason())
                .put("reason_words", r.reasonWords()).put("detail", r.detail()).put("failed_at", r.failedAt())
                .put("uptime_24h", HealthView.number(r.uptime()[0])).put("uptime_7d", HealthView.number(r.uptime()[1]))
                .put("uptime_30d", HealthView.number(r.uptime()[2])).put("ok_beats_24h", r.okBeats())
                .put("strip", new JsonArray(r.strip())).put("labels", labels).encode();
    }
}
