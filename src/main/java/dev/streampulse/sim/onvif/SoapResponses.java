package dev.streampulse.sim.onvif;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The answers the simulated cameras give, shaped like a common Profile S camera's. */
final class SoapResponses {
    static final String NS = " xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tt=\"http://www.onvif.org/ver10/schema\""
            + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\""
            + " xmlns:tev=\"http://www.onvif.org/ver10/events/wsdl\" xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\""
            + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" xmlns:tns1=\"http://www.onvif.org/ver10/topics\""
            + " xmlns:ter=\"http://www.onvif.org/ver10/error\"";

    private SoapResponses() {
    }

    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope" + NS + "><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    static String fault(String code, String subcode, String reason) {
        return envelope("<s:Fault><s:Code><s:Value>" + code + "</s:Value><s:Subcode><s:Value>" + subcode
                + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en\">" + SoapXml.esc(reason)
                + "</s:Text></s:Reason></s:Fault>");
    }

    static String systemDateAndTime(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
                + "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone><tt:UTCDateTime>"
                + "<tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>" + t.getMinute() + "</tt:Minute><tt:Second>"
                + t.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear() + "</tt:Year><tt:Month>"
                + t.getMonthValue() + "</tt:Month><tt:Day>" + t.getDayOfMonth() + "</tt:Day></tt:Date></tt:UTCDateTime>"
                + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
    }

    static String deviceInformation(SimDevice d) {
        return "<tds:GetDeviceInformationResponse><tds:Manufacturer>StreamPulse</tds:Manufacturer><tds:Model>SimCam "
                + d.id() + "</tds:Model><tds:FirmwareVersion>sim-1.0</tds:FirmwareVersion><tds:SerialNumber>" + d.serial()
                + "</tds:SerialNumber><tds:HardwareId>" + d.hardwareId() + "</tds:HardwareId></tds:GetDeviceInformationResponse>";
    }

    static String networkInterfaces(SimDevice d, String host) {
        return "<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token=\"eth0\"><tt:Enabled>true</tt:Enabled>"
                + "<tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>" + d.mac() + "</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>"
                + "<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual><tt:Address>" + SoapXml.esc(host)
                + "</tt:Address><tt:PrefixLength>8</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4>"
                + "</tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>";
    }

    static String services(String base) {
        return "<tds:GetServicesResponse>"
                + service("http://www.onvif.org/ver10/device/wsdl", base + "/device_service")
                + service("http://www.onvif.org/ver10/media/wsdl", base + "/media_service")
                + service("http://www.onvif.org/ver10/events/wsdl", base + "/events_service")
                + "</tds:GetServicesResponse>";
    }

    private static String service(String ns, String xaddr) {
        return "<tds:Service><tds:Namespace>" + ns + "</tds:Namespace><tds:XAddr>" + SoapXml.esc(xaddr)
                + "</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>";
    }

    static String capabilities(String base) {
        return "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>" + SoapXml.esc(base) + "/device_service</tt:XAddr></tt:Device>"
                + "<tt:Events><tt:XAddr>" + SoapXml.esc(base) + "/events_service</tt:XAddr><tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>"
                + "<tt:WSPullPointSupport>true</tt:WSPullPointSupport></tt:Events>"
                + "<tt:Media><tt:XAddr>" + SoapXml.esc(base) + "/media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>"
                + "<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>"
                + "</tds:Capabilities></tds:GetCapabilitiesResponse>";
    }

