package dev.streampulse.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code streampulse simulate [--rtsp-port 8554] [--mjpeg-port 8081] [--cameras N]
 * [--fault-mix "refused=2,blackhole=1,frozen=3"] [--bind 127.0.0.1]}: serves a camera farm, prints
 * a ready {@code streams:} list for config.yaml, and runs until Ctrl-C.
 *
 * <p>Healthy cameras alternate protocols: odd {@code camK} on RTSP, even on MJPEG. The i-th camera
 * of a fault is {@code /<fault>/<i>}, also alternating RTSP (odd i) and MJPEG (even i).
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        Options o;
        SimOnvif.Options onvif;
        try {
            onvif = SimOnvif.extract(args);
            o = Options.parse(onvif.rest());
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.println("usage: simulate [--rtsp-port 8554] [--mjpeg-port 8081] [--cameras N]"
                    + " [--fault-mix \"refused=2,blackhole=1,frozen=3\"] [--bind 127.0.0.1]"
                    + " [--onvif-port 8000 [--onvif-discovery-port 3702]]");
            System.exit(2);
            return;
        }
        CameraSimulator sim = CameraSimulator.builder().bind(o.bind).rtspPort(o.rtspPort).mjpegPort(o.mjpegPort).start();
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
            if (fault == Fault.FROZEN || fault == Fault.FROZEN_CLOCK || fault == Fault.BLACK || fault == Fault.UNIFORM) {
                ClipLibrary.Id id = ClipLibrary.Id.valueOf(fault.name());
                ClipLibrary.video(id);
                ClipLibrary.jpeg(id);
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

    record Options(String bind, int rtspPort, int mjpegPort, int cameras, Map<String, Integer> faultMix) {

        static Options parse(String[] args) {
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
                    default -> throw new IllegalArgumentException("unknown option " + opt);
                }
            }
            return new Options(bind, rtsp, mjpeg, cameras, mix);
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
