package dev.streampulse.onvif;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Parsing against answers captured from real cameras, kept in src/test/resources/onvif/ (sources and
 * licences in SOURCES.md there): not the simulator's own shapes.
 */
class CapturedAnswersTest {

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = CapturedAnswersTest.class.getResourceAsStream("/onvif/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    static Element body(String name) throws Exception {
        return SoapClient.bodyOf(200, bytes(name), null);
    }

    @Test
    void milesightDeviceInformation() throws Exception {
        DeviceInformation d = OnvifParsers.deviceInformation(body("ex_onvif/get_device_information.xml"));
        assertEquals(new DeviceInformation("Milesight Technology Co.,Ltd.", "MS-C8165-PE", "61.8.0.3-r8", "EM82V102329001403", "V1.0"), d);
    }

    @Test
    void axisClockIsReadFromUtcNotFromLocalTime() throws Exception {
        // the camera is in BRT3 (local 16:49:06): the UTC element is the one that counts
        assertEquals(Instant.parse("2024-07-09T19:49:06Z"), OnvifParsers.systemDateAndTime(body("ex_onvif/get_system_date_and_time.xml")));
        assertEquals(Instant.parse("2014-12-24T19:14:37Z"), OnvifParsers.systemDateAndTime(body("agsh-onvif/GetSystemDateAndTime.xml")));
    }

    @Test
    void hikvisionStyleNetworkInterfaceGivesItsMac() throws Exception {
        assertEquals(List.of("28:57:BE:65:7D:D5"), OnvifParsers.macs(body("agsh-onvif/GetNetworkInterfaces.xml")));
    }

    @Test
    void capabilitiesAndServicesGiveTheMediaAndEventsAddresses() throws Exception {
        Map<String, String> caps = OnvifParsers.capabilities(body("agsh-onvif/GetCapabilities.xml"));
        assertEquals("http://192.168.68.111/onvif/services", caps.get("Media"));
        assertEquals("http://192.168.68.111/onvif/services", caps.get("Events"));
        Map<String, String> services = OnvifParsers.services(body("agsh-onvif/GetServices.xml"));
        assertEquals("http://192.168.68.111/onvif/services", services.get(OnvifCamera.TRT));
        assertEquals("http://192.168.68.111/onvif/services", services.get(OnvifCamera.TEV));
    }

    @Test
    void profileWithItsEncoderSettings() throws Exception {
        List<MediaProfile> p = OnvifParsers.profiles(body("agsh-onvif/GetProfiles.xml"));
        assertEquals(List.of(new MediaProfile("main", "main", "H264", 1920, 1080, 5.0, null)), p);
    }

    @Test
    void streamUriOfRtpUnicastOverRtsp() throws Exception {
        assertEquals("rtsp://192.168.68.111/h264main", OnvifParsers.streamUri(body("agsh-onvif/GetStreamUri.xml")));
    }

    @Test
    void probeMatchFromTheOnvifProgrammersGuideWithTwoAddressesAndMultiLineScopes() throws Exception {
        List<ProbeMatch> m = Discovery.parseAnswer(bytes("onvif-rs/probe_matches_apg.xml"), null, "192.168.1.24");
        assertEquals(1, m.size());
        ProbeMatch p = m.get(0);
        assertEquals("urn:uuid:a1f48ac2-dc8b-11df-b255-00408c1836b2", p.endpoint());
        assertEquals(List.of("http://169.254.76.145/onvif/services", "http://192.168.1.24/onvif/services"), p.xaddrs());
        assertEquals("VENDOR MODEL", p.name());
        assertEquals("MODEL", p.hardware());
        assertEquals("ANY", p.location());
        assertEquals(List.of("dn:NetworkVideoTransmitter"), p.types());
        // an answer to somebody else's probe is not ours
        assertEquals(List.of(), Discovery.parseAnswer(bytes("onvif-rs/probe_matches_apg.xml"), "urn:uuid:other", "x"));
        assertEquals(1, Discovery.parseAnswer(bytes("onvif-rs/probe_matches_apg.xml"), "uuid:84ede3de-7dec-11d0-c360-F01234567890", "x").size());
    }

