package dev.streampulse.sim.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * How the simulated cameras check credentials, as cameras do: a WS-UsernameToken with PasswordDigest
 * (SHA-1 of nonce, created and password), or HTTP Digest (MD5 or SHA-256, qop=auth) against one nonce.
 */
record SimAuth(String user, String password, String nonce) {

    static final String REALM = "StreamPulse ONVIF Simulator";
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");

    /** With a fresh random nonce. */
    SimAuth(String user, String password) {
        this(user, password, randomNonce());
    }

    private static String randomNonce() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The WWW-Authenticate challenges of a 401, the stronger first. */
    List<String> challenges() {
        return List.of("Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=SHA-256, nonce=\"" + nonce + "\"",
                "Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce + "\"");
    }

    boolean tokenValid(Element token) {
        String u = SoapXml.text(token, "Username");
        String digest = SoapXml.text(token, "Password");
        String n = SoapXml.text(token, "Nonce");
        String created = SoapXml.text(token, "Created");
        if (!user.equals(u) || digest == null || n == null || created == null) {
            return false;
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(Base64.getDecoder().decode(n));
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(Base64.getEncoder().encodeToString(sha1.digest()).getBytes(StandardCharsets.US_ASCII),
                    digest.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    boolean digestValid(String authorization, String path) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(authorization.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String alg = p.getOrDefault("algorithm", "MD5").equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
        if (!user.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || !path.equals(p.get("uri"))
                || !"auth".equals(p.get("qop")) || p.get("response") == null) {
            return false;
        }
        String ha1 = hash(alg, user + ":" + REALM + ":" + password);
        String ha2 = hash(alg, "POST:" + p.get("uri"));
        String expected = hash(alg, ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return expected.equalsIgnoreCase(p.get("response"));
    }

    private static String hash(String alg, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
