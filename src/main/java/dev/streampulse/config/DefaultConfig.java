package dev.streampulse.config;

/** The config written on first run: one demo camera served in-process, so the dashboard shows life at once. */
public final class DefaultConfig {
    private DefaultConfig() {}

    public static String text() {
        return """
                # StreamPulse configuration. Edited live: saved changes apply without a restart.
                heartbeat_seconds: 15
                timezone: UTC
                # NTP servers to correct the clock with, e.g. [pool.ntp.org]; none = system clock.
                ntp_servers: []
                probe:
                  concurrency: 32      # probe threads
                  per_host_limit: 2    # sessions open at once to one camera (Tapo allows ~2)
                # The built-in demo camera (a simulator on 127.0.0.1). Remove this block and the
                # demo streams once you add your own cameras.
                demo:
                  rtsp_port: 8554
                  mjpeg_port: 8081
                streams:
                  - name: DemoCamera
                    url: rtsp://127.0.0.1:8554/cam1
                  - name: DemoMotionEye
                    url: http://127.0.0.1:8081/cam2
                # - name: GateCamera
                #   url: rtsp://user:pass@192.168.1.10:554/stream1
                #   timeout_seconds: 10
                #   labels: {site: gate}
                """;
    }
}
