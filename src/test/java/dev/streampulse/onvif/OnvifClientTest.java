package dev.streampulse.onvif;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.sim.onvif.OnvifSimulator;
import dev.streampulse.sim.onvif.SimDevice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ONVIF client against the simulator's ONVIF services on 127.0.0.1 (discovery by directed unicast only). */
class OnvifClientTest {
    static final Duration SKEW = Duration.ofSeconds(90);
    static OnvifSimulator sim;
    static OnvifSimulator digestOnly;
    static final SimDevice CAM1 = device("cam1", false);
    static final SimDevice TAMPERED = device("black-1", true);

    static SimDevice device(String id, boolean tamper) {
        return new SimDevice(id, List.of(
                new SimDevice.Profile("main", "MainStream", "H264", 640, 360, 10, "rtsp://127.0.0.1:1/" + id),
                new SimDevice.Profile("sub", "SubStream", "H264", 320, 180, 5, "rtsp://127.0.0.1:1/" + id + "-sub")), tamper);
    }

    @BeforeAll
    static void start() throws Exception {
        sim = OnvifSimulator.builder(List.of(CAM1, TAMPERED)).discoveryPort(0).clockSkew(SKEW).start();
        digestOnly = OnvifSimulator.builder(List.of(CAM1)).digestOnly(true).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
        digestOnly.close();
    }

    static OnvifCamera camera(OnvifSimulator s, String id, String user, String password) {
        return new OnvifCamera(s.deviceUrl(id), user == null ? null : new SoapClient.Credentials(user, password),
                Duration.ofSeconds(5), Instant::now);
    }

    @Test
    void directedProbeFindsEachCameraWithItsDeviceServiceAndScopes() throws Exception {
        List<ProbeMatch> found = Discovery.directed(List.of(new InetSocketAddress("127.0.0.1", sim.discoveryPort())),
                InetAddress.getByName("127.0.0.1"), Duration.ofMillis(1500));
        assertEquals(2, found.size(), found.toString());
        ProbeMatch m = found.stream().filter(p -> p.endpoint().equals(CAM1.endpoint())).findFirst().orElseThrow();
        assertEquals(List.of(sim.deviceUrl("cam1")), m.xaddrs());
        assertEquals("StreamPulse cam1", m.name());
        assertEquals("SPSIM-640x360", m.hardware());
        assertEquals("loopback", m.location());
        assertTrue(m.types().contains("dn:NetworkVideoTransmitter"));
        assertEquals("127.0.0.1", m.from());
    }

    @Test
    void directedProbeToASilentAddressEndsEmptyAtItsWait() throws Exception {
        long t0 = System.nanoTime();
        List<ProbeMatch> found = Discovery.directed(List.of(new InetSocketAddress("127.0.0.2", sim.discoveryPort())),
                InetAddress.getByName("127.0.0.1"), Duration.ofMillis(400));
        assertEquals(List.of(), found);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void factsComeFromTheDeviceAndMediaServices() throws Exception {
        CameraFacts f = camera(sim, "cam1", "admin", "secret").facts();
        assertEquals("StreamPulse", f.manufacturer());
        assertEquals("SimCam cam1", f.model());
        assertEquals("sim-1.0", f.firmware());
        assertEquals(CAM1.serial(), f.serial());
        assertEquals("SPSIM-640x360", f.hardwareId());
        assertEquals(CAM1.mac(), f.mac());
        // the camera runs 90 s ahead; ONVIF gives whole seconds
        assertTrue(Math.abs(f.clockOffsetMs() - SKEW.toMillis()) <= 1500, "offset " + f.clockOffsetMs());
        assertEquals(2, f.profiles().size());
        MediaProfile main = f.profiles().get(0);
        assertEquals(new MediaProfile("main", "MainStream", "H264", 640, 360, 10.0, "rtsp://127.0.0.1:1/cam1"), main);
        assertEquals("rtsp://127.0.0.1:1/cam1-sub", f.profiles().get(1).streamUri());
        assertTrue(f.eventsUrl().endsWith("/onvif/cam1/events_service"));
    }

    @Test
    void serialIsStableAndDiffersPerCamera() {
        assertEquals(device("cam1", false).serial(), CAM1.serial());
        assertNotEquals(CAM1.serial(), TAMPERED.serial());
        assertNotEquals(CAM1.mac(), TAMPERED.mac());
    }

    @Test
    void wrongPasswordInTheUsernameTokenReadsAsWrongCredentials() {
        OnvifException e = assertThrows(OnvifException.class, () -> camera(sim, "cam1", "admin", "nope").facts());
        assertEquals(OnvifException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("refused the credentials") && e.getMessage().contains("NotAuthorized"), e.getMessage());
        assertFalse(e.getMessage().contains("nope"));
    }

    @Test
    void noCredentialsReadAsMissingCredentials() {
        OnvifException e = assertThrows(OnvifException.class, () -> camera(sim, "cam1", null, null).facts());
        assertEquals(OnvifException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("none were given"), e.getMessage());
    }

    @Test
    void httpDigestCameraAcceptsTheRightPasswordAndRefusesAWrongOne() throws Exception {
        assertEquals(CAM1.serial(), camera(digestOnly, "cam1", "admin", "secret").facts().serial());
        OnvifException e = assertThrows(OnvifException.class, () -> camera(digestOnly, "cam1", "admin", "wrong").facts());
        assertEquals(OnvifException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("HTTP Digest"), e.getMessage());
    }

    @Test
    void aTamperedCameraReportsTamperOnTheFirstPull() throws Exception {
        try (PullPoint pp = camera(sim, "black-1", "admin", "secret").subscribe(Duration.ofMinutes(1))) {
            List<CameraEvent> events = pp.pull(Duration.ofSeconds(1), 10);
            assertEquals(1, events.size(), events.toString());
            CameraEvent e = events.get(0);
            assertEquals(EventTopics.Kind.TAMPER, e.kind());
            assertEquals("VideoSource/GlobalSceneChange/ImagingService", e.topic());
            assertEquals(Boolean.TRUE, e.active());
            assertNotNull(e.time());
            assertEquals(List.of(), pp.pull(Duration.ofSeconds(1), 10));
        }
        try (PullPoint healthy = camera(sim, "cam1", "admin", "secret").subscribe(Duration.ofMinutes(1))) {
            assertEquals(List.of(), healthy.pull(Duration.ofSeconds(1), 10));
        }
    }

    @Test
    void cidrRangesExpandToTheirHostsAndRefuseHugeOnes() throws Exception {
        List<InetSocketAddress> t = Discovery.targets("127.0.0.0/30");
        assertEquals(List.of("127.0.0.1", "127.0.0.2"), t.stream().map(a -> a.getAddress().getHostAddress()).toList());
        assertEquals(3702, t.get(0).getPort());
        assertEquals(4000, Discovery.targets("127.0.0.5:4000").get(0).getPort());
        assertEquals(254, Discovery.targets("10.1.2.3/24").size());
        assertThrows(IllegalArgumentException.class, () -> Discovery.targets("10.0.0.0/8"));
    }
}
