package dev.streampulse.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the bundled ffmpeg binary as a client, always bounded by a timeout and killed afterwards. */
final class FfmpegCli {

    /** What one run left behind. */
    record Result(int exitCode, String stderr, boolean timedOut, Path output, long elapsedMs) {
        boolean gotFrame() {
            try {
                return exitCode == 0 && Files.exists(output) && Files.size(output) > 0;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + (timedOut ? " (killed at timeout)" : "") + " after " + elapsedMs + " ms, stderr:\n" + stderr;
        }
    }

    /** Fast probing, as the monitor opens streams. */
    static final List<String> FAST = List.of("-probesize", "32", "-analyzeduration", "0");

    private static final AtomicInteger SEQ = new AtomicInteger();

    private FfmpegCli() {
    }

    /** {@code ffmpeg [inputOptions] -i url -frames:v 1 dir/grab-N.jpg}. */
    static Result grab(Path dir, Duration timeout, List<String> inputOptions, String url) {
        Path out = dir.resolve("grab-" + SEQ.incrementAndGet() + ".jpg");
        List<String> args = new ArrayList<>(inputOptions);
        args.addAll(List.of("-i", url, "-frames:v", "1", "-update", "1", "-y", out.toString()));
        return run(dir, timeout, args, out);
    }

    static Result run(Path dir, Duration timeout, List<String> args, Path out) {
        List<String> cmd = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-threads", "1"));
        cmd.addAll(args);
        Path err = dir.resolve("ffmpeg-" + SEQ.incrementAndGet() + ".log");
        ProcessBuilder pb = FfmpegBinary.processBuilder(cmd).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = null;
        try {
            p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Result(done ? p.exitValue() : -1, Files.readString(err), !done, out, ms);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }
}
