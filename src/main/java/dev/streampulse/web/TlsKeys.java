package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.PrivateFiles;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS key of {@code web.tls}: a certificate chain and key in PEM files (PKCS#8, PKCS#1 RSA or
 * SEC1 EC keys, as Let's Encrypt and openssl write them; read by Vert.x's PEM loader), or a
 * self-signed pair generated once into {@code data_dir/tls/} by the JDK's own keytool (the JDK has
 * no public API to sign a certificate). Clients that should trust the self-signed one get
 * {@code data_dir/tls/self-signed-cert.pem} (e.g. {@code curl --cacert}).
 */
public final class TlsKeys {
    private static final Logger LOG = LoggerFactory.getLogger(TlsKeys.class);
    static final String SELF_CERT = "self-signed-cert.pem";
    static final String SELF_KEY = "self-signed-key.pem";

    private TlsKeys() {}

    /** Camel's SSL parameters for the platform-http server, with the key in memory. */
    public static SSLContextParameters sslContext(AppConfig.Tls tls, Path dataDir, String host) {
        Path cert = tls.cert();
        Path key = tls.key();
        if (tls.selfSigned()) {
            Path[] pair = selfSigned(dataDir.resolve("tls"), host);
            cert = pair[0];
            key = pair[1];
        }
        KeyStore store = load(cert, key);
        KeyStoreParameters ksp = new KeyStoreParameters();
        ksp.setKeyStore(store);
        KeyManagersParameters kmp = new KeyManagersParameters();
        kmp.setKeyStore(ksp);
        // Vert.x's PEM loader protects the in-memory entry with this fixed password
        kmp.setKeyPassword(io.vertx.core.net.impl.KeyStoreHelper.DUMMY_PASSWORD);
        SSLContextParameters params = new SSLContextParameters();
        params.setKeyManagers(kmp);
        return params;
    }

    /** Reads a PEM certificate (chain) and key; a clear message for what cannot be read. */
    static KeyStore load(Path cert, Path key) {
        byte[] c;
        byte[] k;
        try {
            c = Files.readAllBytes(cert);
            k = Files.readAllBytes(key);
        } catch (IOException e) {
            throw new IllegalStateException("web.tls: cannot read " + e.getMessage(), e);
        }
        String keyText = new String(k, StandardCharsets.US_ASCII);
        if (keyText.contains("ENCRYPTED")) {
            throw new IllegalStateException("web.tls: " + key + " is encrypted; give an unencrypted key "
                    + "(openssl pkey -in " + key.getFileName() + " -out key.pem) readable by this user only");
        }
        try {
            KeyStore ks = new PemKeyCertOptions().setCertValue(Buffer.buffer(c)).setKeyValue(Buffer.buffer(k)).loadKeyStore(null);
            if (ks == null || !ks.aliases().hasMoreElements()) throw new IllegalStateException("no key found");
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException("web.tls: cannot use certificate " + cert + " with key " + key
                    + " (PEM: -----BEGIN CERTIFICATE----- and -----BEGIN PRIVATE KEY----- / RSA / EC): " + e.getMessage(), e);
        }
    }

    /** The self-signed pair in {@code dir}, generated when missing or expired; returns {cert, key}. */
    static synchronized Path[] selfSigned(Path dir, String host) {
        Path cert = dir.resolve(SELF_CERT);
        Path key = dir.resolve(SELF_KEY);
        try {
            if (Files.exists(cert) && Files.exists(key) && !expired(cert)) return new Path[] {cert, key};
            PrivateFiles.createDirectories(dir);
            Path p12 = dir.resolve(".self-signed.p12");
            Files.deleteIfExists(p12);
            String password = Sessions.randomToken();
            Set<String> san = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
            String name = hostName();
            if (name != null) san.add("dns:" + name);
            if (host != null && !host.equals("0.0.0.0") && !host.equals("::")) {
                san.add((host.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + host);
            }
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "streampulse", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-validity", "825", "-dname", "CN=" + (name == null ? "localhost" : name) + ", O=StreamPulse",
                    "-ext", "SAN=" + String.join(",", san), "-keystore", p12.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password));
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = proc.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out.trim());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, password.toCharArray());
            }
            Files.deleteIfExists(p12);
            PrivateKey pk = (PrivateKey) ks.getKey("streampulse", password.toCharArray());
            Certificate crt = ks.getCertificate("streampulse");
            PrivateFiles.write(key, pem("PRIVATE KEY", pk.getEncoded()));
            PrivateFiles.write(cert, pem("CERTIFICATE", crt.getEncoded()));
            LOG.info("Generated a self-signed HTTPS certificate for {} in {} (clients may trust {})", san, dir, cert);
            return new Path[] {cert, key};
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("web.tls.self_signed: cannot write a certificate to " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the self-signed certificate", e);
        }
    }

    private static boolean expired(Path cert) {
        try (InputStream in = Files.newInputStream(cert)) {
            X509Certificate x = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            return x.getNotAfter().before(new Date(System.currentTimeMillis() + 7L * 86_400_000L));
        } catch (Exception e) {
            return true;
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && env.matches("[A-Za-z0-9.-]{1,253}")) return env;
        try {
            String h = Files.readString(Path.of("/etc/hostname")).trim();
            return h.matches("[A-Za-z0-9.-]{1,253}") ? h : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
