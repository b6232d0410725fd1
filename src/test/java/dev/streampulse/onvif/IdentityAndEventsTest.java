package dev.streampulse.onvif;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.HealthSettings;
import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a camera again by identity after it moved, and the camera's own health events (loopback only). */
class IdentityAndEventsTest {
    static final SoapClient.Credentials ADMIN = new SoapClient.Credentials("admin", "secret");

    static SimDevice device(String id, String uri, boolean tamper) {
        return new SimDevice(id, List.of(new SimDevice.Profile("main", "MainStream", "H264", 640, 360, 10, uri)), tamper);
    }

    @Test
    void aCameraThatMovedToAnotherAddressIsFoundBySerialWithItsNewStreamUri() throws Exception {
        OnvifIdentity id;
        int oldDiscovery;
        try (OnvifSimulator before = OnvifSimulator.builder(List.of(device("cam1", "rtsp://127.0.0.1:1/cam1", false),
                device("cam2", "rtsp://127.0.0.1:1/cam2", false))).discoveryPort(0).start()) {
            CameraFacts f = new OnvifCamera(before.deviceUrl("cam1"), ADMIN, Duration.ofSeconds(5), Instant::now).facts();
            id = OnvifIdentity.of(f, before.devices().get(0).endpoint(), f.profiles().get(0));
            oldDiscovery = before.discoveryPort();
        }
        // DHCP gave it 127.0.0.2; its neighbour there is another camera
        try (OnvifSimulator after = OnvifSimulator.builder(List.of(device("cam9", "rtsp://127.0.0.2:1/cam9", false),
                device("cam1", "rtsp://127.0.0.2:1/cam1", false))).bind("127.0.0.2").discoveryPort(0).start()) {
            List<InetSocketAddress> targets = List.of(new InetSocketAddress("127.0.0.1", oldDiscovery),
                    new InetSocketAddress("127.0.0.2", after.discoveryPort()));
            CameraLocator locator = new CameraLocator(ADMIN, Duration.ofSeconds(5), Instant::now);
            Optional<CameraLocator.Located> found = locator.locate(id, targets, Duration.ofMillis(1200));
            assertTrue(found.isPresent());
            assertEquals(after.deviceUrl("cam1"), found.get().deviceUrl());
            assertTrue(found.get().deviceUrl().startsWith("http://127.0.0.2:"));
            assertEquals("rtsp://127.0.0.2:1/cam1", found.get().streamUri());
            assertNotEquals(id.deviceUrl(), found.get().deviceUrl());

            OnvifIdentity gone = new OnvifIdentity("NO-SUCH-SERIAL", null, null, "main", id.deviceUrl());
            assertEquals(Optional.empty(), locator.locate(gone, targets, Duration.ofMillis(600)));
        }
    }

    @Test
    void aTamperEventArrivesWithinOnePullAndOnlyOnce() throws Exception {
        try (OnvifSimulator sim = OnvifSimulator.builder(List.of(device("black-1", "rtsp://127.0.0.1:1/black/1", true))).start();
             EventWatcher w = new EventWatcher(new OnvifCamera(sim.deviceUrl("black-1"), ADMIN, Duration.ofSeconds(5), Instant::now),
                     Duration.ofSeconds(1), Duration.ofMinutes(5))) {
            List<CameraEvent> first = w.poll();
            assertEquals(1, first.size(), first.toString());
            assertEquals(EventTopics.Kind.TAMPER, first.get(0).kind());
            assertEquals(List.of(), w.poll());
        }
    }

    @Test
    void initialStatesAreNotNewsButAChangedRebootTimeIs() throws Exception {
        List<CameraEvent> initial = OnvifParsers.pullMessages(CapturedAnswersTest.body("ex_onvif/pull_messages.xml"));
        EventWatcher w = new EventWatcher(null, Duration.ofSeconds(1), Duration.ofMinutes(1));
        // the Hikvision capture: tamper=false, image-too-dark=false, last reboot … all "Initialized"
        assertEquals(List.of(), w.select(initial));
        CameraEvent reboot = initial.stream().filter(e -> e.kind() == EventTopics.Kind.REBOOT && e.topic().endsWith("LastReboot"))
                .findFirst().orElseThrow();
        CameraEvent again = new CameraEvent(reboot.time(), reboot.topic(), reboot.kind(), null, reboot.source(),
                java.util.Map.of("Status", "2025-04-19T03:00:00Z"), "Initialized");
        assertEquals(List.of(again), w.select(List.of(again)), "a resubscription that shows a newer reboot time reports it");
        assertEquals(List.of(), w.select(List.of(again)));
        CameraEvent tamperOn = initial.stream().filter(e -> e.kind() == EventTopics.Kind.TAMPER).findFirst().orElseThrow();
        CameraEvent changed = new CameraEvent(tamperOn.time(), tamperOn.topic(), tamperOn.kind(), true, tamperOn.source(),
                java.util.Map.of("IsTamper", "true"), "Changed");
        assertEquals(List.of(changed), w.select(List.of(changed)));
    }

    @Test
    void expectationComesFromTheEncoderAndClockDriftIsFlaggedAgainstALimit() throws Exception {
        try (OnvifSimulator sim = OnvifSimulator.builder(List.of(device("cam1", "rtsp://127.0.0.1:1/cam1", false)))
                .clockSkew(Duration.ofSeconds(90)).start()) {
            CameraFacts f = new OnvifCamera(sim.deviceUrl("cam1"), ADMIN, Duration.ofSeconds(5), Instant::now).facts();
            assertEquals(new HealthSettings.ExpectedProfile("h264", 640, 360, null), ExpectedFromEncoder.of(f.profiles().get(0)));
            assertTrue(f.clockDrifted(Duration.ofSeconds(60)));
            assertFalse(f.clockDrifted(Duration.ofSeconds(120)));
        }
        assertEquals("hevc", ExpectedFromEncoder.codec("H265"));
        assertEquals("mjpeg", ExpectedFromEncoder.codec("JPEG"));
        assertNull(ExpectedFromEncoder.codec("G711"));
    }
}
