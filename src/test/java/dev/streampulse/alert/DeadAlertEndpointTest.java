package dev.streampulse.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.Mode;
import dev.streampulse.StreamPulseApp;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.sim.CameraSimulator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert endpoints that never answer (a blackhole that accepts and stays silent, with no timeout) or
 * refuse, with every event of 8 streams sent to both: probing keeps its schedule.
 */
class DeadAlertEndpointTest {
    @TempDir
    Path dir;

    @Test
    void deadAlertEndpointsDoNotDelayBeats() throws Exception {
        StringWriter log = new StringWriter();
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(0).start();
             AutoCloseable capture = captureLog(log)) {
            StringBuilder streams = new StringBuilder();
            for (int i = 0; i < 4; i++) streams.append("  - {name: live").append(i).append(", url: \"").append(sim.mjpegUrl("/cam" + i)).append("\"}\n");
            for (int i = 0; i < 4; i++) streams.append("  - {name: dead").append(i).append(", url: \"").append(sim.refusedHttpUrl()).append("\"}\n");
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    heartbeat_seconds: 1
                    probe: {per_host_limit: 0}   # every camera and alert is on 127.0.0.1 here
                    health: {fail_threshold: 1, recover_threshold: 1}
                    streams:
                    %s
                    alerts:
                      - name: blackhole
                        uri: "netty-http:%s"
                      - name: refused
                        uri: "netty-http:%s?apiToken=hunter2"
                    """.formatted(streams, sim.mjpegUrl("/blackhole"), sim.refusedHttpUrl()));
            long start = System.currentTimeMillis();
            try (StreamPulseApp app = StreamPulseApp.start(Mode.RUN, config, Map.of("camel.server.enabled", "false",
                    "streampulse.tickMillis", "50", "streampulse.store.batchMillis", "200",
                    "streampulse.alerts.retryDelayMillis", "100", "camel.main.shutdownTimeout", "2"))) {
                AlertSelector alerts = app.camel().getRegistry().lookupByNameAndType("alertSelector", AlertSelector.class);
                // the refused endpoint has failed through its retries: the alert path really ran
                await().atMost(Duration.ofSeconds(15)).until(() -> alerts.failedCount() >= 8);
                // from now on the blackhole holds every alert consumer; watch 8 more seconds of beats
                long from = System.currentTimeMillis();
                long skippedBefore = app.scheduler().skipped();
                await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
                long to = System.currentTimeMillis() - 1_500; // beats of the last second may still be in the batch
                for (String s : List.of("live0", "live3", "dead0", "dead3")) {
                    List<Heartbeat> beats = app.store().beats(s, from, to, 1000);
                    long seconds = (to - from) / 1000;
                    long worst = beats.stream().mapToLong(Heartbeat::lateMs).max().orElse(-1);
                    System.out.printf("%s: %d beats in %d ms, latest start %d ms after due%n", s, beats.size(), to - from, worst);
                    String diag = " [from " + from + ", skipped " + app.scheduler().skipped(s) + ", next due " + app.scheduler().nextDue(s)
                            + ", newest beats " + app.store().beats(s, 0, Long.MAX_VALUE, 4).stream()
                                    .map(b -> b.ts() + "/" + b.ok() + "/" + b.latencyMs() + "ms/" + b.reason()).toList()
                            + ", all beats " + app.store().count() + "]";
                    assertTrue(beats.size() >= seconds, s + ": " + beats.size() + " beats in " + (to - from) + " ms" + diag);
                    assertTrue(worst < 500, s + " started a beat " + worst + " ms late");
                }
                assertEquals(0, app.scheduler().skipped() - skippedBefore, "no beat skipped");
                assertEquals(0, alerts.sentCount(), "nothing can have been delivered");
            }
        }
        String text = log.toString();
        assertTrue(text.contains("Alert refused could not be delivered after retries"), "failures are logged by alert name");
        assertFalse(text.contains("hunter2"), "the alert URI's token never reaches the log");
    }

    /** Adds an appender to the root logger that copies every line into {@code out}. */
    static AutoCloseable captureLog(StringWriter out) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        WriterAppender app = WriterAppender.newBuilder().setName("capture").setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%c{1} %m %ex%n").build()).build();
        app.start();
        cfg.getRootLogger().addAppender(app, Level.ALL, null);
        cfg.getLoggerConfig("dev.streampulse").addAppender(app, Level.ALL, null);
        ctx.updateLoggers();
        return () -> {
            cfg.getRootLogger().removeAppender("capture");
            cfg.getLoggerConfig("dev.streampulse").removeAppender("capture");
            ctx.updateLoggers();
            app.stop();
        };
    }
}
