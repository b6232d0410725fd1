package dev.streampulse.probe;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.StreamConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * Probes one stream: grab and decode its first frame within the stream's timeout, and say why not.
 * Holds no per-stream state, so any number of probes run in parallel on the probe pool.
 */
public class FrameProbe {
    /** FFmpeg's own socket timeout stays below the hard deadline so its clearer error wins. */
    private static final long SLACK_MS = 500;

    /**
     * Width of the small JPEG made with each scheduled beat and written as evidence when the stream's
     * state changes (about 3 ms and 8 KB per beat at 640x360 on x86).
     */
    public static final int EVIDENCE_WIDTH = 320;
    private volatile int evidenceWidth = EVIDENCE_WIDTH;

    private final CorrectedClock clock;
    private volatile HostLimiter hosts;

    public FrameProbe(CorrectedClock clock, int perHostLimit) {
        this(clock, new HostLimiter(perHostLimit));
    }

    /** @param hosts the session caps on-demand grabs share with the scheduler's probes */
    public FrameProbe(CorrectedClock clock, HostLimiter hosts) {
        this.clock = clock;
        this.hosts = hosts;
    }

    public void setLimiter(HostLimiter hosts) {
        this.hosts = hosts;
    }

    /** The beat for a scheduled task. */
    public Heartbeat probe(ProbeTask task) {
        return observe(task).beat();
    }

    /** 0 stops making evidence JPEGs (config evidence_files: 0). */
    public void setEvidenceWidth(int width) {
        this.evidenceWidth = width;
    }

    /**
     * The beat for a scheduled task with the frame it decoded, for analysis and evidence. The
     * scheduler took the task's session permit already; a task that waited past its timeout for one
     * gives a {@link Reason#HOST_WAIT} beat and opens nothing.
     */
    public Observation observe(ProbeTask task) {
        // one clock reading for "started" and "late": the beat's due time is exactly ts - lateMs
        long wall = System.currentTimeMillis();
        long lateMs = Math.max(0, wall - task.dueMs());
        if (task.hostWait()) {
            HostLimiter.Keys k = hosts.keys(task.stream().url());
            Result r = Result.failed(wall + clock.offsetMs(), clock.source(), task.waitedMs(), Reason.HOST_WAIT, "waited " + task.waitedMs()
                    + " ms for a free session to " + k.describe(hosts) + ": all taken by other probes; the camera was not asked");
            return new Observation(task.stream(), r.toHeartbeat(task.stream().name(), lateMs), null);
        }
        CameraKnock.Answer knock = task.knocked();
        if (knock != null) {
            // the beat started when the cheap first step first asked the camera
            wall = knock.startedMs();
            lateMs = Math.max(0, wall - task.dueMs());
        }
        if (task.unanswered()) {
            Result r = Result.failed(Math.max(wall, task.dueMs()) + clock.offsetMs(), clock.source(), elapsed(knock.startNanos()),
                    Reason.TIMEOUT, knock.detail() + " (asked before a full probe: its last probe timed out too)");
            return new Observation(task.stream(), r.toHeartbeat(task.stream().name(), lateMs), null);
        }
        Result r = run(task.stream().url(), task.stream().timeoutSeconds(), evidenceWidth, task.permit() == null,
                Math.max(wall, task.dueMs()) + clock.offsetMs(), knock == null ? System.nanoTime() : knock.startNanos());
        return new Observation(task.stream(), r.toHeartbeat(task.stream().name(), lateMs), r.frame());
    }

    /** A frame grabbed on demand (live preview, "test URL"), JPEG included. */
    public Result grabNow(StreamConfig stream) {
        return run(stream.url(), stream.timeoutSeconds(), true);
    }

    public Result run(String url, int timeoutSeconds, boolean wantJpeg) {
        return run(url, timeoutSeconds, wantJpeg ? Integer.MAX_VALUE : 0);
    }

