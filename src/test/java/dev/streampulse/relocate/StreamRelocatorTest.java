package dev.streampulse.relocate;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.clock.CorrectedClock;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.sim.CameraSimulator;
import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import dev.streampulse.testing.SharedCameras;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A camera that moved from 127.0.0.1 to 127.0.0.2 (new RTSP and ONVIF ports) is found by serial and its config rewritten. */
class StreamRelocatorTest {

    static SimDevice cam(String uri) {
        return new SimDevice("cam1", List.of(new SimDevice.Profile("main", "MainStream", "H264", 640, 360, 10, uri)), false);
    }

    @Test
    void aMovedCameraIsFoundBySerialAndItsStreamRewrittenWithItsLoginKept() throws Exception {
        CameraSimulator before = SharedCameras.get();
        String config;
        int oldDiscovery;
        try (OnvifSimulator onvif = OnvifSimulator.builder(List.of(cam(before.rtspUrl("cam1")))).discoveryPort(0).start()) {
            oldDiscovery = onvif.discoveryPort();
            config = """
                    # the gate camera (DHCP)
                    streams:
                      - name: Gate
                        url: %s
                        labels: {onvif_device: "%s", onvif_serial: "%s", onvif_profile: main}
                    """.formatted(before.rtspUrl("cam1", "admin", "secret"), onvif.deviceUrl("cam1"), onvif.devices().get(0).serial());
        }
        try (CameraSimulator after = CameraSimulator.builder().instant().bind("127.0.0.2").rtspPort(0).mjpegPort(-1).start();
             OnvifSimulator onvif = OnvifSimulator.builder(List.of(cam(after.rtspUrl("cam1")))).bind("127.0.0.2").discoveryPort(0).start()) {
            AppConfig c = ConfigLoader.parse(config, Path.of("/tmp/relocate/config.yaml"));
            StreamConfig gate = c.streams().get(0);
            StreamRelocator relocator = new StreamRelocator(Instant::now, Duration.ofMillis(1200));
            Optional<StreamRelocator.Move> move = relocator.find(gate, List.of(new InetSocketAddress("127.0.0.1", oldDiscovery),
                    new InetSocketAddress("127.0.0.2", onvif.discoveryPort())));
            assertTrue(move.isPresent());
            assertEquals(after.rtspUrl("cam1", "admin", "secret"), move.get().newUrl());
            assertEquals(onvif.deviceUrl("cam1"), move.get().newDevice());
            assertEquals("127.0.0.1:" + before.rtspPort() + " → 127.0.0.2:" + after.rtspPort(), move.get().describe());

            String text = StreamRelocator.apply(config, move.get());
            assertTrue(text.startsWith("# the gate camera (DHCP)"), "comments stay");
            StreamConfig moved = ConfigLoader.parse(text, Path.of("/tmp/relocate/config.yaml")).streams().get(0);
            assertEquals("Gate", moved.name(), "same name, same history");
            assertEquals(after.rtspUrl("cam1", "admin", "secret"), moved.url());
            assertEquals(onvif.deviceUrl("cam1"), moved.labels().get("onvif_device"));
            FrameProbe.Result r = new FrameProbe(new CorrectedClock(List.of()), 0).run(moved.url(), 5, false);
            assertTrue(r.ok(), () -> r.reason() + " " + r.detail());
        }
    }

    @Test
    void withoutIdentityNothingIsSearchedAndAnUnwrittenUrlIsNotGuessed() throws Exception {
        StreamConfig plain = new StreamConfig("Plain", "rtsp://127.0.0.1:1/x", true, 10, 5, Map.of());
        assertEquals(Optional.empty(), new StreamRelocator(Instant::now, Duration.ofMillis(100)).find(plain, List.of()));
        StreamRelocator.Move m = new StreamRelocator.Move("Gate", "rtsp://a/1", "rtsp://b/1", "http://a/d", "http://b/d");
        assertThrows(IllegalArgumentException.class, () -> StreamRelocator.apply("streams: []\n", m));
        assertEquals(254, StreamRelocator.around("10.1.2.3").size());
        assertEquals("rtsp://u:p@10.0.0.7:554/s", StreamRelocator.newUrl("rtsp://u:p@10.0.0.5:554/s", "rtsp://10.0.0.7:554/s"));
    }
}
