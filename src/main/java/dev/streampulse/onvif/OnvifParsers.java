package dev.streampulse.onvif;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Reads ONVIF answers (the first element of a SOAP Body) into facts. Matching is by local name, so
 * any prefix and the Media1 (trt/tt) and Media2 (tr2) shapes both work; a missing optional field is
 * null, a missing required one a PROTOCOL error that names it.
 */
final class OnvifParsers {
    private OnvifParsers() {
    }

    static DeviceInformation deviceInformation(Element r) throws OnvifException {
        expect(r, "GetDeviceInformationResponse");
        return new DeviceInformation(Xml.text(r, "Manufacturer"), Xml.text(r, "Model"), Xml.text(r, "FirmwareVersion"),
                Xml.text(r, "SerialNumber"), Xml.text(r, "HardwareId"));
    }

    /** MAC addresses (upper case, colon-separated) of the interfaces, in the camera's order. */
    static List<String> macs(Element r) throws OnvifException {
        expect(r, "GetNetworkInterfacesResponse");
        List<String> out = new ArrayList<>();
        for (Element ni : Xml.children(r, "NetworkInterfaces")) {
            String mac = Xml.text(ni, "Info", "HwAddress");
            if (mac != null) {
                out.add(mac.toUpperCase(Locale.ROOT).replace('-', ':'));
            }
        }
        return out;
    }

