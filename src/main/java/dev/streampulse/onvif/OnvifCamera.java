package dev.streampulse.onvif;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * One camera's device service ({@code http://HOST/onvif/device_service}): its facts over the device,
 * media and events services. Reads the camera clock first (unauthenticated, as the spec allows) so
 * that UsernameTokens are stamped on the camera's clock.
 */
public final class OnvifCamera {
    static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
    static final String TR2 = "http://www.onvif.org/ver20/media/wsdl";
    static final String TEV = "http://www.onvif.org/ver10/events/wsdl";
    static final String TT = "http://www.onvif.org/ver10/schema";

    private final String deviceUrl;
    private final SoapClient soap;
    private final Supplier<Instant> ourClock;

    /** @param credentials null for a camera without authentication */
    public OnvifCamera(String deviceUrl, SoapClient.Credentials credentials, Duration timeout, Supplier<Instant> ourClock) {
        this.deviceUrl = deviceUrl;
        this.ourClock = ourClock;
        this.soap = new SoapClient(credentials, timeout, ourClock);
    }

    public String deviceUrl() {
        return deviceUrl;
    }

    SoapClient soap() {
        return soap;
    }

    /** Device information, MAC, clock offset, media profiles with their RTSP URIs, events address. */
    public CameraFacts facts() throws OnvifException {
        Instant before = ourClock.get();
        Instant cameraTime = cameraTime();
        Instant after = ourClock.get();
        Instant ours = before.plus(Duration.between(before, after).dividedBy(2));
        Duration offset = Duration.between(ours, cameraTime);
        soap.cameraClockOffset(offset);
        DeviceInformation info = deviceInformation();
        String mac = null;
        try {
            List<String> macs = OnvifParsers.macs(device("GetNetworkInterfaces", "<tds:GetNetworkInterfaces xmlns:tds=\"" + TDS + "\"/>"));
            mac = macs.isEmpty() ? null : macs.get(0);
        } catch (OnvifException e) {
            if (e.kind() == OnvifException.Kind.AUTH) {
                throw e;
            }
        }
        Services services = services();
        List<MediaProfile> profiles = new ArrayList<>();
        String mediaUrl = services.media1 != null ? services.media1 : services.media2;
        if (mediaUrl != null) {
            boolean media2 = services.media1 == null;
            for (MediaProfile p : profiles(mediaUrl, media2)) {
                profiles.add(p.token() == null ? p : p.withStreamUri(streamUri(mediaUrl, media2, p.token())));
            }
        }
        return new CameraFacts(deviceUrl, info.manufacturer(), info.model(), info.firmware(), info.serial(), info.hardwareId(),
                mac, cameraTime, offset.toMillis(), mediaUrl, services.events, profiles);
    }

    /** GetSystemDateAndTime, sent without credentials. */
    public Instant cameraTime() throws OnvifException {
        return OnvifParsers.systemDateAndTime(soap.call(deviceUrl, TDS + "/GetSystemDateAndTime",
                "<tds:GetSystemDateAndTime xmlns:tds=\"" + TDS + "\"/>", false));
    }

    public DeviceInformation deviceInformation() throws OnvifException {
        return OnvifParsers.deviceInformation(device("GetDeviceInformation", "<tds:GetDeviceInformation xmlns:tds=\"" + TDS + "\"/>"));
    }

    record Services(String media1, String media2, String events) {
    }

    /** GetServices, falling back to GetCapabilities for cameras from before ONVIF 2.0. */
    Services services() throws OnvifException {
        try {
            Map<String, String> s = OnvifParsers.services(device("GetServices",
                    "<tds:GetServices xmlns:tds=\"" + TDS + "\"><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>"));
            if (s.containsKey(TRT) || s.containsKey(TR2)) {
                return new Services(s.get(TRT), s.get(TR2), s.get(TEV));
            }
        } catch (OnvifException e) {
            if (e.kind() == OnvifException.Kind.AUTH || e.kind() == OnvifException.Kind.NETWORK) {
                throw e;
            }
        }
        Map<String, String> c = OnvifParsers.capabilities(device("GetCapabilities",
                "<tds:GetCapabilities xmlns:tds=\"" + TDS + "\"><tds:Category>All</tds:Category></tds:GetCapabilities>"));
        return new Services(c.get("Media"), null, c.get("Events"));
    }

    List<MediaProfile> profiles(String mediaUrl, boolean media2) throws OnvifException {
        String ns = media2 ? TR2 : TRT;
        String body = media2
                ? "<tr2:GetProfiles xmlns:tr2=\"" + TR2 + "\"><tr2:Type>VideoEncoder</tr2:Type></tr2:GetProfiles>"
                : "<trt:GetProfiles xmlns:trt=\"" + TRT + "\"/>";
        return OnvifParsers.profiles(soap.call(mediaUrl, ns + "/GetProfiles", body));
    }

    /** RTP unicast over RTSP (the probe then asks for TCP interleaving itself). */
    String streamUri(String mediaUrl, boolean media2, String token) throws OnvifException {
        String t = Xml.escape(token);
        String body = media2
                ? "<tr2:GetStreamUri xmlns:tr2=\"" + TR2 + "\"><tr2:Protocol>RTSP</tr2:Protocol><tr2:ProfileToken>" + t + "</tr2:ProfileToken></tr2:GetStreamUri>"
                : "<trt:GetStreamUri xmlns:trt=\"" + TRT + "\" xmlns:tt=\"" + TT + "\"><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>"
                        + "<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>" + t
                        + "</trt:ProfileToken></trt:GetStreamUri>";
        return OnvifParsers.streamUri(soap.call(mediaUrl, (media2 ? TR2 : TRT) + "/GetStreamUri", body));
    }

    /** Subscribes to the camera's events at its events service (from GetServices / GetCapabilities). */
    public PullPoint subscribe(Duration termination) throws OnvifException {
        String events = services().events();
        if (events == null) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "camera lists no events service");
        }
        return PullPoint.create(soap, events, termination);
    }

    private Element device(String op, String body) throws OnvifException {
        return soap.call(deviceUrl, TDS + "/" + op, body);
    }
}
