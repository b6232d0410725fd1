package dev.streampulse.alarms;

import static org.junit.jupiter.api.Assertions.*;

import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.onvif.CameraEvent;
import dev.streampulse.onvif.EventTopics;
import dev.streampulse.onvif.OnvifLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CameraAlarmsTest {

    static StreamConfig stream(String url, Map<String, String> labels) {
        return new StreamConfig("Gate", url, true, 10, 5, labels);
    }

    @Test
    void identityAndLoginComeFromTheStreamsLabelsAndUrl() {
        StreamConfig s = stream("rtsp://ad%40min:p%3Ass@10.0.0.5:554/Streaming/Channels/101",
                Map.of("onvif_device", " http://10.0.0.5/onvif/device_service ", "onvif_serial", "DS-1", "onvif_profile", "Profile_1"));
        assertEquals(new OnvifLabels("http://10.0.0.5/onvif/device_service", "DS-1", "Profile_1"), OnvifLabels.of(s));
        assertEquals("ad@min", OnvifLabels.credentials(s).user());
        assertEquals("p:ss", OnvifLabels.credentials(s).password());
        assertNull(OnvifLabels.of(stream("rtsp://10.0.0.5/x", Map.of())));
        assertNull(OnvifLabels.credentials(stream("rtsp://10.0.0.5/x", Map.of())));
    }

    @Test
    void aCameraEventIsTheStreamsEventAtItsCurrentStateAndMatchesOnlyCameraAlertNames() {
        CameraAlarms alarms = new CameraAlarms(List::of, null, name -> StreamState.DOWN, () -> 42L, () -> java.time.Duration.ofSeconds(30));
        CameraEvent tamper = new CameraEvent(Instant.ofEpochMilli(1000), "VideoSource/GlobalSceneChange/ImagingService",
                EventTopics.Kind.TAMPER, true, Map.of("Source", "vs0"), Map.of("State", "true"), "Changed");
        HealthEvent e = alarms.toEvent("Gate", tamper);
        assertEquals(new HealthEvent(0, "Gate", 42, HealthEvent.CAMERA, StreamState.DOWN, StreamState.DOWN, "CAMERA_TAMPER",
                "VideoSource/GlobalSceneChange/ImagingService (on) [vs0]", null, null), e);
        // an alert on "down" must not fire because a camera reported tampering while the stream was down
        assertEquals(Set.of("camera_event", "camera_tamper"), e.names());
        alarms.close();
    }
}
