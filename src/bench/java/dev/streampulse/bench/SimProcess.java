package dev.streampulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The camera simulator in a child JVM, so its CPU and memory are not counted as StreamPulse's. */
record SimProcess(Process process, int rtspPort, int mjpegPort) implements AutoCloseable {

    /** The instant camera (GOP cache, no reply delay, test card, 640x360): probe, soak and PostgreSQL sections. */
    static SimProcess start() throws IOException, InterruptedException {
        return start(List.of("--instant"));
    }

    /** @param options SimulatorMain options, e.g. {@code --resolution 1920x1080}; none = the realistic camera */
    static SimProcess start(List<String> options) throws IOException, InterruptedException {
        int rtsp = Bench.freePort();
        int mjpeg = Bench.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.streampulse.sim.SimulatorMain", "--bind", "127.0.0.1", "--rtsp-port", Integer.toString(rtsp),
                "--mjpeg-port", Integer.toString(mjpeg), "--cameras", "0"));
        cmd.addAll(options);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        // the clips are encoded before the ports open: 1080p noisy clips take a minute or more on a busy machine
        long deadline = System.currentTimeMillis() + 300_000;
        while (!(Bench.listening(rtsp) && Bench.listening(mjpeg))) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("simulator did not start");
            }
            Thread.sleep(200);
        }
        return new SimProcess(p, rtsp, mjpeg);
    }

    long pid() {
        return process.pid();
    }

    String rtspUrl(String path) {
        return "rtsp://127.0.0.1:" + rtspPort + "/" + path;
    }

    String mjpegUrl(String path) {
        return "http://127.0.0.1:" + mjpegPort + "/" + path;
    }

    double cpuSeconds() {
        return ProcStats.cpuSeconds(process.pid());
    }

    long rssBytes() {
        return ProcStats.rssBytes(process.pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
