package dev.streampulse.testing;

import dev.streampulse.sim.CameraSimulator;
import java.time.Duration;

/**
 * One simulator for the whole test JVM: clips are encoded once, and every test's cameras live on
 * 127.0.0.1. Closed by the JVM at exit.
 */
public final class SharedCameras {
    private static CameraSimulator sim;

    private SharedCameras() {}

    public static synchronized CameraSimulator get() {
        if (sim == null) {
            sim = CameraSimulator.builder().instant()
                    .bind("127.0.0.1")
                    .rtspPort(0)
                    .mjpegPort(0)
                    .openDelay(Duration.ofSeconds(1))
                    .switchAfter(Duration.ofSeconds(3))
                    .start();
            CameraSimulator s = sim;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "sim-stop"));
        }
        return sim;
    }
}
