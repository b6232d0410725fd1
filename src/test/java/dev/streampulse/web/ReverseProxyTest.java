package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which client address the login throttle sees behind a reverse proxy, and the web.tls / trusted_proxies keys. */
class ReverseProxyTest {
    static final Path FILE = Path.of("/srv/sp/config.yaml");

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        Set<String> proxies = Set.of("10.0.0.1", "10.0.0.2");
        assertEquals("203.0.113.9", Http.clientIp("203.0.113.9", "1.2.3.4", Set.of()), "no proxies trusted: the socket's peer");
        assertEquals("203.0.113.9", Http.clientIp("203.0.113.9", "1.2.3.4", proxies), "an untrusted peer's header is ignored");
        assertEquals("198.51.100.7", Http.clientIp("10.0.0.1", "198.51.100.7", proxies));
        // the client may send its own X-Forwarded-For: only the hop our proxy appended counts
        assertEquals("198.51.100.7", Http.clientIp("10.0.0.1", "6.6.6.6, 198.51.100.7", proxies));
        assertEquals("198.51.100.7", Http.clientIp("10.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2", proxies), "two proxies in a row");
        assertEquals("10.0.0.1", Http.clientIp("10.0.0.1", "not-an-address", proxies));
    }

    @Test
    void webTlsAndTrustedProxiesAreValidated() throws Exception {
        AppConfig c = ConfigLoader.parse("web: {port: 8443, tls: {cert: tls/c.pem, key: /etc/k.pem, hsts_seconds: 600}, "
                + "trusted_proxies: [127.0.0.1, '::1']}\n", FILE);
        AppConfig.WebSettings w = c.web().orElseThrow();
        assertEquals(Path.of("/srv/sp/tls/c.pem"), w.tls().cert(), "relative to the config file");
        assertEquals(Path.of("/etc/k.pem"), w.tls().key());
        assertEquals(600, w.tls().hstsSeconds());
        assertEquals(List.of("127.0.0.1", "::1"), w.trustedProxies());
        assertTrue(ConfigLoader.parse("web: {tls: {self_signed: true}}\n", FILE).web().orElseThrow().tls().selfSigned());
        assertNull(ConfigLoader.parse("web: {port: 80}\n", FILE).web().orElseThrow().tls());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "web: {tls: {cert: c.pem}, trusted_proxies: [proxy.lan]}\n", FILE));
        String m = String.join("\n", e.messages());
        assertTrue(m.contains("web.tls: cert and key (PEM files) are both required") && m.contains("'proxy.lan' is not an IP address"), m);
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse("web: {tls: {self_signed: true, cert: c.pem}}\n", FILE))
                .getMessage().contains("either cert and key, or self_signed"));
    }
}