    /** The camera's UTC clock, or its local clock read as UTC when it gives no UTC time (rare). */
    static Instant systemDateAndTime(Element r) throws OnvifException {
        expect(r, "GetSystemDateAndTimeResponse");
        Element sdt = Xml.child(r, "SystemDateAndTime");
        Element dt = sdt == null ? null : Xml.child(sdt, "UTCDateTime");
        if (dt == null && sdt != null) {
            dt = Xml.child(sdt, "LocalDateTime");
        }
        if (dt == null) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "GetSystemDateAndTime: no UTCDateTime");
        }
        try {
            return OffsetDateTime.of(num(dt, "Date", "Year"), num(dt, "Date", "Month"), num(dt, "Date", "Day"),
                    num(dt, "Time", "Hour"), num(dt, "Time", "Minute"), num(dt, "Time", "Second"), 0, ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "GetSystemDateAndTime: " + e.getMessage());
        }
    }

    /** GetCapabilities: service name (Media, Events, Device, …) → XAddr. */
    static Map<String, String> capabilities(Element r) throws OnvifException {
        expect(r, "GetCapabilitiesResponse");
        Map<String, String> out = new LinkedHashMap<>();
        Element caps = Xml.child(r, "Capabilities");
        if (caps != null) {
            for (var n = caps.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && Xml.text(e, "XAddr") != null) {
                    out.put(e.getLocalName(), Xml.text(e, "XAddr"));
                }
            }
        }
        return out;
    }

    /** GetServices: namespace → XAddr. */
    static Map<String, String> services(Element r) throws OnvifException {
        expect(r, "GetServicesResponse");
        Map<String, String> out = new LinkedHashMap<>();
        for (Element s : Xml.children(r, "Service")) {
            String ns = Xml.text(s, "Namespace");
            String x = Xml.text(s, "XAddr");
            if (ns != null && x != null) {
                out.put(ns, x);
            }
        }
        return out;
    }

    /** Media1 {@code trt:GetProfilesResponse} or Media2 {@code tr2:GetProfilesResponse}. */
    static List<MediaProfile> profiles(Element r) throws OnvifException {
        expect(r, "GetProfilesResponse");
        List<MediaProfile> out = new ArrayList<>();
        for (Element p : Xml.children(r, "Profiles")) {
            String token = p.getAttribute("token");
            String name = Xml.text(p, "Name");
            Element enc = Xml.child(p, "VideoEncoderConfiguration");      // Media1
            if (enc == null) {
                enc = Xml.child(p, "Configurations", "VideoEncoder");     // Media2
            }
            String codec = enc == null ? null : Xml.text(enc, "Encoding");
            Integer w = enc == null ? null : optNum(enc, "Resolution", "Width");
            Integer h = enc == null ? null : optNum(enc, "Resolution", "Height");
            Double fps = null;
            String f = enc == null ? null : Xml.text(enc, "RateControl", "FrameRateLimit");
            if (f != null) {
                try {
                    fps = Double.parseDouble(f);
                } catch (NumberFormatException e) {
                    fps = null;
                }
            }
            out.add(new MediaProfile(token.isEmpty() ? null : token, name, codec == null ? null : codec.toUpperCase(Locale.ROOT),
                    w, h, fps, null));
        }
        return out;
    }

    /** Media1 {@code MediaUri/Uri} or Media2 {@code Uri}. */
    static String streamUri(Element r) throws OnvifException {
        expect(r, "GetStreamUriResponse");
        String uri = Xml.text(r, "MediaUri", "Uri");
        if (uri == null) {
            uri = Xml.text(r, "Uri");
        }
        if (uri == null) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "GetStreamUri: no Uri in the answer");
        }
        return uri;
    }

    /** CreatePullPointSubscription: the subscription's own address. */
    static String subscriptionAddress(Element r) throws OnvifException {
        expect(r, "CreatePullPointSubscriptionResponse");
        String a = Xml.text(r, "SubscriptionReference", "Address");
        if (a == null) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "CreatePullPointSubscription: no SubscriptionReference/Address");
        }
        return a;
    }

    /** The SubscriptionReference's ReferenceParameters children, serialized, to be echoed as headers ("" for none). */
    static String referenceParameters(Element r) throws OnvifException {
        Element params = Xml.child(r, "SubscriptionReference", "ReferenceParameters");
        StringBuilder b = new StringBuilder();
        for (var n = params == null ? null : params.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                b.append(Xml.serialize(e));
            }
        }
        return b.toString();
    }

    /** PullMessages: each NotificationMessage as an event (health kind from {@link EventTopics}). */
    static List<CameraEvent> pullMessages(Element r) throws OnvifException {
        expect(r, "PullMessagesResponse");
        List<CameraEvent> out = new ArrayList<>();
        for (Element nm : Xml.children(r, "NotificationMessage")) {
            String topic = Xml.text(nm, "Topic");
            Element msg = Xml.child(nm, "Message", "Message");
            if (topic == null) {
                continue;
            }
            Instant time = null;
            String operation = null;
            Map<String, String> source = new LinkedHashMap<>();
            Map<String, String> data = new LinkedHashMap<>();
            if (msg != null) {
                String t = msg.getAttribute("UtcTime");
                operation = msg.getAttribute("PropertyOperation").isEmpty() ? null : msg.getAttribute("PropertyOperation");
                try {
                    time = t.isEmpty() ? null : OffsetDateTime.parse(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? t : t + "Z").toInstant();
                } catch (DateTimeException e) {
                    time = null;
                }
                items(Xml.child(msg, "Source"), source);
                items(Xml.child(msg, "Data"), data);
            }
            Boolean active = null;
            for (String k : EventTopics.STATE_ITEMS) {
                String v = data.get(k);
                if (v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
                    active = Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
                    break;
                }
            }
            out.add(new CameraEvent(time, EventTopics.normalize(topic), EventTopics.kindOf(topic), active, source, data, operation));
        }
        return out;
    }

    private static void items(Element parent, Map<String, String> into) {
        if (parent == null) {
            return;
        }
        for (Element si : Xml.children(parent, "SimpleItem")) {
            into.put(si.getAttribute("Name"), si.getAttribute("Value"));
        }
    }

    /** WS-Discovery ProbeMatches (any number of ProbeMatch elements). */
    static List<ProbeMatch> probeMatches(Element r, String from) throws OnvifException {
        expect(r, "ProbeMatches");
        List<ProbeMatch> out = new ArrayList<>();
        for (Element m : Xml.children(r, "ProbeMatch")) {
            String ep = Xml.text(m, "EndpointReference", "Address");
            out.add(new ProbeMatch(ep, words(Xml.text(m, "XAddrs")), words(Xml.text(m, "Scopes")), words(Xml.text(m, "Types")), from));
        }
        return out;
    }

    private static List<String> words(String s) {
        return s == null ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static void expect(Element r, String localName) throws OnvifException {
        if (!localName.equals(r.getLocalName())) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "expected " + localName + ", got " + r.getLocalName());
        }
    }

    private static int num(Element parent, String... path) throws OnvifException {
        Integer v = optNum(parent, path);
        if (v == null) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "missing " + String.join("/", path));
        }
        return v;
    }

    private static Integer optNum(Element parent, String... path) throws OnvifException {
        String t = Xml.text(parent, path);
        if (t == null) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, String.join("/", path) + " is not a number: " + t);
        }
    }
}
