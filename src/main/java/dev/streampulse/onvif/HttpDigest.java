package dev.streampulse.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest client side (RFC 7616): MD5 or SHA-256, with qop=auth when offered, else the RFC 2069
 * form older cameras use. One challenge answers one request (nc=00000001), which is all SOAP needs.
 */
final class HttpDigest {
    private static final Pattern PARAM = Pattern.compile("([\\w-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpDigest() {
    }

    /** Parameters of the strongest Digest challenge among the WWW-Authenticate headers, or null. */
    static Map<String, String> pickChallenge(List<String> headers) {
        Map<String, String> best = null;
        for (String h : headers) {
            if (!h.regionMatches(true, 0, "Digest ", 0, 7)) {
                continue;
            }
            Map<String, String> p = params(h.substring(7));
            String alg = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
            if (!alg.equals("MD5") && !alg.equals("SHA-256")) {
                continue;
            }
            if (best == null || alg.equals("SHA-256")) {
                best = p;
            }
        }
        return best;
    }

    static Map<String, String> params(String s) {
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(s);
        while (m.find()) {
            String v = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
            p.put(m.group(1).toLowerCase(Locale.ROOT), v);
        }
        return p;
    }

    /** The Authorization header value answering {@code challenge} for this request. */
    static String authorization(Map<String, String> challenge, String method, String uri, String user, String password) {
        byte[] c = new byte[8];
        RANDOM.nextBytes(c);
        return authorization(challenge, method, uri, user, password, HexFormat.of().formatHex(c));
    }

    static String authorization(Map<String, String> challenge, String method, String uri, String user, String password, String cnonce) {
        String alg = challenge.getOrDefault("algorithm", "MD5");
        String hashName = alg.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.getOrDefault("nonce", "");
        String qops = challenge.get("qop");
        boolean auth = qops != null && List.of(qops.split("\\s*,\\s*")).contains("auth");
        String ha1 = hash(hashName, user + ":" + realm + ":" + password);
        String ha2 = hash(hashName, method + ":" + uri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(quote(user))
                .append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce))
                .append("\", uri=\"").append(quote(uri))
                .append("\", algorithm=").append(hashName);
        if (auth) {
            String nc = "00000001";
            String response = hash(hashName, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce)
                    .append("\", response=\"").append(response).append('"');
        } else {
            h.append(", response=\"").append(hash(hashName, ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (challenge.containsKey("opaque")) {
            h.append(", opaque=\"").append(quote(challenge.get("opaque"))).append('"');
        }
        return h.toString();
    }

    static String hash(String alg, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
