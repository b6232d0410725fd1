package dev.streampulse;

import dev.streampulse.sim.SimulatorMain;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar streampulse.jar [run|monitor|web|simulate|bench] [--config data/config.yaml] [--port 8000] [--host 0.0.0.0]},
 * or {@code user add|list|del|passwd|role …} to manage web users without starting Camel, or
 * {@code discover [--address A] [--user U --password-stdin] [--json]} to find ONVIF cameras.
 */
public final class StreamPulse {
    static final String BENCH_MAIN = "dev.streampulse.bench.Bench";

    private StreamPulse() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 && !args[0].startsWith("-") ? args[0].toLowerCase(Locale.ROOT) : "run";
        String[] rest = args.length > 0 && !args[0].startsWith("-") ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (mode) {
            case "simulate" -> SimulatorMain.main(rest);
            case "bench" -> bench(rest);
            case "user" -> UserCommand.main(rest);
            case "discover" -> DiscoverCommand.main(rest);
            case "run", "monitor", "web" -> serve(Mode.valueOf(mode.toUpperCase(Locale.ROOT)), rest);
            default -> {
                System.err.println("Unknown mode '" + mode + "'. Usage: java -jar streampulse.jar "
                        + "[run|monitor|web|simulate|bench] [--config data/config.yaml] [--port 8000] [--host 0.0.0.0]\n"
                        + "       " + UserCommand.USAGE.substring("Usage: ".length()) + "\n"
                        + "       " + DiscoverCommand.USAGE.substring("Usage: ".length()));
                System.exit(2);
            }
        }
    }

    /**
     * The benchmark is not part of the product: it lives in streampulse-bench.jar, which this jar's
     * manifest puts on the class path when the file lies beside it.
     */
    private static void bench(String[] args) throws Exception {
        Class<?> bench;
        try {
            bench = Class.forName(BENCH_MAIN);
        } catch (ClassNotFoundException e) {
            System.err.println("The benchmark is not installed: it runs from streampulse-bench.jar beside streampulse.jar "
                    + "(mvn -B package builds both into target/).");
            System.exit(2);
            return;
        }
        try {
            bench.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    private static void serve(Mode mode, String[] args) throws Exception {
        String config = System.getenv().getOrDefault("STREAMPULSE_CONFIG", "data/config.yaml");
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) config = args[i + 1];
            // a second process on the same host (monitor beside web) needs its own port for /observe/health
            if (args[i].equals("--port")) overrides.put("camel.server.port", args[i + 1]);
            if (args[i].equals("--host")) overrides.put("camel.server.host", args[i + 1]);
        }
        StreamPulseApp app = StreamPulseApp.start(mode, Path.of(config), overrides);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
