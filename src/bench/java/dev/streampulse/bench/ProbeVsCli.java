package dev.streampulse.bench;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.sim.FfmpegBinary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our in-JVM probe against the tuned ffmpeg command line a shell script would run, on the same
 * stream, interleaved so both see the same machine load.
 */
final class ProbeVsCli {
    private final SimProcess sim;
    private final Report report;
    private final FrameProbe probe = new FrameProbe(new CorrectedClock(List.of()), 0);

    ProbeVsCli(SimProcess sim, Report report) {
        this.sim = sim;
        this.report = report;
    }

    void run(int n) throws Exception {
        for (String protocol : List.of("rtsp", "mjpeg")) {
            String url = protocol.equals("rtsp") ? sim.rtspUrl("cam1") : sim.mjpegUrl("cam2");
            for (int i = 0; i < 5; i++) { // warm-up: JIT and page cache for both
                cli(url, protocol);
                probe.run(url, 10, false);
            }
            List<Double> cliMs = new ArrayList<>(), jvmMs = new ArrayList<>();
            double cliCpu = 0, jvmCpu = 0;
            int cliFailed = 0, jvmFailed = 0;
            System.out.printf("probe vs ffmpeg CLI, %s: %d rounds%n", protocol, n);
            for (int i = 0; i < n; i++) {
                double c0 = ProcStats.childCpuSeconds();
                long t0 = System.nanoTime();
                if (!cli(url, protocol)) cliFailed++;
                cliMs.add((System.nanoTime() - t0) / 1e6);
                cliCpu += ProcStats.childCpuSeconds() - c0;

                double j0 = ProcStats.preciseCpuSeconds();
                t0 = System.nanoTime();
                if (!probe.run(url, 10, false).ok()) jvmFailed++;
                jvmMs.add((System.nanoTime() - t0) / 1e6);
                jvmCpu += ProcStats.preciseCpuSeconds() - j0;
            }
            report.probeVsCli(protocol, n, Stats.percentile(jvmMs, 50), Stats.percentile(jvmMs, 95), jvmCpu / n, jvmFailed,
                    Stats.percentile(cliMs, 50), Stats.percentile(cliMs, 95), cliCpu / n, cliFailed);
        }
    }

    /** One grab with `ffmpeg ... -frames:v 1 -f null -`, as tuned as the CLI gets. */
    private boolean cli(String url, String protocol) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-nostdin"));
        if (protocol.equals("rtsp")) cmd.addAll(List.of("-rtsp_transport", "tcp"));
        cmd.addAll(List.of("-probesize", "32", "-analyzeduration", "0", "-threads", "1", "-i", url, "-frames:v", "1",
                "-f", "null", "-"));
        Process p = FfmpegBinary.processBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return false;
        }
        return p.exitValue() == 0;
    }
}
