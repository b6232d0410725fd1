package dev.streampulse.clock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.testing.LogCapture;
import dev.streampulse.testing.SharedCameras;
import dev.streampulse.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NtpClockTest {
    @TempDir
    Path dir;

    @Test
    void clockFollowsAServerFiveSecondsAhead() throws Exception {
        try (FakeNtpServer ntp = new FakeNtpServer(5_000)) {
            CorrectedClock clock = new CorrectedClock(List.of("127.0.0.1:" + ntp.port()));
            clock.sync();
            assertEquals(CorrectedClock.NTP, clock.source());
            assertEquals(5_000, clock.offsetMs(), 200);
            assertEquals(System.currentTimeMillis() + 5_000, clock.now(), 250);
        }
    }

    @Test
    void beatsCarryTheCorrectedTimeAndFallBackToTheSystemClockOnce() throws Exception {
        FakeNtpServer ntp = new FakeNtpServer(5_000);
        String url = SharedCameras.get().rtspUrl("cam30");
        Path config = TestApp.writeConfig(dir, "heartbeat_seconds: 1\nntp_servers: ['127.0.0.1:" + ntp.port()
                + "']\nstreams:\n  - {name: cam, url: '" + url + "'}\n");
        try (LogCapture log = new LogCapture();
             StreamPulseApp app = TestApp.start(config, Map.of("streampulse.ntp.periodMillis", "500"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> newest(app) != null);
            Heartbeat corrected = newest(app);
            assertEquals(CorrectedClock.NTP, corrected.clock());
            assertTrue(corrected.ts() > System.currentTimeMillis() + 3_000, "beat time is NTP time, 5 s ahead");

            ntp.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> CorrectedClock.SYSTEM.equals(app.clock().source()));
            await().atMost(Duration.ofSeconds(10)).until(() -> CorrectedClock.SYSTEM.equals(newest(app).clock()));
            Heartbeat system = newest(app);
            assertTrue(Math.abs(system.ts() - System.currentTimeMillis()) < 2_000, "back on the system clock");
            // several failed syncs later, the fallback was still said only once
            long syncsBefore = log.count("NTP");
            await().pollDelay(Duration.ofMillis(1_600)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertEquals(1, log.count("No NTP server reachable"), log.text());
            assertEquals(syncsBefore, log.count("NTP"));
        }
    }

    private static Heartbeat newest(StreamPulseApp app) {
        return app.store().latest().get("cam");
    }
}
