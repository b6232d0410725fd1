package dev.streampulse;

import dev.streampulse.config.AppConfig;
import dev.streampulse.sim.CameraSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the built-in demo camera (the simulator, loopback only) that the default config points at. */
final class DemoCamera {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCamera.class);

    private DemoCamera() {}

    static AutoCloseable start(AppConfig.DemoCamera demo) {
        try {
            CameraSimulator sim = CameraSimulator.builder()
                    .bind("127.0.0.1")
                    .rtspPort(demo.rtspPort())
                    .mjpegPort(demo.mjpegPort())
                    .start();
            LOG.info("Demo camera serving rtsp://127.0.0.1:{}/cam1 and http://127.0.0.1:{}/cam1",
                    sim.rtspPort(), sim.mjpegPort());
            return sim;
        } catch (Exception e) {
            // a taken port must not stop the monitor: the demo streams will then read REFUSED or worse
            LOG.warn("Demo camera could not start on ports {}/{}: {}", demo.rtspPort(), demo.mjpegPort(), e.toString());
            return () -> {};
        }
    }
}
