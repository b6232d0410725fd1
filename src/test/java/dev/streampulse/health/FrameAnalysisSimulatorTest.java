package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.HealthSettings;
import dev.streampulse.config.ProbeSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.Observation;
import dev.streampulse.probe.ProbeTask;
import dev.streampulse.sim.CameraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/** Real frames from the simulator's fault paths through the real analysis and state machine. */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("paced-tests") // paced probes, mostly waiting: beside the sequence, one at a time
class FrameAnalysisSimulatorTest {
    static CameraSimulator sim;
    static final FrameProbe PROBE = new FrameProbe(new CorrectedClock(List.of()), 0);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    record Run(StreamHealth health, InMemoryEvents events, List<Verdictish> beats) {}

    /** What each beat carried: its hash and luma, and the stream's state after it. */
    record Verdictish(Long hash, Double luma, StreamState state, String reason) {}

    Run probe(String url, HealthSettings settings, int beats, long gapMs) throws InterruptedException {
        StreamConfig s = new StreamConfig("cam", url, true, 1, 5, null, settings);
        AppConfig cfg = new AppConfig(1, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(), List.of(s));
        InMemoryEvents events = new InMemoryEvents();
        StreamHealth health = new StreamHealth(events, new Evidence(dir.resolve("evidence"), 10), () -> cfg, System::currentTimeMillis);
        List<Verdictish> out = new ArrayList<>();
        for (int i = 0; i < beats; i++) {
            Observation o = PROBE.observe(new ProbeTask(s, System.currentTimeMillis()));
            assertTrue(o.beat().ok(), () -> "probe of " + url + " failed: " + o.beat().detail());
            Assessment a = ProbeSteps.assess(health, events, o);
            StreamStatus st = health.status("cam");
            out.add(new Verdictish(a.beat().dhash(), a.beat().luma(), st.state(), st.reason()));
            if (gapMs > 0) Thread.sleep(gapMs);
        }
        return new Run(health, events, out);
    }

    static final HealthSettings DEFAULTS = HealthSettings.DEFAULT; // fail 3, recover 2, frozen after 3

    @Test
    void frozenPictureIsFrozenAfterTheThresholdWithEvidence() throws Exception {
        Run r = probe(sim.rtspUrl("/frozen"), DEFAULTS, 5, 0);
        // beats 1-2: not yet "the same picture for 3 beats" (UP after 2); 3-5: FROZEN verdicts; the 5th settles it
        assertEquals(StreamState.UP, r.beats.get(3).state());
        assertEquals(StreamState.DEGRADED, r.beats.get(4).state());
        assertEquals("FROZEN", r.beats.get(4).reason());
        HealthEvent e = r.events.of("cam").get(0);
        assertEquals(StreamState.UP, e.to());
        e = r.events.of("cam").get(1);
        assertEquals(StreamState.DEGRADED, e.to());
        assertNotNull(r.health.evidence().resolve(e.evidenceGood()), "last good frame kept as evidence");
        assertNotNull(r.health.evidence().resolve(e.evidenceBad()), "first frozen frame kept as evidence");
        assertTrue(Files.size(r.health.evidence().resolve(e.evidenceBad())) > 1000);
        assertNotNull(r.beats.get(0).hash(), "beats carry their dHash");
    }

    @Test
    void frozenPictureUnderATickingClockIsFrozenOnBothProtocols() throws Exception {
        for (String url : List.of(sim.mjpegUrl("/frozen-clock"), sim.rtspUrl("/frozen-clock"))) {
            Run r = probe(url, DEFAULTS, 5, 150);
            assertEquals(StreamState.DEGRADED, r.beats.get(4).state(), url);
            assertEquals("FROZEN", r.beats.get(4).reason(), url);
        }
    }

    @Test
    void staticSceneIsNeverFrozen() throws Exception {
        HealthSettings s = new HealthSettings(3, 2, 3, true, 5_000, null);
        Run r = probe(sim.mjpegUrl("/frozen"), s, 6, 0);
        assertTrue(r.beats.stream().allMatch(b -> b.state() != StreamState.DEGRADED), r.beats.toString());
        assertEquals(StreamState.UP, r.beats.get(5).state());
    }

