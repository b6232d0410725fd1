package dev.streampulse.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * WS-Security UsernameToken with PasswordDigest = Base64(SHA-1(nonce + created + password)), the
 * way ONVIF cameras authenticate SOAP calls. {@code created} should be on the camera's clock: many
 * cameras refuse tokens that are minutes off theirs.
 */
public final class UsernameToken {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String DIGEST_TYPE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    static final String NONCE_ENCODING = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UsernameToken() {
    }

    /** Base64(SHA-1(nonce + created + password)). */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code wsse:Security} header element for one request. */
    static String header(String user, String password, Instant cameraNow) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = cameraNow.truncatedTo(ChronoUnit.MILLIS).toString();
        return "<wsse:Security xmlns:wsse=\"" + WSSE + "\" xmlns:wsu=\"" + WSU + "\" s:mustUnderstand=\"1\">"
                + "<wsse:UsernameToken><wsse:Username>" + Xml.escape(user) + "</wsse:Username>"
                + "<wsse:Password Type=\"" + DIGEST_TYPE + "\">" + digest(nonce, created, password) + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"" + NONCE_ENCODING + "\">" + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
                + "<wsu:Created>" + created + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }
}
