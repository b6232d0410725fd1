package dev.streampulse.web;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web.tls with PEM files as openssl writes them: PKCS#8, PKCS#1 RSA, SEC1 EC; clear errors otherwise. */
class TlsKeysTest {
    @TempDir
    Path dir;

    void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    @Test
    void pemKeysInTheUsualFormatsLoadAndBadOnesSayWhy() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa8.pem", "-out", "rsa.crt", "-subj", "/CN=cam.lan", "-days", "2");
        openssl("rsa", "-in", "rsa8.pem", "-traditional", "-out", "rsa1.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem");
        openssl("req", "-x509", "-key", "ec.pem", "-out", "ec.crt", "-subj", "/CN=cam.lan", "-days", "2");
        assertTrue(Files.readString(dir.resolve("rsa1.pem")).contains("BEGIN RSA PRIVATE KEY"));
        assertTrue(Files.readString(dir.resolve("ec.pem")).contains("BEGIN EC PRIVATE KEY"));
        for (String[] pair : new String[][] {{"rsa.crt", "rsa8.pem"}, {"rsa.crt", "rsa1.pem"}, {"ec.crt", "ec.pem"}}) {
            KeyStore ks = TlsKeys.load(dir.resolve(pair[0]), dir.resolve(pair[1]));
            assertTrue(ks.aliases().hasMoreElements(), pair[1]);
        }
        openssl("pkey", "-in", "rsa8.pem", "-aes256", "-passout", "pass:x", "-out", "enc.pem");
        IllegalStateException enc = assertThrows(IllegalStateException.class, () -> TlsKeys.load(dir.resolve("rsa.crt"), dir.resolve("enc.pem")));
        assertTrue(enc.getMessage().contains("is encrypted"), enc.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> TlsKeys.load(dir.resolve("nope.crt"), dir.resolve("ec.pem")));
        assertTrue(missing.getMessage().startsWith("web.tls: cannot read"), missing.getMessage());
        Files.writeString(dir.resolve("junk.pem"), "not a key");
        IllegalStateException junk = assertThrows(IllegalStateException.class, () -> TlsKeys.load(dir.resolve("rsa.crt"), dir.resolve("junk.pem")));
        assertTrue(junk.getMessage().contains("web.tls: cannot use certificate"), junk.getMessage());
    }
}
