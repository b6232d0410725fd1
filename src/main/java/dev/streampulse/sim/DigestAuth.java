package dev.streampulse.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Basic and Digest (RFC 2617, MD5, optional qop=auth) checks shared by the RTSP and HTTP servers. */
record DigestAuth(String user, String password, String nonce) {

    enum Scheme { BASIC, DIGEST }

    static final String REALM = "StreamPulse Simulator";
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");

    /** With a fresh random nonce. */
    DigestAuth(String user, String password) {
        this(user, password, randomNonce());
    }

    private static String randomNonce() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The WWW-Authenticate value. Real RTSP cameras rarely offer qop; HTTP ones do. */
    String challenge(Scheme scheme, boolean qop) {
        if (scheme == Scheme.BASIC) {
            return "Basic realm=\"" + REALM + "\"";
        }
        return "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", algorithm=MD5"
                + (qop ? ", qop=\"auth\"" : "");
    }

    boolean check(Scheme scheme, String method, String authorization) {
        if (authorization == null) {
            return false;
        }
        String a = authorization.trim();
        if (scheme == Scheme.BASIC) {
            if (!a.regionMatches(true, 0, "Basic ", 0, 6)) {
                return false;
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8);
                return decoded.equals(user + ":" + password);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (!a.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(a.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!user.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || p.get("response") == null) {
            return false;
        }
        String ha1 = md5(user + ":" + p.getOrDefault("realm", REALM) + ":" + password);
        String ha2 = md5(method + ":" + p.getOrDefault("uri", ""));
        String qop = p.get("qop");
        String expected = qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
        return expected.equalsIgnoreCase(p.get("response"));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
