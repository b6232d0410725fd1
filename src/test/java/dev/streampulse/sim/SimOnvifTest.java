package dev.streampulse.sim;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.sim.onvif.SimDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimOnvifTest {
    @Test
    void onvifOptionsAreTakenOutAndTheRestLeftForTheSimulator() {
        SimOnvif.Options o = SimOnvif.extract(new String[] {"--cameras", "3", "--onvif-port=8090", "--onvif-discovery-port", "0", "--bind", "127.0.0.1"});
        assertEquals(8090, o.httpPort());
        assertEquals(0, o.discoveryPort());
        assertEquals(List.of("--cameras", "3", "--bind", "127.0.0.1"), List.of(o.rest()));
        SimOnvif.Options off = SimOnvif.extract(new String[] {"--cameras", "2"});
        assertEquals(-1, off.httpPort(), "off by default");
        assertEquals(3702, off.discoveryPort());
    }

    @Test
    void everyCameraOfTheFarmIsADeviceAndCoveredLensesAreTampered() {
        CameraSimulator sim = dev.streampulse.testing.SharedCameras.get();
        Map<String, Integer> mix = new LinkedHashMap<>();
        mix.put("black", 1);
        mix.put("refused", 2);
        mix.put("frozen", 1);
        List<SimDevice> d = SimOnvif.devices(sim, 2, mix);
        assertEquals(List.of("cam1", "cam2", "black-1", "frozen-1"), d.stream().map(SimDevice::id).toList());
        assertEquals(sim.rtspUrl("black/1"), d.get(2).profiles().get(0).rtspUri());
        assertEquals(List.of(false, false, true, false), d.stream().map(SimDevice::tamper).toList());
    }
}