    @Test
    void probeMatchWithEmptyLocationScope() throws Exception {
        ProbeMatch p = Discovery.parseAnswer(bytes("agsh-onvif/Probe.xml"), null, "x").get(0);
        assertEquals("uuid:c9790c3a-701b-464d-a189-0060351c8ada", p.endpoint());
        assertEquals("PREDATOR", p.name());
        assertEquals("HD_PREDATOR", p.hardware());
        assertNull(p.location());
    }

    @Test
    void hikvisionSubscriptionAndItsInitialEventsMappedToHealthKinds() throws Exception {
        assertEquals("http://192.168.8.120/onvif/Events/PullSubManager_20250415T164937Z_0",
                OnvifParsers.subscriptionAddress(body("ex_onvif/create_pull_point_subscription.xml")));
        List<CameraEvent> events = OnvifParsers.pullMessages(body("ex_onvif/pull_messages.xml"));
        CameraEvent tamper = events.stream().filter(e -> e.topic().equals("RuleEngine/TamperDetector/Tamper")).findFirst().orElseThrow();
        assertEquals(EventTopics.Kind.TAMPER, tamper.kind());
        assertEquals(Boolean.FALSE, tamper.active());
        assertEquals(Instant.parse("2025-04-18T20:34:05Z"), tamper.time());
        assertEquals("MyTamperDetectorRule", tamper.source().get("Rule"));
        CameraEvent reboot = events.stream().filter(e -> e.topic().equals("Monitoring/OperatingTime/LastReboot")).findFirst().orElseThrow();
        assertEquals(EventTopics.Kind.REBOOT, reboot.kind());
        assertEquals("2025-04-17T15:31:49Z", reboot.data().get("Status"));
        CameraEvent motion = events.stream().filter(e -> e.topic().equals("RuleEngine/CellMotionDetector/Motion")).findFirst().orElseThrow();
        assertNull(motion.kind(), "motion is not a health event");
        assertNull(events.stream().filter(e -> e.topic().equals("Monitoring/OperatingTime/LastClockSynchronization")).findFirst().orElseThrow().kind());
    }

    @Test
    void anInvalidArgumentFaultIsAFaultNotAnAuthenticationError() throws Exception {
        OnvifException e = assertThrows(OnvifException.class, () -> body("ex_onvif/soap_fault.xml"));
        assertEquals(OnvifException.Kind.FAULT, e.kind());
        assertTrue(e.getMessage().contains("ter:NoProfile") && e.getMessage().contains("Argument Value Invalid"), e.getMessage());
    }

    @Test
    void aNotAuthorizedFaultReadsAsWrongCredentials() {
        byte[] fault = ("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:ter=\"http://www.onvif.org/ver10/error\">"
                + "<SOAP-ENV:Body><SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value><SOAP-ENV:Subcode>"
                + "<SOAP-ENV:Value>ter:NotAuthorized</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code><SOAP-ENV:Reason>"
                + "<SOAP-ENV:Text xml:lang=\"en\">Sender not Authorized</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>")
                .getBytes();
        OnvifException e = assertThrows(OnvifException.class, () -> SoapClient.bodyOf(400, fault, new SoapClient.Credentials("admin", "x")));
        assertEquals(OnvifException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("user 'admin'"), e.getMessage());
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><a>&e;</a></s:Body></s:Envelope>").getBytes();
        OnvifException e = assertThrows(OnvifException.class, () -> SoapClient.bodyOf(200, xxe, null));
        assertEquals(OnvifException.Kind.PROTOCOL, e.kind());
        assertEquals(OnvifException.Kind.PROTOCOL, assertThrows(OnvifException.class,
                () -> SoapClient.bodyOf(500, "<html>oops</html>".getBytes(), null)).kind());
    }
}
