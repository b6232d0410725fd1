package dev.streampulse.web;

import dev.streampulse.StreamPulseApp;
import dev.streampulse.sim.onvif.OnvifSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What the ONVIF web tests share: a data folder, the app under test and an ONVIF simulator, closed after each test. */
abstract class OnvifWebFixture {
    @TempDir
    Path dir;
    StreamPulseApp app;
    OnvifSimulator onvif;

    @AfterEach
    void stop() {
        if (app != null) app.close();
        if (onvif != null) onvif.close();
    }
}
