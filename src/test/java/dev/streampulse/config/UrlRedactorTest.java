package dev.streampulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one redactor: user-info passwords and secret query values, and where a stored secret may go back. */
class UrlRedactorTest {
    @Test
    void masksUserInfoAndQueryStringCredentials() {
        assertEquals("rtsp://admin:***@cam:554/s1", UrlRedactor.redact("rtsp://admin:p@ss:w0rd@cam:554/s1"));
        assertEquals("http://cam/videostream.cgi?user=admin&pwd=***", UrlRedactor.redact("http://cam/videostream.cgi?user=admin&pwd=hunter2"));
        for (String key : new String[] {"password", "passwd", "pass", "pwd", "token", "auth", "api_key", "loginpas", "PassWord", "secret"}) {
            String r = UrlRedactor.redact("http://cam/mjpg?usr=a&" + key + "=S3cr3t&fps=5");
            assertFalse(r.contains("S3cr3t"), r);
            assertTrue(r.endsWith(key + "=***&fps=5"), r);
        }
        // inside text: a log line, a YAML file, a JDBC URL
        assertEquals("failed: http://cam/x?pwd=*** (timeout)", UrlRedactor.redact("failed: http://cam/x?pwd=abc (timeout)"));
        assertEquals("    url: 'http://c/v.cgi?user=a&pwd=***'\n", UrlRedactor.redact("    url: 'http://c/v.cgi?user=a&pwd=xyz'\n"));
        assertEquals("jdbc:postgresql://db/sp?user=u&password=***", UrlRedactor.redact("jdbc:postgresql://db/sp?user=u&password=pw"));
        assertEquals("netty-http:https://bob:***@hooks.example/x?apiToken=***&channel=cams",
                UrlRedactor.redact("netty-http:https://bob:hunter2@hooks.example/x?apiToken=abc123&channel=cams"));
        assertEquals("http://cam/x?user=admin&fps=5", UrlRedactor.redact("http://cam/x?user=admin&fps=5"));
    }

    @Test
    void storedSecretsGoBackOnlyToTheSameSchemeUserHostAndPort() {
        String stored = "rtsp://admin:real@10.0.0.5:554/live?token=t0k";
        assertEquals("rtsp://admin:real@10.0.0.5/other?token=t0k", UrlRedactor.restore("rtsp://admin:***@10.0.0.5/other?token=***", stored),
                "same host, default port, another path: kept");
        for (String elsewhere : new String[] {"rtsp://admin:***@attacker/live", "rtsp://admin:***@10.0.0.5:8554/live",
                "rtsps://admin:***@10.0.0.5/live", "rtsp://root:***@10.0.0.5/live", "rtsp://10.0.0.5.evil/live?token=***",
                "http://admin:***@10.0.0.5:554/live", "rtsp://admin:***@10.0.0.5:554@evil/live"}) {
            String r = UrlRedactor.restore(elsewhere, stored);
            assertFalse(r.contains("real") || r.contains("t0k"), elsewhere + " -> " + r);
            assertTrue(UrlRedactor.hasMask(r) || r.equals(elsewhere), r);
        }
        // no authority (paho:topic?brokerUrl=...): only when nothing else changed
        String paho = "paho:cams?brokerUrl=tcp://10.0.0.2:1883&password=mq";
        assertEquals(paho, UrlRedactor.restore(UrlRedactor.redact(paho), paho));
        String moved = "paho:cams?brokerUrl=tcp://attacker:1883&password=***";
        assertEquals(moved, UrlRedactor.restore(moved, paho));
        assertFalse(UrlRedactor.hasMask("http://cam/x?user=admin"));
    }

    @Test
    void hugeInputIsCutBeforeAnyPatternRuns() {
        String big = "http://cam/x?" + "a".repeat(UrlRedactor.MAX_INPUT * 2);
        assertEquals(UrlRedactor.MAX_INPUT, UrlRedactor.redact(big).length());
        assertFalse(UrlRedactor.hasMask(big));
    }
}
