package dev.streampulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.streampulse.sim.SimulatorMain;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Benchmark, not a test: runs {@code SimulatorMain --cameras N} in its own JVM and reads its CPU time
 * and RSS from /proc while idle, while 1,000 paths are probed by FFmpeg (100 at a time), and while
 * 1,000 RTSP sessions stream at once (drained by one selector thread). Loopback only.
 *
 * <pre>java -cp target/streampulse.jar:target/streampulse-bench.jar dev.streampulse.bench.SimBench [cameras] [rtspPort] [mjpegPort]</pre>
 */
public final class SimBench {

    private SimBench() {
    }

    public static void main(String[] args) throws Exception {
        int cameras = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rtspPort = args.length > 1 ? Integer.parseInt(args[1]) : 18554;
        int mjpegPort = args.length > 2 ? Integer.parseInt(args[2]) : 18081;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long t0 = System.nanoTime();
        Process sim = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName(),
                "--cameras", String.valueOf(cameras), "--rtsp-port", String.valueOf(rtspPort),
                "--mjpeg-port", String.valueOf(mjpegPort), "--bind", "127.0.0.1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!"streams:".equals(first)) {
                throw new IllegalStateException("simulator said: " + first);
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard the YAML
                    }
                } catch (IOException e) {
                    // simulator gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            long pid = sim.pid();
            System.out.printf("simulator pid %d ready (clip encoded, ports bound) after %d ms, %d cameras%n",
                    pid, (System.nanoTime() - t0) / 1_000_000, cameras);

            Sample s0 = Sample.of(pid);
            Thread.sleep(10_000); // pacing the measurement window, not synchronisation
            Sample s1 = Sample.of(pid);
            report("idle 10 s", s0, s1);

            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
            probeAll(pid, "rtsp://127.0.0.1:" + rtspPort + "/cam", "1000 FFmpeg probes", s1, "probing 1000 paths");

            stream(pid, rtspPort, 1000, 30);

            probeAll(pid, "http://127.0.0.1:" + mjpegPort + "/cam", "1000 FFmpeg MJPEG probes", Sample.of(pid),
                    "probing 1000 MJPEG paths");

            streamMjpeg(pid, mjpegPort, 200, 20);
        } finally {
            sim.destroy(); // SIGTERM: the shutdown hook closes the simulator
            if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }

    /** {@code n} RTSP sessions on cam1..camN, all playing at once for {@code seconds}. */
    private static void stream(long pid, int port, int n, int seconds) throws Exception {
        List<SocketChannel> sessions = new ArrayList<>();
        ExecutorService setup = Executors.newFixedThreadPool(16);
        List<Future<SocketChannel>> opening = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            String url = "rtsp://127.0.0.1:" + port + "/cam" + k;
            opening.add(setup.submit(() -> play(port, url)));
        }
        for (Future<SocketChannel> f : opening) {
            sessions.add(f.get(2, TimeUnit.MINUTES));
        }
        setup.shutdownNow();
        Selector selector = Selector.open();
        long[] bytes = new long[n];
        for (int i = 0; i < n; i++) {
            SocketChannel ch = sessions.get(i);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, i);
        }
        Sample a = Sample.of(pid);
        drain(selector, bytes, seconds);
        Sample b = Sample.of(pid);
        System.out.printf("%d concurrent RTSP sessions streaming %d s: %d got >10 kB/s, %.1f MB/s total%n",
                n, seconds, live(bytes, 10_000L * seconds), total(bytes) / 1e6 / seconds);
        report(n + " sessions streaming", a, b);
        for (SocketChannel ch : sessions) {
            ch.close();
        }
        selector.close();
    }

    /** {@code n} MJPEG clients streaming at once (a JPEG stream is ~10x the bytes of H.264). */
    private static void streamMjpeg(long pid, int port, int n, int seconds) throws Exception {
        Selector selector = Selector.open();
        List<SocketChannel> clients = new ArrayList<>();
        long[] bytes = new long[n];
        for (int k = 1; k <= n; k++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.write(ByteBuffer.wrap(("GET /cam" + k + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, k - 1);
            clients.add(ch);
        }
        drain(selector, bytes, seconds / 4); // let every stream start
        Arrays.fill(bytes, 0);
        Sample a = Sample.of(pid);
        drain(selector, bytes, seconds);
        Sample b = Sample.of(pid);
        System.out.printf("%d concurrent MJPEG streams %d s: %d got >100 kB/s, %.1f MB/s total%n", n, seconds,
                live(bytes, 100_000L * seconds), total(bytes) / 1e6 / seconds);
        report(n + " MJPEG streams", a, b);
        for (SocketChannel ch : clients) {
            ch.close();
        }
        selector.close();
    }

    private static int live(long[] bytes, long atLeast) {
        return (int) Arrays.stream(bytes).filter(x -> x > atLeast).count();
    }

    private static long total(long[] bytes) {
        return Arrays.stream(bytes).sum();
    }

    private static void drain(Selector selector, long[] bytes, int seconds) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            selector.select(200);
            for (SelectionKey key : selector.selectedKeys()) {
                buf.clear();
                int r = ((SocketChannel) key.channel()).read(buf);
                if (r > 0) {
                    bytes[(Integer) key.attachment()] += r;
                } else if (r < 0) {
                    key.cancel();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** Minimal RTSP client: DESCRIBE, SETUP (TCP-interleaved), PLAY; returns the playing connection. */
    private static SocketChannel play(int port, String url) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        request(ch, "DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n");
        String setup = request(ch, "SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
        String session = setup.replaceAll("(?s).*\r\nSession: ([^;\r]+).*", "$1");
        request(ch, "PLAY " + url + " RTSP/1.0\r\nCSeq: 3\r\nSession: " + session + "\r\n\r\n");
        return ch;
    }

    private static String request(SocketChannel ch, String req) throws IOException {
        ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!sb.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (ch.read(one) < 0) {
                throw new IOException("closed after " + sb);
            }
            sb.append((char) one.get(0));
        }
        String head = sb.toString();
        int len = Integer.parseInt(head.replaceAll("(?s).*\r\nContent-Length: (\\d+).*", "$1").replaceAll("(?s)^(?!\\d+$).*", "0"));
        ByteBuffer body = ByteBuffer.allocate(len);
        while (body.hasRemaining()) {
            if (ch.read(body) < 0) {
                throw new IOException("closed in body");
            }
        }
        return head;
    }

    private static boolean grab(String url) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url);
        g.setOption("rtsp_transport", "tcp");
        g.setOption("probesize", "32");
        g.setOption("analyzeduration", "0");
        g.setOption("timeout", "5000000");
        g.setVideoOption("threads", "1");
        try {
            g.startUnsafe();
            Frame f = g.grabImage();
            return f != null && f.image != null;
        } catch (Exception e) {
            return false;
        } finally {
            try {
                g.releaseUnsafe();
            } catch (Exception e) {
                // ignore
            }
        }
    }

    private static void report(String phase, Sample a, Sample b) {
        double wall = (b.nanos - a.nanos) / 1e9;
        double cpu = b.cpuSeconds - a.cpuSeconds;
        System.out.printf("%-28s wall %6.1f s  simulator CPU %6.2f s = %5.1f%% of one core  RSS %d MB%n",
                phase, wall, cpu, 100 * cpu / wall, b.rssBytes / (1024 * 1024));
    }

    private record Sample(long nanos, double cpuSeconds, long rssBytes) {
        static Sample of(long pid) {
            return new Sample(System.nanoTime(), ProcStats.cpuSeconds(pid), ProcStats.rssBytes(pid));
        }
    }

    /** Grabs one frame from each of {@code base}1..1000, 100 at a time, and reports the simulator's cost. */
    private static Sample probeAll(long pid, String base, String what, Sample before, String window) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        AtomicInteger ok = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> grabs = new ArrayList<>();
        for (int k = 1; k <= 1000; k++) {
            String url = base + k;
            grabs.add(pool.submit(() -> {
                if (grab(url)) {
                    ok.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : grabs) {
            f.get(5, TimeUnit.MINUTES);
        }
        Sample after = Sample.of(pid);
        System.out.printf("%s (100 concurrent): %d decoded a frame in %d ms%n", what, ok.get(), (System.nanoTime() - t0) / 1_000_000);
        report(window, before, after);
        pool.shutdownNow();
        return after;
    }
}
