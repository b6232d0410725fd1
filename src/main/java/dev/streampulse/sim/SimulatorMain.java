package dev.streampulse.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code streampulse simulate [--rtsp-port 8554] [--mjpeg-port 8081] [--cameras N]
 * [--fault-mix "refused=2,blackhole=1,frozen=3"] [--bind 127.0.0.1] [--reply-delay-ms 20-60]
 * [--gop-seconds 2] [--gop-cache] [--scene live|still|wall-clock|pattern] [--resolution 640x360]
 * [--max-sessions 0] [--instant]}: serves a camera farm, prints a ready {@code streams:} list for
 * config.yaml, and runs until Ctrl-C.
 *
 * <p>Healthy cameras alternate protocols: odd {@code camK} on RTSP, even on MJPEG. The i-th camera
 * of a fault is {@code /<fault>/<i>}, also alternating RTSP (odd i) and MJPEG (even i).
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    static final String USAGE = "usage: simulate [--rtsp-port 8554] [--mjpeg-port 8081] [--cameras N]"
            + " [--fault-mix \"refused=2,blackhole=1,frozen=3\"] [--bind 127.0.0.1] [--reply-delay-ms 20-60]"
            + " [--gop-seconds 2] [--gop-cache] [--scene live|still|wall-clock|pattern] [--resolution 640x360]"
            + " [--max-sessions 0] [--instant] [--onvif-port 8000 [--onvif-discovery-port 3702]]";

    public static void main(String[] args) {
        Options o;
        SimOnvif.Options onvif;
        try {
            onvif = SimOnvif.extract(args);
            o = Options.parse(onvif.rest());
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CameraSimulator sim = o.builder().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "sim-shutdown"));
        if (onvif.httpPort() >= 0) {
            try {
                var services = SimOnvif.start(sim, o.cameras, o.faultMix, onvif.httpPort(), onvif.discoveryPort());
                Runtime.getRuntime().addShutdownHook(new Thread(services::close, "sim-onvif-shutdown"));
                System.err.println("# ONVIF: http " + services.httpPort() + ", WS-Discovery udp " + services.discoveryPort()
                        + " (directed probes: discover --address " + o.bind + ")");
            } catch (java.io.IOException e) {
                System.err.println("simulate: cannot start ONVIF services: " + e.getMessage());
                sim.close();
                System.exit(2);
            }
        }
        printFleet(System.out, sim, o.cameras, o.faultMix);
        System.out.flush();
        System.err.println("# simulator running: RTSP " + sim.rtspPort() + ", MJPEG " + sim.mjpegPort() + "; Ctrl-C stops it");
        // let the fault clips encode now rather than on the first client
        for (String f : o.faultMix.keySet()) {
            Fault fault = Fault.byPath(f);
            if (fault == Fault.FROZEN || fault == Fault.FROZEN_CLOCK || fault == Fault.FROZEN_NOISY
                    || fault == Fault.BLACK || fault == Fault.UNIFORM) {
                CameraPath cam = CameraPath.parse("/" + f);
                ClipLibrary.video(sim.clipFor(cam, false));
                ClipLibrary.jpeg(sim.clipFor(cam, true));
            }
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the {@code streams:} YAML for the fleet. */
    static void printFleet(PrintStream out, CameraSimulator sim, int cameras, Map<String, Integer> faultMix) {
        out.println("streams:");
        for (int k = 1; k <= cameras; k++) {
            String url = k % 2 == 1 ? sim.rtspUrl("cam" + k) : sim.mjpegUrl("cam" + k);
            out.println("  - name: cam" + k);
            out.println("    url: " + url);
        }
        for (Map.Entry<String, Integer> e : faultMix.entrySet()) {
            for (int i = 1; i <= e.getValue(); i++) {
                String url;
                if (e.getKey().equals(Fault.REFUSED.path())) {
                    url = i % 2 == 1 ? sim.refusedUrl() : sim.refusedHttpUrl();
                } else {
                    String path = e.getKey() + "/" + i;
                    url = i % 2 == 1 ? sim.rtspUrl(path) : sim.mjpegUrl(path);
                }
                out.println("  - name: " + e.getKey() + "-" + i);
                out.println("    url: " + url);
            }
        }
    }

    record Options(String bind, int rtspPort, int mjpegPort, int cameras, Map<String, Integer> faultMix,
                   List<java.util.function.UnaryOperator<CameraSimulatorBuilder>> look) {

        Options(String bind, int rtspPort, int mjpegPort, int cameras, Map<String, Integer> faultMix) {
            this(bind, rtspPort, mjpegPort, cameras, faultMix, List.of());
        }

        CameraSimulatorBuilder builder() {
            CameraSimulatorBuilder b = CameraSimulator.builder().bind(bind).rtspPort(rtspPort).mjpegPort(mjpegPort);
            for (var step : look) {
                b = step.apply(b); // in command-line order: "--instant --reply-delay-ms 40" keeps the 40 ms
            }
            return b;
        }

        static Options parse(String[] args) {
            List<java.util.function.UnaryOperator<CameraSimulatorBuilder>> look = new ArrayList<>();
            String bind = "127.0.0.1";
            int rtsp = 8554;
            int mjpeg = 8081;
            int cameras = 4;
            Map<String, Integer> mix = new LinkedHashMap<>();
            List<String> a = new ArrayList<>(List.of(args));
            if (!a.isEmpty() && a.get(0).equals("simulate")) {
                a.remove(0);
            }
            for (int i = 0; i < a.size(); i++) {
                String opt = a.get(i);
                if (opt.equals("--gop-cache")) {
                    look.add(b -> b.gopCache(true));
                    continue;
                }
                if (opt.equals("--instant")) {
                    look.add(CameraSimulatorBuilder::instant);
                    continue;
                }
                String val;
                int eq = opt.indexOf('=');
                if (opt.startsWith("--") && eq > 0) {
                    val = opt.substring(eq + 1);
                    opt = opt.substring(0, eq);
                } else {
                    if (i + 1 >= a.size()) {
                        throw new IllegalArgumentException("missing value for " + opt);
                    }
                    val = a.get(++i);
                }
                switch (opt) {
                    case "--bind" -> bind = val;
                    case "--rtsp-port" -> rtsp = Integer.parseInt(val);
                    case "--mjpeg-port" -> mjpeg = Integer.parseInt(val);
                    case "--cameras" -> cameras = Integer.parseInt(val);
                    case "--fault-mix" -> mix = parseMix(val);
                    case "--reply-delay-ms" -> {
                        String[] mm = val.split("-", 2);
                        long min = Long.parseLong(mm[0].trim());
                        long max = mm.length > 1 ? Long.parseLong(mm[1].trim()) : min;
                        if (min < 0 || max < min) {
                            throw new IllegalArgumentException("--reply-delay-ms wants N or MIN-MAX, got " + val);
                        }
                        look.add(b -> b.replyDelay(java.time.Duration.ofMillis(min), java.time.Duration.ofMillis(max)));
                    }
                    case "--gop-seconds" -> {
                        double g = Double.parseDouble(val);
                        if (!(g >= 0.1 && g <= 30)) {
                            throw new IllegalArgumentException("--gop-seconds must be 0.1..30, got " + val);
                        }
                        look.add(b -> b.gopSeconds(g));
                    }
                    case "--scene" -> {
                        Scene sc = Scene.byPath(val);
                        if (sc == null) {
                            throw new IllegalArgumentException("--scene must be live, still, wall-clock or pattern, got " + val);
                        }
                        look.add(b -> b.scene(sc));
                    }
                    case "--resolution" -> {
                        String[] wh = val.toLowerCase(java.util.Locale.ROOT).split("x", 2);
                        if (wh.length != 2) {
                            throw new IllegalArgumentException("--resolution wants WIDTHxHEIGHT, got " + val);
                        }
                        int w = Integer.parseInt(wh[0].trim());
                        int h = Integer.parseInt(wh[1].trim());
                        CameraSimulator.builder().resolution(w, h); // validates now, not at start
                        look.add(b -> b.resolution(w, h));
                    }
                    case "--max-sessions" -> {
                        int n = Integer.parseInt(val);
                        look.add(b -> b.maxSessions(n));
                    }
                    case "--codec" -> {
                        if (!val.equalsIgnoreCase("h264")) {
                            throw new IllegalArgumentException("--codec " + val + " is not supported: the bundled ffmpeg has no"
                                    + " software HEVC encoder (H.264 only)");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + opt);
                }
            }
            return new Options(bind, rtsp, mjpeg, cameras, mix, List.copyOf(look));
        }

        static Map<String, Integer> parseMix(String s) {
            Map<String, Integer> mix = new LinkedHashMap<>();
            for (String part : s.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] kv = part.trim().split("=", 2);
                Fault f = Fault.byPath(kv[0].trim());
                if (f == null) {
                    throw new IllegalArgumentException("unknown fault '" + kv[0].trim() + "'");
                }
                mix.put(f.path(), kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1);
            }
            return mix;
        }
    }
}
