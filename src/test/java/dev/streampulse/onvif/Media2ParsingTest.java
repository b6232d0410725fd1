package dev.streampulse.onvif;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Media2 (tr2) shapes, written after the ONVIF Media2 WSDL (no public capture with a named source
 * was found): the encoder sits in Configurations/VideoEncoder, the stream URI directly in Uri.
 */
class Media2ParsingTest {
    static final String NS = " xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tr2=\"http://www.onvif.org/ver20/media/wsdl\""
            + " xmlns:tt=\"http://www.onvif.org/ver10/schema\"";

    @Test
    void media2ProfilesAndStreamUri() throws Exception {
        String profiles = "<s:Envelope" + NS + "><s:Body><tr2:GetProfilesResponse><tr2:Profiles token=\"Profile_1\" fixed=\"true\">"
                + "<tr2:Name>mainStream</tr2:Name><tr2:Configurations><tr2:VideoEncoder token=\"VE1\" GovLength=\"50\" Profile=\"Main\">"
                + "<tt:Name>VE1</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>H265</tt:Encoding><tt:Resolution><tt:Width>2560</tt:Width>"
                + "<tt:Height>1440</tt:Height></tt:Resolution><tt:RateControl ConstantBitRate=\"false\"><tt:FrameRateLimit>25.000000</tt:FrameRateLimit>"
                + "<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl><tt:Quality>3</tt:Quality></tr2:VideoEncoder></tr2:Configurations>"
                + "</tr2:Profiles></tr2:GetProfilesResponse></s:Body></s:Envelope>";
        List<MediaProfile> p = OnvifParsers.profiles(SoapClient.bodyOf(200, profiles.getBytes(StandardCharsets.UTF_8), null));
        assertEquals(List.of(new MediaProfile("Profile_1", "mainStream", "H265", 2560, 1440, 25.0, null)), p);
        String uri = "<s:Envelope" + NS + "><s:Body><tr2:GetStreamUriResponse><tr2:Uri>rtsp://10.0.0.5:554/Streaming/Channels/101</tr2:Uri>"
                + "</tr2:GetStreamUriResponse></s:Body></s:Envelope>";
        assertEquals("rtsp://10.0.0.5:554/Streaming/Channels/101",
                OnvifParsers.streamUri(SoapClient.bodyOf(200, uri.getBytes(StandardCharsets.UTF_8), null)));
    }

    @Test
    void aWrongAnswerNamesWhatWasExpected() {
        String other = "<s:Envelope" + NS + "><s:Body><tr2:Nope/></s:Body></s:Envelope>";
        OnvifException e = assertThrows(OnvifException.class,
                () -> OnvifParsers.profiles(SoapClient.bodyOf(200, other.getBytes(StandardCharsets.UTF_8), null)));
        assertEquals(OnvifException.Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("expected GetProfilesResponse, got Nope"), e.getMessage());
    }
}
