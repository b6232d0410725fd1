package dev.streampulse.onvif;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class StreamEntryTest {
    @Test
    void theLoginGoesIntoTheStreamUriPercentEncoded() {
        SoapClient.Credentials c = new SoapClient.Credentials("ad@min", "p:ss w/rd");
        assertEquals("rtsp://ad%40min:p%3Ass%20w%2Frd@10.0.0.5:554/Streaming/Channels/101",
                StreamEntry.withCredentials("rtsp://10.0.0.5:554/Streaming/Channels/101", c));
        // a camera that already put a login in its URI keeps it; no credentials, no change
        assertEquals("rtsp://u:p@10.0.0.5/x", StreamEntry.withCredentials("rtsp://u:p@10.0.0.5/x", c));
        assertEquals("rtsp://10.0.0.5/x", StreamEntry.withCredentials("rtsp://10.0.0.5/x", null));
    }
}
