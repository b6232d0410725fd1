package dev.streampulse.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.StreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-camera session caps, dispatched by the scheduler: a probe whose camera (or NVR host) is busy waits
 * in the scheduler, holding no thread, and goes when a session frees; past its timeout it is a
 * HOST_WAIT beat, never a camera TIMEOUT.
 */
class HostDispatchTest {
    private static StreamConfig stream(String name, String url, int timeout) {
        return new StreamConfig(name, url, true, 1, timeout, null);
    }

    /** Ticks (as the timer does) until something comes out, at most 3 s. */
    private static List<ProbeTask> tick(ProbeScheduler s, int atLeast) {
        List<ProbeTask> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 3000;
        while (out.size() < atLeast && System.currentTimeMillis() < deadline) {
            out.addAll(s.due());
            Thread.onSpinWait();
        }
        return out;
    }

    @Test
    void aCameraIsHostAndPortAndADeclaredHostCountsEachPath() {
        HostLimiter l = new HostLimiter(2, Map.of("10.0.0.5", 16, "10.0.0.6:8554", 4));
        assertEquals("10.0.0.1:554", l.keys("rtsp://u:p@10.0.0.1/stream1").camera(), "Tapo stream1 and stream2: one camera");
        assertEquals("10.0.0.1:554", l.keys("rtsp://10.0.0.1:554/stream2").camera());
        assertEquals("10.0.0.1:80", l.keys("http://10.0.0.1/mjpg").camera());
        assertNull(l.keys("rtsp://10.0.0.1/stream1").host());
        HostLimiter.Keys nvr = l.keys("rtsp://10.0.0.5/Streaming/Channels/101?token=x");
        assertEquals("10.0.0.5:554/Streaming/Channels/101", nvr.camera(), "on an NVR each path is a camera");
        assertEquals("10.0.0.5", nvr.host());
        assertEquals("10.0.0.6:8554", l.keys("rtsp://10.0.0.6:8554/cam3").host(), "host:port entries match that port");
        assertNull(l.keys("rtsp://10.0.0.6:554/cam3").host());
    }

    @Test
    void aBusyCameraKeepsItsProbeWaitingWithoutAThreadAndReleasesItWhenASessionFrees() throws Exception {
        ProbeScheduler s = new ProbeScheduler();
        s.setLimiter(new HostLimiter(1));
        StreamConfig a = stream("a", "rtsp://127.0.0.1:9/stream1", 5);
        StreamConfig b = stream("b", "rtsp://127.0.0.1:9/stream2", 5);
        StreamConfig other = stream("other", "rtsp://127.0.0.1:10/stream1", 5);
        s.update(List.of(a, b, other));
        // one tick interval of the timer: all three become due within a second
        List<ProbeTask> out = tick(s, 2);
        long deadline = System.currentTimeMillis() + 1500;
        while (s.waitingForHost() == 0 && System.currentTimeMillis() < deadline) out.addAll(s.due());
        assertEquals(2, out.size(), "one of a/b and the other camera: " + out);
        assertEquals(1, s.waitingForHost(), "the second stream of the busy camera waits in the scheduler");
        assertTrue(out.stream().allMatch(t -> t.permit() != null && !t.hostWait()));
        ProbeTask first = out.stream().filter(t -> !t.stream().name().equals("other")).findFirst().orElseThrow();
        // the wait costs no thread: due() came back at once, and nothing else runs
        assertTrue(s.due().isEmpty());
        s.done(first, null);
        List<ProbeTask> next = tick(s, 1);
        assertEquals(1, next.size());
        assertNotEquals(first.stream().name(), next.get(0).stream().name());
        assertNotNull(next.get(0).permit());
        assertFalse(next.get(0).hostWait());
        assertEquals(0, s.waitingForHost());
    }

    @Test
    void aProbeThatWaitsPastItsTimeoutIsAHostWaitBeatNotATimeoutAndOpensNothing() throws Exception {
        try (java.net.ServerSocket camera = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String base = "rtsp://127.0.0.1:" + camera.getLocalPort();
            HostLimiter limiter = new HostLimiter(1);
            ProbeScheduler s = new ProbeScheduler();
            s.setLimiter(limiter);
            StreamConfig waiting = stream("waiting", base + "/other", 1);
            s.update(List.of(waiting));
            // another probe holds the camera's one session for longer than this stream's 1 s timeout
            HostLimiter.Permit hog = limiter.tryAcquire(base + "/hog");
            assertNotNull(hog);
            List<ProbeTask> out = new ArrayList<>();
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(20)).until(() -> out.addAll(s.due()) || !out.isEmpty());
            assertEquals(1, out.size());
            ProbeTask t = out.get(0);
            assertTrue(t.hostWait());
            assertNull(t.permit());
            assertTrue(t.waitedMs() >= 1000, "waited " + t.waitedMs());
            assertEquals(1, s.hostWaits());

            Observation o = new FrameProbe(new CorrectedClock(List.of()), limiter).observe(t);
            assertEquals(Reason.HOST_WAIT, o.beat().reason(), o.beat().detail());
            assertFalse(o.beat().ok());
            assertTrue(o.beat().detail().contains("127.0.0.1:" + camera.getLocalPort()), o.beat().detail());
            // the camera was not asked: nothing connected to it
            camera.setSoTimeout(300);
            assertThrows(java.net.SocketTimeoutException.class, camera::accept, "a HOST_WAIT beat opens no session");
            s.done(t, o);
            // the HOST_WAIT is not the camera's cost: the stream's demand is still the prior, not a timeout
            assertEquals(1.0, s.demand().total(), 1e-9, "1 s prior over a 1 s heartbeat");
            assertFalse(s.demand().loads().get(0).timedOut());
            hog.close();
            assertEquals(0, limiter.open("127.0.0.1:" + camera.getLocalPort()));
        }
    }

    @Test
    void aDeclaredHostCapsItsSessionsAndEachPathItsOwn() {
        HostLimiter l = new HostLimiter(1, Map.of("127.0.0.1", 2));
        HostLimiter.Permit p1 = l.tryAcquire("rtsp://127.0.0.1:9/cam1");
        assertNotNull(p1);
        assertNull(l.tryAcquire("rtsp://127.0.0.1:9/cam1"), "per camera (path) limit 1");
        HostLimiter.Permit p2 = l.tryAcquire("rtsp://127.0.0.1:9/cam2");
        assertNotNull(p2, "another path of the NVR is another camera");
        assertNull(l.tryAcquire("rtsp://127.0.0.1:9/cam3"), "the host's max_sessions 2 is reached");
        p1.close();
        p1.close(); // twice frees once
        assertEquals(1, l.open("127.0.0.1"));
        assertNotNull(l.tryAcquire("rtsp://127.0.0.1:9/cam3"));
        assertNull(l.tryAcquire("rtsp://127.0.0.1:9/cam4"));
        p2.close();
    }
}
