package dev.streampulse.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StreamPulse in monitor mode as a real child process on 127.0.0.1, reporting (at DEBUG) the inbox
 * id of every batch it commits, so a test can hold it to "every committed beat is in the file".
 */
public final class MonitorProcess {
    private static final Pattern COMMITTED = Pattern.compile("Committed \\d+ heartbeats through inbox id (\\d+)");

    private final Process process;
    private final AtomicLong committed = new AtomicLong();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private MonitorProcess(Process process) {
        this.process = process;
    }

    public static MonitorProcess start(Path config) throws Exception {
        return start(config, java.util.Map.of());
    }

    /** @param env added to the child's environment (a node's STREAMPULSE_NODE_ID, STREAMPULSE_DB_URL, …) */
    /** The child starts as the service unit runs (C1 only, serial GC): a second or two less per start. */
    public static MonitorProcess start(Path config, java.util.Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dstreampulse.log.level=DEBUG", "-Dstreampulse.store.batchMillis=1000",
                "-Dstreampulse.retention.delayMillis=" + TestApp.NO_RETENTION_MS, "-cp",
                System.getProperty("java.class.path"), "dev.streampulse.StreamPulse", "monitor", "--config",
                config.toString(), "--host", "127.0.0.1", "--port", Integer.toString(TestApp.freePort())));
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        MonitorProcess m = new MonitorProcess(p);
        Thread reader = new Thread(m::read, "monitor-log");
        reader.setDaemon(true);
        reader.start();
        return m;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = COMMITTED.matcher(line);
                if (m.find()) committed.set(Long.parseLong(m.group(1)));
                else if (!line.contains("DEBUG")) log.add(line);
            }
        } catch (Exception ignored) {
            // the process ended
        }
    }

    /** The newest inbox id the process said it committed (0 before the first commit). */
    public long committedId() {
        return committed.get();
    }

    /** Its log lines above DEBUG. */
    public String log() {
        return String.join("\n", log);
    }

    /** kill -9: no shutdown hook, no last batch. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the monitor commits its last batch and stops; false if it did not within the timeout. */
    public boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Waits a while unless the process ends first. */
    public void runFor(long millis) throws InterruptedException {
        process.waitFor(millis, TimeUnit.MILLISECONDS);
    }
}
