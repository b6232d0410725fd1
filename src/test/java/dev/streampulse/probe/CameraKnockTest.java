package dev.streampulse.probe;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.testing.SharedCameras;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cheap first step for cameras whose last probe timed out: a silent camera reads TIMEOUT without a
 * probe thread waiting for it; a camera that answers anything gets the full probe, classified as before.
 */
class CameraKnockTest {
    private static final FrameProbe PROBE = new FrameProbe(new CorrectedClock(List.of()), 0);

    private static StreamConfig stream(String name, String url, int timeout) {
        return new StreamConfig(name, url, true, 15, timeout, null);
    }

    private static ProbeTask task(StreamConfig s) {
        return new ProbeTask(s, System.currentTimeMillis(), true, null, 0, false, true, null);
    }

    private static int threads() {
        return Thread.getAllStackTraces().size();
    }

    @Test
    void silentCamerasAreTimeoutsThatHoldNoThread() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        try (CameraKnock knock = new CameraKnock()) {
            knock.knock(task(stream("warm", sim.rtspUrl("cam1"), 5))).get(5, TimeUnit.SECONDS); // the event loop's thread
            int before = threads();
            List<CompletableFuture<ProbeTask>> waits = new ArrayList<>();
            long t0 = System.nanoTime();
            // 40 blackholed cameras (RTSP path that reads the request and never answers, a port that never replies, MJPEG)
            for (int i = 0; i < 40; i++) {
                String url = switch (i % 3) {
                    case 0 -> sim.rtspUrl("blackhole/" + i);
                    case 1 -> "rtsp://127.0.0.1:" + sim.blackholePort() + "/cam" + i;
                    default -> sim.mjpegUrl("blackhole/" + i);
                };
                waits.add(knock.knock(task(stream("dead-" + i, url, 2))));
            }
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1500, "knocking returns at once");
            assertTrue(waits.stream().noneMatch(CompletableFuture::isDone), "silence is not an answer");
            assertTrue(threads() <= before + 1, "40 silent cameras wait on the one event loop: " + before + " -> " + threads());
            for (CompletableFuture<ProbeTask> w : waits) {
                ProbeTask knocked = w.get(10, TimeUnit.SECONDS);
                assertTrue(knocked.unanswered(), knocked.stream().url());
                long t = System.nanoTime();
                Heartbeat b = PROBE.observe(knocked).beat();
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t) < 500, "no full probe runs for a silent camera");
                assertEquals(Reason.TIMEOUT, b.reason(), b.detail());
                assertTrue(b.latencyMs() >= 1900, "it waited its whole timeout: " + b.latencyMs());
                assertTrue(b.detail().startsWith("no answer within "), b.detail());
                assertTrue(b.detail().contains(knocked.stream().url().startsWith("rtsp") ? "RTSP OPTIONS request got no reply" : "HTTP GET request got no reply"),
                        b.detail());
                assertTrue(b.lateMs() < 1000, "the beat started when the camera was first asked: " + b.lateMs());
            }
        }
    }

    @Test
    void camerasThatAnswerAnythingGetTheFullProbeClassifiedAsBefore() throws Exception {
        CameraSimulator sim = SharedCameras.get();
        try (CameraKnock knock = new CameraKnock()) {
            String user = sim.username(), password = sim.password();
            record Case(String url, Reason reason) {}
            for (Case c : List.of(new Case(sim.rtspUrl("cam1"), null), new Case(sim.mjpegUrl("cam1"), null),
                    new Case(sim.rtspUrl("basic/cam1", user, password), null), new Case(sim.rtspUrl("basic/cam1"), Reason.AUTH),
                    new Case(sim.refusedUrl(), Reason.REFUSED), new Case(sim.refusedHttpUrl(), Reason.REFUSED))) {
                ProbeTask knocked = knock.knock(task(stream("s", c.url(), 5))).get(5, TimeUnit.SECONDS);
                assertFalse(knocked.unanswered(), c.url());
                Heartbeat b = PROBE.observe(knocked).beat();
                assertEquals(c.reason(), b.reason(), c.url() + ": " + b.detail());
                assertEquals(c.reason() == null, b.ok());
            }
        }
    }

    @Test
    void aStreamIsKnockedWhileItsLastProbeTimedOutAndItsSilenceCostsNoSession() {
        ProbeScheduler s = new ProbeScheduler();
        StreamConfig dead = new StreamConfig("dead", "rtsp://127.0.0.1:9/dead", true, 15, 10, null);
        s.update(List.of(dead));
        ProbeTask first = new ProbeTask(dead, 0, false, null, 0, false, false, null);
        assertFalse(first.knockFirst());
        s.done(first, new Observation(dead, new Heartbeat("dead", 0, 0, false, 10_000, Reason.TIMEOUT, "x", null, 0, 0, 0, "system"), null));
        assertEquals(10.0 / 15, s.demand().slow(), 1e-9, "a probe that timed out held its thread for the timeout");
        ProbeTask next = new ProbeTask(dead, 0, true, null, 0, false, true, null);
        assertTrue(next.knockFirst());
        ProbeTask silent = next.knocked(new CameraKnock.Answer(0, System.nanoTime(), false, "no answer"));
        assertFalse(silent.knockFirst(), "knocked once");
        assertTrue(silent.unanswered());
        s.done(silent, null);
        assertEquals(0.0, s.demand().total(), 1e-9, "a silent knock holds no probe thread: the lanes keep none for it");
        assertTrue(s.demand().loads().get(0).timedOut(), "and it keeps being knocked");
        // back: an answer and a good probe end the knocking
        s.done(next.knocked(new CameraKnock.Answer(0, System.nanoTime(), true, null)),
                new Observation(dead, new Heartbeat("dead", 0, 0, true, 300, null, null, "h264", 640, 360, 10, "system"), null));
        assertFalse(s.demand().loads().get(0).timedOut());
    }
}
