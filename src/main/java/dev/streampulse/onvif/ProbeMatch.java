package dev.streampulse.onvif;

import java.util.List;

/**
 * One WS-Discovery ProbeMatch: the device's endpoint reference (stable across address changes),
 * its device service URLs and its scopes.
 *
 * @param from the address the answer came from
 */
public record ProbeMatch(String endpoint, List<String> xaddrs, List<String> scopes, List<String> types, String from) {

    /** The {@code onvif://www.onvif.org/name/…} scope, URL-decoded, or null. */
    public String name() {
        return scope("name");
    }

    public String hardware() {
        return scope("hardware");
    }

    public String location() {
        return scope("location");
    }

    private String scope(String key) {
        String prefix = "onvif://www.onvif.org/" + key + "/";
        for (String s : scopes) {
            if (s.regionMatches(true, 0, prefix, 0, prefix.length())) {
                String v = java.net.URLDecoder.decode(s.substring(prefix.length()), java.nio.charset.StandardCharsets.UTF_8);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
