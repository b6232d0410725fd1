package dev.streampulse.sim;

import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code simulate --onvif-port P [--onvif-discovery-port 3702]} hook: ONVIF services for the
 * farm's cameras. Each camera (healthy {@code camK} and each fault camera served over RTSP) is an
 * ONVIF device whose stream URI is its RTSP path; black and uniform cameras (a covered or sprayed
 * lens) report a tamper event.
 */
public final class SimOnvif {

    /** The ONVIF options, taken out of the simulator's command line. */
    record Options(int httpPort, int discoveryPort, String[] rest) {
    }

    private SimOnvif() {
    }

    static Options extract(String[] args) {
        int http = -1;
        int discovery = 3702;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--onvif-port") || a.equals("--onvif-discovery-port")) && i + 1 < args.length) {
                int v = Integer.parseInt(args[++i]);
                if (a.equals("--onvif-port")) {
                    http = v;
                } else {
                    discovery = v;
                }
            } else if (a.startsWith("--onvif-port=")) {
                http = Integer.parseInt(a.substring("--onvif-port=".length()));
            } else if (a.startsWith("--onvif-discovery-port=")) {
                discovery = Integer.parseInt(a.substring("--onvif-discovery-port=".length()));
            } else {
                rest.add(a);
            }
        }
        return new Options(http, discovery, rest.toArray(String[]::new));
    }

    /** The ONVIF devices of a farm printed by {@link SimulatorMain#printFleet}. */
    public static List<SimDevice> devices(CameraSimulator sim, int cameras, Map<String, Integer> faultMix) {
        List<SimDevice> out = new ArrayList<>();
        for (int k = 1; k <= cameras; k++) {
            out.add(device("cam" + k, sim.rtspUrl("cam" + k), sim.width(), sim.height(), false));
        }
        for (Map.Entry<String, Integer> e : faultMix.entrySet()) {
            Fault f = Fault.byPath(e.getKey());
            if (f == null || f == Fault.REFUSED) {
                continue;
            }
            for (int i = 1; i <= e.getValue(); i++) {
                out.add(device(f.path() + "-" + i, sim.rtspUrl(f.path() + "/" + i), 640, 360, f == Fault.BLACK || f == Fault.UNIFORM));
            }
        }
        return out;
    }

    private static SimDevice device(String id, String rtsp, int width, int height, boolean tamper) {
        return new SimDevice(id, List.of(new SimDevice.Profile("main", "MainStream", "H264", width, height,
                ClipLibrary.FPS, rtsp)), tamper);
    }

    /** Starts the ONVIF services on the simulator's bind address with its credentials. */
    public static OnvifSimulator start(CameraSimulator sim, int cameras, Map<String, Integer> faultMix, int httpPort,
                                       int discoveryPort) throws IOException {
        return OnvifSimulator.builder(devices(sim, cameras, faultMix)).bind(sim.host()).httpPort(httpPort)
                .discoveryPort(discoveryPort).credentials(sim.username(), sim.password()).clockSkew(Duration.ZERO).start();
    }
}
