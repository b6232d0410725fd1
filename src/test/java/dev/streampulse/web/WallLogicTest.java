package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.GrabbedFrame;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Observation;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wall's picture store and the status versions, without a server. */
class WallLogicTest {
    static Observation seen(String stream, long ts, byte[] jpeg) {
        Heartbeat b = new Heartbeat(stream, ts, 0, jpeg != null, 40, null, null, "h264", 640, 360, 25, "system");
        GrabbedFrame f = jpeg == null ? null : new GrabbedFrame("h264", 640, 360, 25, 32, 18, new byte[32 * 18], jpeg);
        return new Observation(new StreamConfig(stream, "rtsp://127.0.0.1/x", true, 5, 5, Map.of()), b, f);
    }

    @Test
    void picturesAreReplacedAtMostEveryRefreshAndBoundedInMemory() {
        WallFrames frames = new WallFrames(10_000, 25_000);
        byte[] first = new byte[10_000];
        frames.keep(seen("a", 1_000, first));
        frames.keep(seen("a", 9_000, new byte[10_000]));
        assertSame(first, frames.get("a").jpeg(), "within the refresh interval the picture stays");
        byte[] later = new byte[12_000];
        frames.keep(seen("a", 11_000, later));
        assertSame(later, frames.get("a").jpeg());
        frames.keep(seen("a", 30_000, null));
        assertSame(later, frames.get("a").jpeg(), "a failed beat keeps the last picture");
        frames.keep(seen("b", 1_000, new byte[10_000]));
        frames.keep(seen("c", 1_000, new byte[10_000]));
        assertNull(frames.get("c"), "full: no new stream");
        assertEquals(22_000, frames.bytes());
        frames.keep(seen("d", 1_000, new byte[WallFrames.MAX_ONE + 1]));
        assertNull(frames.get("d"), "not a thumbnail");
        frames.retain(Set.of("b"));
        assertNull(frames.get("a"));
        assertEquals(10_000, frames.bytes());
    }

    static Map<String, String[]> parts(String... nameStateBeat) {
        Map<String, String[]> m = new java.util.HashMap<>();
        for (int i = 0; i < nameStateBeat.length; i += 3) {
            String n = nameStateBeat[i];
            m.put(n, new String[] {io.vertx.core.json.Json.encode(n), "{\"name\":\"" + n + "\",\"status\":\"" + nameStateBeat[i + 1] + "\"}",
                    "{\"last_beat_ms\":" + nameStateBeat[i + 2] + "}"});
        }
        return m;
    }

    @Test
    void aPollSinceAVersionCarriesOnlyWhatChanged() {
        StatusDeltas d = new StatusDeltas();
        List<String> order = List.of("a", "b", "c");
        StatusDeltas.View v1 = d.advance(order, parts("a", "UP", "1", "b", "UP", "1", "c", "UP", "1"));
        assertEquals(3, new JsonArray(v1.streams(v1.base(null))).size(), "no version: everything");
        StatusDeltas.View same = d.advance(order, parts("a", "UP", "1", "b", "UP", "1", "c", "UP", "1"));
        assertEquals(v1.token(), same.token(), "nothing changed, same version");
        assertEquals("[]", same.streams(same.base(v1.token())));
        // b got a beat, c went DOWN
        StatusDeltas.View v2 = d.advance(order, parts("a", "UP", "1", "b", "UP", "2", "c", "DOWN", "2"));
        assertEquals("[{\"name\":\"b\",\"last_beat_ms\":2},{\"name\":\"c\",\"status\":\"DOWN\",\"last_beat_ms\":2}]",
                v2.streams(v2.base(v1.token())));
        assertEquals("[]", v2.streams(v2.base(v2.token())));
        assertEquals(-1, v2.base("other.1"), "another server's (or a restarted one's) version");
        assertEquals(-1, v2.base(v2.boot() + ".99"), "a version from the future");
        // a stream added: versions from before the new list get the full answer
        StatusDeltas.View v3 = d.advance(List.of("a", "b", "c", "d"), parts("a", "UP", "1", "b", "UP", "2", "c", "DOWN", "2", "d", "UP", "1"));
        assertEquals(-1, v3.base(v2.token()));
        assertEquals(4, new JsonArray(v3.streams(v3.base(v2.token()))).size());
    }
}
