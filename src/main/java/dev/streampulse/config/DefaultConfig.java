package dev.streampulse.config;

/**
 * The config written on first run: one demo camera served in-process, so the dashboard shows life at once.
 * The values it shows are the records' defaults.
 */
public final class DefaultConfig {
    private DefaultConfig() {}

    public static String text() {
        return """
                # StreamPulse configuration. Edited live: saved changes apply without a restart.
                heartbeat_seconds: %1$d
                timezone: %2$s
                # NTP servers to correct the clock with, e.g. [pool.ntp.org]; none = system clock.
                ntp_servers: []
                probe:
                  max_concurrency: %3$d # probes at once at most; the pools follow what the cameras need
                  per_host_limit: %4$d    # sessions open at once to one camera (Tapo allows ~2)
                # NVRs and restreamers (go2rtc, MediaMTX, Frigate) serve many cameras on one address:
                # each stream path counts as a camera, and the host gets its own cap.
                # hosts:
                #   192.168.1.5: {max_sessions: 16}
                # The built-in demo camera (a simulator on 127.0.0.1). Remove this block and the
                # demo streams once you add your own cameras.
                demo:
                  rtsp_port: %5$d
                  mjpeg_port: %6$d
                streams:
                  - name: DemoCamera
                    url: rtsp://127.0.0.1:%5$d/cam1
                  - name: DemoMotionEye
                    url: http://127.0.0.1:%6$d/cam2
                # - name: GateCamera
                #   url: rtsp://user:pass@192.168.1.10:554/stream1
                #   timeout_seconds: %7$d
                #   labels: {site: gate}
                #   static_scene: true     # the picture never changes: never report it FROZEN
                #   expect: {codec: h264, width: 1920, height: 1080}   # else PROFILE_CHANGED
                # How beats become states (defaults shown; each key can also be set per stream):
                # health:
                #   fail_threshold: %8$d      # bad beats in a row before UP turns DEGRADED/DOWN
                #   recover_threshold: %9$d   # better beats in a row before the state improves
                #   frozen_after: %10$d        # beats showing the same picture = FROZEN
                #   latency_warn_ms: %11$d  # slower first frame = SLOW (DEGRADED); 0 = off
                #   ignore: []             # conditions not reported: black (no IR at night), uniform, frozen, slow
                # retention_days: %12$d          # raw beats
                # rollup_retention_days: %13$d  # hourly rollups and events
                # evidence_files: %14$d         # JPEGs kept in data_dir/evidence; 0 = none
                # Times when streams are expected to be off: PAUSED, no alerts, not in uptime.
                # maintenance:
                #   - {streams: [GateCamera], days: [sun], start: "03:00", end: "03:30"}
                #   - {from: 2026-12-01T02:00, to: 2026-12-01T04:00}   # all streams
                # Alerts: any Camel endpoint URI; events: down, up, degraded, frozen, black, uniform,
                # slow, paused, unknown, profile_changed or a failure reason (timeout, auth, ...).
                # alerts:
                #   - name: phone
                #     uri: "netty-http:https://ntfy.sh/my-cams"
                #     events: [down, frozen, black]
                #     min_interval_seconds: 300
                #   - name: home-assistant
                #     uri: "paho:streampulse?brokerUrl=tcp://192.168.1.2:1883&retained=true&qos=1"
                #     topic: "streampulse/{stream}/availability"   # retained online/offline
                """.formatted(AppConfig.DEFAULT_HEARTBEAT_SECONDS, AppConfig.DEFAULT_TIMEZONE.getId(),
                ProbeSettings.DEFAULT.concurrency(), ProbeSettings.DEFAULT.perHostLimit(),
                AppConfig.DemoCamera.DEFAULT.rtspPort(), AppConfig.DemoCamera.DEFAULT.mjpegPort(), StreamConfig.DEFAULT_TIMEOUT_SECONDS,
                HealthSettings.DEFAULT.failThreshold(), HealthSettings.DEFAULT.recoverThreshold(), HealthSettings.DEFAULT.frozenAfter(),
                HealthSettings.DEFAULT.latencyWarnMs(), AppConfig.DEFAULT_RETENTION_DAYS, AppConfig.DEFAULT_ROLLUP_RETENTION_DAYS,
                AppConfig.DEFAULT_EVIDENCE_FILES);
    }
}
