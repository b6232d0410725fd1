package dev.streampulse.health;

import com.sun.net.httpserver.HttpServer;
import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.GrabbedFrame;
import dev.streampulse.sim.CameraSimulator;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measurements behind {@link PictureChange}'s thresholds (docs/stream-intelligence.md), not a
 * test: first frames of consecutive sessions, decoded by our own probe, compared sample by sample.
 * Sources: the simulator's paths (RTSP and MJPEG), and streams Debian's ffmpeg CLI encodes with
 * libx264 from lavfi still pictures with temporal sensor noise ({@code noise=alls=N:allf=t}), with
 * fixed noise (a frozen noisy picture, re-encoded), cut into 2 s segments that each start at a
 * keyframe and served over HTTP on 127.0.0.1.
 *
 * <pre>mvn -o -q test-compile && java -cp target/classes:target/test-classes:CP dev.streampulse.health.FrozenRuleMeasure</pre>
 * or as the test {@code FrozenRuleMeasureTest} with {@code -Dmeasure=true}.
 */
public final class FrozenRuleMeasure {
    static final FrameProbe PROBE = new FrameProbe(new CorrectedClock(List.of()), 0);

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"), "frozen-rule"));
    }

    static void run(Path dir) throws Exception {
        Files.createDirectories(dir);
        System.out.println("| source | pairs | noise min / median / max | whiteness min / median / max | changed tiles min / max | live |");
        System.out.println("|---|---|---|---|---|---|");
        try (CameraSimulator sim = CameraSimulator.builder().bind("127.0.0.1").rtspPort(0).mjpegPort(0).start()) {
            for (String p : List.of("cam1", "still", "wall-clock", "frozen-noisy", "frozen", "frozen-clock")) {
                report("sim RTSP /" + p, sim.rtspUrl(p), null, 8, 1_000);
                report("sim MJPEG /" + p, sim.mjpegUrl(p), null, 8, 300);
            }
        }
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            File f = dir.resolve(ex.getRequestURI().getPath().substring(1)).toFile();
            if (!f.isFile()) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] b = Files.readAllBytes(f.toPath());
            ex.getResponseHeaders().set("Content-Type", "video/mp2t");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
            String[][] sources = {
                {"smptehdbars", "smptehdbars=s=%s:r=15"},
                {"corridor", "movie=" + dir.resolve("corridor.png") + ":loop=0,setpts=N/15/TB,fps=15,scale=%s"},
                {"flat grey", "color=c=0x767676:s=%s:r=15"},
            };
            // a clean corridor picture (the simulator's still scene without its noise) for a photo-like source
            writeCorridor(dir.resolve("corridor.png"));
            for (String[] src : sources) {
                for (String size : List.of("640x360", "1920x1080")) {
                    for (String kbps : size.startsWith("640") ? List.of("512", "1024") : List.of("4096")) {
                        for (String noise : List.of("alls=3:allf=t", "alls=6:allf=t", "alls=6")) {
                            String name = (src[0] + "-" + size + "-" + kbps + "-" + noise).replaceAll("[^A-Za-z0-9-]", "_");
                            if (!encode(dir, name, String.format(src[1], size) + ",format=yuv420p,noise=" + noise, kbps)) continue;
                            List<String> urls = new ArrayList<>();
                            for (int i = 1; i <= 8; i++) urls.add(base + name + String.format("_%03d.ts", i));
                            report("x264 " + src[0] + " " + size + " " + kbps + "k noise " + noise, null, urls, 0, 0);
                        }
                    }
                }
            }
        } finally {
            http.stop(0);
        }
    }

    private static void writeCorridor(Path png) throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().instant().bind("127.0.0.1").rtspPort(-1).mjpegPort(0).start()) {
            // the still scene's snapshot carries noise; fine: x264 then sees fixed noise + added noise
            byte[] jpeg = new java.net.URL(sim.mjpegUrl("still/snapshot.jpg")).openStream().readAllBytes();
            javax.imageio.ImageIO.write(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg)), "png", png.toFile());
        }
    }

    /** 20 s at 15 fps, GOP 2 s, x264 veryfast CBR-ish at the camera's bitrate, cut at every keyframe. */
    private static boolean encode(Path dir, String name, String filter, String kbps) throws Exception {
        if (Files.exists(dir.resolve(name + "_008.ts"))) return true; // encoded by an earlier run
        List<String> cmd = List.of("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", filter,
                "-t", "18", "-c:v", "libx264", "-preset", "veryfast", "-b:v", kbps + "k", "-maxrate", kbps + "k",
                "-bufsize", (2 * Integer.parseInt(kbps)) + "k", "-g", "30", "-keyint_min", "30", "-sc_threshold", "0",
                "-f", "segment", "-segment_time", "2", "-reset_timestamps", "1", dir.resolve(name + "_%03d.ts").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            System.out.println("<!-- " + name + ": ffmpeg failed: " + out.trim() + " -->");
            return false;
        }
        return true;
    }

    private static void report(String label, String url, List<String> urls, int n, long gapMs) throws Exception {
        List<GrabbedFrame> frames = new ArrayList<>();
        int count = urls != null ? urls.size() : n;
        for (int i = 0; i < count; i++) {
            FrameProbe.Result r = PROBE.run(urls != null ? urls.get(i) : url, 10, 0);
            if (!r.ok()) {
                System.out.println("<!-- " + label + ": probe failed: " + r.detail() + " -->");
                continue;
            }
            frames.add(r.frame());
            if (gapMs > 0) Thread.sleep(gapMs);
        }
        List<Double> noise = new ArrayList<>();
        List<Double> white = new ArrayList<>();
        List<Integer> tiles = new ArrayList<>();
        int live = 0;
        for (int i = 1; i < frames.size(); i++) {
            GrabbedFrame a = frames.get(i - 1), b = frames.get(i);
            PictureChange c = PictureChange.between(a.samples(), b.samples(), b.sampleWidth(), b.sampleHeight());
            if (c == null) continue;
            noise.add(c.noise());
            white.add(c.whiteness());
            tiles.add(c.changedTiles());
            if (c.live()) live++;
        }
        if (noise.isEmpty()) {
            System.out.println("| " + label + " | 0 | | | |");
            return;
        }
        List<Double> sorted = noise.stream().sorted().toList();
        List<Double> ws = white.stream().sorted().toList();
        System.out.println(String.format(Locale.ROOT, "| %s | %d | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %d / %d | %d of %d |", label, noise.size(),
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
                ws.get(0), ws.get(ws.size() / 2), ws.get(ws.size() - 1),
                tiles.stream().mapToInt(Integer::intValue).min().orElse(0), tiles.stream().mapToInt(Integer::intValue).max().orElse(0),
                live, noise.size()));
    }
}