    @Test
    void blackIsBlackAndUniformIsUniform() throws Exception {
        Run black = probe(sim.rtspUrl("/black"), DEFAULTS, 3, 0);
        assertEquals(StreamState.DEGRADED, black.beats.get(2).state());
        assertEquals("BLACK", black.beats.get(2).reason());
        assertTrue(black.beats.get(2).luma() < 5, "luma stored with the beat: " + black.beats.get(2).luma());
        Run uniform = probe(sim.mjpegUrl("/uniform"), DEFAULTS, 3, 0);
        assertEquals(StreamState.DEGRADED, uniform.beats.get(2).state());
        assertEquals("UNIFORM", uniform.beats.get(2).reason());
        // a camera without IR is black every night: its owner ignores black, and it is neither BLACK nor FROZEN
        HealthSettings night = new HealthSettings(3, 2, 3, false, 5_000, null, Set.of("black"));
        Run dark = probe(sim.rtspUrl("/black"), night, 5, 0);
        assertEquals(StreamState.UP, dark.beats.get(4).state(), dark.beats.toString());
    }

    /**
     * 100 real frames of the live pattern, 250 ms apart over MJPEG (every MJPEG frame differs; RTSP
     * probes always decode a GOP's first frame, so closer than 1 s they would repeat): 100 beats take
     * about 30 s, less than the 37 s loop, so no picture comes back either.
     */
    @Test
    void livePictureIsNeverFrozenOverHundredBeats() throws Exception {
        Run r = probe(sim.mjpegUrl("/cam1"), new HealthSettings(3, 2, 2, false, 5_000, null), 100, 250);
        List<Verdictish> frozen = r.beats.stream().filter(b -> b.state() != StreamState.UP && b.state() != StreamState.UNKNOWN).toList();
        assertEquals(List.of(), frozen);
        assertEquals(StreamState.UP, r.beats.get(99).state());
        assertEquals(1, r.events.of("cam").size(), "only UNKNOWN → UP: " + r.events.all);
        long distinct = r.beats.stream().map(Verdictish::hash).distinct().count();
        assertTrue(distinct > 20, "the pattern moves: " + distinct + " distinct hashes");
    }

    @Test
    void resolutionAndCodecSwitchesAreProfileChanges() throws Exception {
        // a simulator of its own that switches 3 s after its start: probe both paths until the changes settle
        try (CameraSimulator sw = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(0).mjpegPort(0)
                .switchAfter(Duration.ofSeconds(3)).start()) {
            StreamConfig res = new StreamConfig("res", sw.mjpegUrl("/switch-resolution"), true, 1, 5, null, DEFAULTS);
            StreamConfig codec = new StreamConfig("codec", sw.rtspUrl("/switch-codec"), true, 1, 5, null, DEFAULTS);
            AppConfig cfg = new AppConfig(1, ZoneId.of("UTC"), List.of(), dir, ProbeSettings.DEFAULT, Optional.empty(), List.of(res, codec));
            InMemoryEvents events = new InMemoryEvents();
            StreamHealth health = new StreamHealth(events, new Evidence(dir.resolve("evidence"), 10), () -> cfg, System::currentTimeMillis);
            long deadline = System.currentTimeMillis() + 20_000;
            HealthEvent resChange = null, codecChange = null;
            while ((resChange == null || codecChange == null) && System.currentTimeMillis() < deadline) {
                for (Assessment a : List.of(ProbeSteps.assess(health, events, PROBE.observe(new ProbeTask(res, System.currentTimeMillis()))),
                        ProbeSteps.assess(health, events, PROBE.observe(new ProbeTask(codec, System.currentTimeMillis()))))) {
                    for (HealthEvent e : a.events()) {
                        if (!HealthEvent.PROFILE.equals(e.kind())) continue;
                        if (e.stream().equals("res")) resChange = e;
                        else codecChange = e;
                    }
                }
                Thread.sleep(200); // pacing: one probe of each stream per round
            }
            assertNotNull(resChange, "no PROFILE_CHANGED for the resolution within 20 s: " + events.all);
            assertNotNull(codecChange, "no PROFILE_CHANGED for the codec within 20 s: " + events.all);
            assertEquals("PROFILE_CHANGED", resChange.reason());
            assertTrue(resChange.detail().contains("640x360") && resChange.detail().contains("320x180"), resChange.detail());
            assertTrue(resChange.names().contains("profile_changed"));
            assertTrue(codecChange.detail().startsWith("h264") && codecChange.detail().contains("→ mpeg4"), codecChange.detail());
            assertNotNull(health.evidence().resolve(codecChange.evidenceBad()), "first frame of the new profile kept");
            assertEquals(StreamState.UP, health.status("codec").state(), "a profile change alone is no outage");
        }
    }
}
