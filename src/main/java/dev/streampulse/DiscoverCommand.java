package dev.streampulse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.onvif.CameraReport;
import dev.streampulse.onvif.Discovery;
import dev.streampulse.onvif.ProbeMatch;
import dev.streampulse.onvif.SoapClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code java -jar streampulse.jar discover [--address A|A:PORT|CIDR]… [--user U --password-stdin]
 * [--json|--yaml] [--wait SECONDS] [--ntp HOST]…}: finds ONVIF cameras (multicast on the LAN, or
 * directed probes to the given addresses) and prints each one's identity, clock offset and media
 * profiles with their stream URIs; {@code --yaml} prints them as config.yaml {@code streams:} entries
 * instead (login in the URL, ONVIF identity in labels, {@code expect:} from the encoder). No Camel.
 * The password comes from stdin, never from the command line; only {@code --yaml} prints it back.
 * Exit status: 0 all cameras answered, 1 none found, 3 some could not be read (each says why).
 */
public final class DiscoverCommand {
    static final String USAGE = "Usage: java -jar streampulse.jar discover [--address A|A:PORT|CIDR]... [--user U --password-stdin]"
            + " [--json|--yaml] [--wait SECONDS] [--ntp HOST]...";

    private DiscoverCommand() {
    }

    public static void main(String[] args) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, stdin, System.out, System.err));
    }

    static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
        List<String> addresses = new ArrayList<>();
        List<String> ntp = new ArrayList<>();
        String user = null;
        boolean passwordStdin = false;
        boolean json = false;
        boolean yaml = false;
        double waitSeconds = 2;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--address" -> addresses.add(value(args, ++i));
                    case "--user" -> user = value(args, ++i);
                    case "--password-stdin" -> passwordStdin = true;
                    case "--json" -> json = true;
                    case "--yaml" -> yaml = true;
                    case "--wait" -> waitSeconds = Double.parseDouble(value(args, ++i));
                    case "--ntp" -> ntp.add(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (passwordStdin && user == null) {
                throw new IllegalArgumentException("--password-stdin needs --user");
            }
        } catch (IllegalArgumentException e) {
            err.println("discover: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        SoapClient.Credentials credentials = null;
        if (user != null) {
            String password = "";
            if (passwordStdin) {
                try {
                    String line = in.readLine();
                    password = line == null ? "" : line;
                } catch (IOException e) {
                    err.println("discover: cannot read the password from stdin: " + e.getMessage());
                    return 2;
                }
            }
            credentials = new SoapClient.Credentials(user, password);
        }
        CorrectedClock clock = new CorrectedClock(ntp);
        if (!ntp.isEmpty()) {
            clock.sync();
        }
        Supplier<Instant> ourClock = () -> Instant.ofEpochMilli(clock.now());
        Duration wait = Duration.ofMillis((long) (waitSeconds * 1000));

        List<ProbeMatch> found;
        try {
            if (addresses.isEmpty()) {
                found = Discovery.multicast(wait);
            } else {
                List<InetSocketAddress> targets = new ArrayList<>();
                for (String a : addresses) {
                    targets.addAll(Discovery.targets(a));
                }
                found = Discovery.directed(targets, null, wait);
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("discover: " + e.getMessage());
            return 2;
        }

        List<Map<String, Object>> cameras = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        boolean failed = false;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, found.size())));
        try {
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            for (ProbeMatch m : found) {
                SoapClient.Credentials c = credentials;
                results.add(pool.submit(() -> CameraReport.describe(m, c, ourClock, entries)));
            }
            for (Future<Map<String, Object>> f : results) {
                Map<String, Object> cam = f.get();
                failed |= cam.containsKey("error");
                cameras.add(cam);
            }
        } catch (Exception e) {
            err.println("discover: " + e);
            return 2;
        } finally {
            pool.shutdownNow();
        }
        if (yaml) {
            out.println("streams:");
            java.util.Set<String> names = new java.util.HashSet<>();
            synchronized (entries) {
                for (String e : entries) {
                    out.print(unique(e, names));
                }
            }
        } else if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("clock", clock.source());
            doc.put("cameras", cameras);
            try {
                out.println(new ObjectMapper()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            } catch (IOException e) {
                err.println("discover: " + e.getMessage());
                return 2;
            }
        } else {
            printText(out, cameras, clock.source());
        }
        if (found.isEmpty()) {
            err.println("discover: no ONVIF camera answered" + (addresses.isEmpty() ? " (multicast; try --address for networks that block it)" : ""));
            return 1;
        }
        return failed ? 3 : 0;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintStream out, List<Map<String, Object>> cameras, String clock) {
        for (Map<String, Object> c : cameras) {
            out.println(c.get("address") + "  " + c.get("deviceUrl"));
            if (c.containsKey("error")) {
                out.println("  error: " + c.get("error"));
                continue;
            }
            out.println("  " + c.get("manufacturer") + " " + c.get("model") + "  firmware " + c.get("firmware")
                    + "  serial " + c.get("serial") + "  hardware " + c.get("hardwareId") + "  MAC " + c.get("mac"));
            out.println("  clock: camera " + c.get("cameraTime") + ", offset " + c.get("clockOffsetMs") + " ms against our " + clock + " clock");
            for (Map<String, Object> p : (List<Map<String, Object>>) c.get("profiles")) {
                out.println("  profile " + p.get("token") + " (" + p.get("name") + "): " + p.get("codec") + " " + p.get("width") + "x"
                        + p.get("height") + " @ " + p.get("fps") + " fps  " + p.get("streamUri"));
            }
        }
    }

    /** Config names must be unique: a second "Gate MainStream" becomes "Gate MainStream 2". */
    static String unique(String entry, java.util.Set<String> names) {
        int q = entry.indexOf('"') + 1;
        int end = entry.indexOf("\"\n", q);
        String name = entry.substring(q, end);
        String n = name;
        for (int i = 2; !names.add(n); i++) {
            n = name + " " + i;
        }
        return entry.substring(0, q) + n + entry.substring(end);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value for " + args[i - 1]);
        }
        return args[i];
    }
}