    /** @param jpegWidth 0: no JPEG; otherwise a JPEG at most this wide */
    public Result run(String url, int timeoutSeconds, int jpegWidth) {
        return run(url, timeoutSeconds, jpegWidth, true, clock.now(), System.nanoTime());
    }

    /**
     * @param limit wait for a session permit here (on-demand grabs); false when the caller holds one
     * @param start when the probe began (System.nanoTime): its deadline and latency count from here
     */
    private Result run(String url, int timeoutSeconds, int jpegWidth, boolean limit, long ts, long start) {
        String clockSource = clock.source();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String problem = ConfigLoader.urlProblem(url);
        if (problem != null) {
            return Result.failed(ts, clockSource, 0, Reason.PROTOCOL, "refused before FFmpeg: url " + problem);
        }
        String host = URI.create(url).getHost();
        try {
            if (!isIpLiteral(host)) InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Result.failed(ts, clockSource, elapsed(start), Reason.DNS, "cannot resolve host '" + host + "'");
        }
        AutoCloseable permit = null;
        try {
            if (limit) {
                HostLimiter limiter = hosts;
                permit = limiter.acquire(url, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (permit == null) {
                    return Result.failed(ts, clockSource, elapsed(start), Reason.HOST_WAIT, "waited the whole timeout for a free "
                            + "session to " + limiter.keys(url).describe(limiter) + "; the camera was not asked");
                }
            }
            int socketTimeoutUs = (int) Math.max(100_000, TimeUnit.NANOSECONDS.toMicros(deadline - System.nanoTime())
                    - TimeUnit.MILLISECONDS.toMicros(SLACK_MS));
            FfmpegGrab.Outcome out = FfmpegGrab.grab(url, deadline, socketTimeoutUs, jpegWidth);
            long latency = elapsed(start);
            if (out.ok()) return new Result(ts, clockSource, latency, null, null, out.frame());
            Reason reason = FailureClassifier.classify(out.error(), out.phase(), out.log());
            String detail = FailureClassifier.detail(out.error(), out.phase(), out.log());
            if (reason != Reason.TIMEOUT && latency >= socketTimeoutUs / 1000 - 50 && reason != Reason.REFUSED) {
                // FFmpeg's RTSP client reports a reply that never came as "invalid data": time tells the truth.
                detail = "no complete answer within " + latency + " ms; FFmpeg: " + detail;
                reason = Reason.TIMEOUT;
            }
            return Result.failed(ts, clockSource, latency, reason, detail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(ts, clockSource, elapsed(start), Reason.ERROR, "probe interrupted (shutting down)");
        } catch (RuntimeException e) {
            return Result.failed(ts, clockSource, elapsed(start), Reason.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // JavaCPP refuses a native buffer once the process passes its physical-memory limit (seen with
            // ~150 1080p sessions open at once): a recorded failure, not a lost beat and a wedged stream
            return Result.failed(ts, clockSource, elapsed(start), Reason.ERROR, "out of memory while probing: " + e.getMessage());
        } finally {
            if (permit != null) {
                try {
                    permit.close();
                } catch (Exception ignored) {
                    // a semaphore release does not fail
                }
            }
        }
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    /** A probe's outcome before it is tied to a stream and a schedule. */
    public record Result(long ts, String clock, long latencyMs, Reason reason, String detail, GrabbedFrame frame) {
        static Result failed(long ts, String clock, long latencyMs, Reason reason, String detail) {
            return new Result(ts, clock, latencyMs, reason, dev.streampulse.config.UrlRedactor.redact(detail), null);
        }

        public boolean ok() {
            return frame != null;
        }

        Heartbeat toHeartbeat(String stream, long lateMs) {
            if (frame == null) {
                return new Heartbeat(stream, ts, lateMs, false, latencyMs, reason, detail, null, 0, 0, 0, clock);
            }
            return new Heartbeat(stream, ts, lateMs, true, latencyMs, null, null, frame.codec(), frame.width(),
                    frame.height(), frame.fps(), clock);
        }
    }
}