    static String profiles(SimDevice d) {
        StringBuilder b = new StringBuilder("<trt:GetProfilesResponse>");
        for (SimDevice.Profile p : d.profiles()) {
            b.append("<trt:Profiles token=\"").append(SoapXml.esc(p.token())).append("\" fixed=\"true\"><tt:Name>").append(SoapXml.esc(p.name()))
                    .append("</tt:Name><tt:VideoSourceConfiguration token=\"vsc0\"><tt:Name>VideoSource</tt:Name><tt:UseCount>")
                    .append(d.profiles().size()).append("</tt:UseCount><tt:SourceToken>vs0</tt:SourceToken><tt:Bounds x=\"0\" y=\"0\" width=\"")
                    .append(p.width()).append("\" height=\"").append(p.height()).append("\"/></tt:VideoSourceConfiguration>")
                    .append("<tt:VideoEncoderConfiguration token=\"vec-").append(SoapXml.esc(p.token())).append("\"><tt:Name>").append(SoapXml.esc(p.name()))
                    .append("</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>").append(p.codec()).append("</tt:Encoding><tt:Resolution><tt:Width>")
                    .append(p.width()).append("</tt:Width><tt:Height>").append(p.height()).append("</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality>")
                    .append("<tt:RateControl><tt:FrameRateLimit>").append(p.fps()).append("</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>")
                    .append("<tt:BitrateLimit>1024</tt:BitrateLimit></tt:RateControl><tt:SessionTimeout>PT60S</tt:SessionTimeout>")
                    .append("</tt:VideoEncoderConfiguration></trt:Profiles>");
        }
        return b.append("</trt:GetProfilesResponse>").toString();
    }

    static String streamUri(String uri) {
        return "<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>" + SoapXml.esc(uri) + "</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>"
                + "<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>";
    }

    /** Like Axis: one pull-point address, the subscription named by a reference parameter the client must echo. */
    static String subscription(String address, String id, Instant now, Instant until) {
        return "<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa:Address>" + SoapXml.esc(address)
                + "</wsa:Address><wsa:ReferenceParameters><sps:SubscriptionId xmlns:sps=\"urn:streampulse:sim\">" + SoapXml.esc(id)
                + "</sps:SubscriptionId></wsa:ReferenceParameters></tev:SubscriptionReference><wsnt:CurrentTime>" + now + "</wsnt:CurrentTime><wsnt:TerminationTime>"
                + until + "</wsnt:TerminationTime></tev:CreatePullPointSubscriptionResponse>";
    }

    static String pullMessages(Instant now, Instant until, boolean tamper) {
        String msg = !tamper ? "" : "<wsnt:NotificationMessage><wsnt:Topic Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">"
                + "tns1:VideoSource/GlobalSceneChange/ImagingService</wsnt:Topic><wsnt:Message><tt:Message UtcTime=\"" + now
                + "\" PropertyOperation=\"Changed\"><tt:Source><tt:SimpleItem Name=\"Source\" Value=\"vs0\"/></tt:Source>"
                + "<tt:Data><tt:SimpleItem Name=\"State\" Value=\"true\"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>";
        return "<tev:PullMessagesResponse><tev:CurrentTime>" + now + "</tev:CurrentTime><tev:TerminationTime>" + until
                + "</tev:TerminationTime>" + msg + "</tev:PullMessagesResponse>";
    }

    /** One WS-Discovery ProbeMatches message for one device. */
    static String probeMatch(SimDevice d, String relatesTo, String xaddr, String messageId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
                + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Header>"
                + "<a:MessageID>" + messageId + "</a:MessageID><a:RelatesTo>" + SoapXml.esc(relatesTo) + "</a:RelatesTo>"
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action></s:Header><s:Body><d:ProbeMatches>"
                + "<d:ProbeMatch><a:EndpointReference><a:Address>" + d.endpoint() + "</a:Address></a:EndpointReference>"
                + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>onvif://www.onvif.org/type/video_encoder"
                + " onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/name/StreamPulse%20" + d.id()
                + " onvif://www.onvif.org/hardware/" + d.hardwareId() + " onvif://www.onvif.org/location/loopback</d:Scopes>"
                + "<d:XAddrs>" + SoapXml.esc(xaddr) + "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch>"
                + "</d:ProbeMatches></s:Body></s:Envelope>";
    }
}
