package dev.streampulse.onvif;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A discovered profile as a {@code streams:} entry of config.yaml, the way "add in one click" writes
 * it: the camera's stream URI with the login inserted, the ONVIF identity in labels, and
 * {@code expect:} from the camera's own encoder settings.
 */
public final class StreamEntry {
    private StreamEntry() {
    }

    /** The stream URI with {@code user:password@} inserted (percent-encoded); unchanged without credentials. */
    public static String withCredentials(String uri, SoapClient.Credentials c) {
        if (c == null || uri == null) {
            return uri;
        }
        URI u = URI.create(uri);
        if (u.getRawUserInfo() != null || u.getRawAuthority() == null) {
            return uri;
        }
        String info = enc(c.user()) + (c.password().isEmpty() ? "" : ":" + enc(c.password()));
        int at = uri.indexOf("//") + 2;
        return uri.substring(0, at) + info + "@" + uri.substring(at);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The YAML of one entry (two-space list indentation, as config.yaml uses). */
    public static String yaml(String name, CameraFacts f, MediaProfile p, SoapClient.Credentials c) {
        var expect = ExpectedFromEncoder.of(p);
        StringBuilder b = new StringBuilder();
        b.append("  - name: ").append(quote(name)).append('\n');
        b.append("    url: ").append(quote(withCredentials(p.streamUri(), c))).append('\n');
        b.append("    labels: {onvif_device: ").append(quote(f.deviceUrl()));
        if (f.serial() != null) {
            b.append(", onvif_serial: ").append(quote(f.serial()));
        }
        b.append(", onvif_profile: ").append(quote(p.token())).append("}\n");
        if (expect.codec() != null || expect.width() != null) {
            b.append("    expect: {");
            String sep = "";
            if (expect.codec() != null) {
                b.append("codec: ").append(expect.codec());
                sep = ", ";
            }
            if (expect.width() != null && expect.height() != null) {
                b.append(sep).append("width: ").append(expect.width()).append(", height: ").append(expect.height());
            }
            b.append("}\n");
        }
        return b.toString();
    }

    /** A default name: the camera's name scope or model, and the profile's name. */
    public static String name(String scopeName, CameraFacts f, MediaProfile p) {
        String base = scopeName != null ? scopeName : f.model() != null ? f.model() : "camera";
        String prof = p.name() != null ? p.name() : p.token() != null ? p.token() : "";
        String n = (base + " " + prof).trim().replaceAll("\\s+", " ");
        return n.length() > 90 ? n.substring(0, 90) : n;
    }

    private static String quote(String s) {
        if (s == null) {
            return "\"\"";
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
