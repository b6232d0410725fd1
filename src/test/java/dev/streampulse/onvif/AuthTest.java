package dev.streampulse.onvif;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two ways ONVIF cameras authenticate, checked against published test vectors. */
class AuthTest {

    @Test
    void usernameTokenDigestMatchesTheOnvifProgrammersGuideExample() {
        // ONVIF Application Programmer's Guide, 6.1.1.3: nonce, created and password of its worked example
        byte[] nonce = Base64.getDecoder().decode("LKqI6G/AikKCQrN0zqZFlg==");
        assertEquals("tuOSpGlFlIXsozq4HFNeeGeFLEI=", UsernameToken.digest(nonce, "2010-09-16T07:50:45Z", "userpassword"));
    }

    // RFC 7616 section 3.9.1: the same request answered with MD5 and with SHA-256
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static Map<String, String> rfcChallenge(String alg) {
        return HttpDigest.pickChallenge(List.of("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + alg
                + ", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
    }

    @Test
    void httpDigestMd5MatchesRfc7616() {
        String h = HttpDigest.authorization(rfcChallenge("MD5"), "GET", "/dir/index.html", "Mufasa", "Circle of Life", CNONCE);
        assertTrue(h.contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""), h);
        assertTrue(h.contains("qop=auth") && h.contains("nc=00000001") && h.contains("opaque=\"FQhe"), h);
    }

    @Test
    void httpDigestSha256MatchesRfc7616() {
        String h = HttpDigest.authorization(rfcChallenge("SHA-256"), "GET", "/dir/index.html", "Mufasa", "Circle of Life", CNONCE);
        assertTrue(h.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""), h);
        assertTrue(h.contains("algorithm=SHA-256"), h);
    }

    @Test
    void theStrongestOfferedDigestIsChosenAndUnknownAlgorithmsAreSkipped() {
        Map<String, String> c = HttpDigest.pickChallenge(List.of("Basic realm=\"x\"",
                "Digest realm=\"r\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"n3\", algorithm=SHA-512-256"));
        assertEquals("n2", c.get("nonce"));
        assertNull(HttpDigest.pickChallenge(List.of("Basic realm=\"x\"")));
    }

    @Test
    void cameraWithoutQopGetsTheRfc2069Answer() {
        Map<String, String> c = HttpDigest.pickChallenge(List.of("Digest realm=\"r\", nonce=\"abc\""));
        String h = HttpDigest.authorization(c, "POST", "/onvif/device_service", "u", "p");
        String ha1 = HttpDigest.hash("MD5", "u:r:p");
        String ha2 = HttpDigest.hash("MD5", "POST:/onvif/device_service");
        assertTrue(h.contains("response=\"" + HttpDigest.hash("MD5", ha1 + ":abc:" + ha2) + "\""), h);
        assertFalse(h.contains("qop"));
    }

    @Test
    void credentialsNeverPrintTheirPassword() {
        assertFalse(new SoapClient.Credentials("admin", "hunter2").toString().contains("hunter2"));
    }
}
