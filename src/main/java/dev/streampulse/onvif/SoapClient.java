package dev.streampulse.onvif;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP 1.2 over HTTP for ONVIF: a WS-Security UsernameToken in every request when credentials are
 * given, and HTTP Digest on top when the camera answers 401 with a Digest challenge (many cameras
 * want one or the other, some both). Faults are read, and authentication faults reported as such.
 */
public final class SoapClient {
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    private final HttpClient http;
    private final Credentials credentials;
    private final Duration timeout;
    private volatile Duration cameraClockOffset = Duration.ZERO;
    private final Supplier<Instant> ourClock;

    /** @param credentials null for anonymous calls */
    public SoapClient(Credentials credentials, Duration timeout, Supplier<Instant> ourClock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.credentials = credentials;
        this.timeout = timeout;
        this.ourClock = ourClock;
    }

    /** A user name and password; {@link #toString()} never shows the password. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", ***]";
        }
    }

    /** Tokens are stamped on the camera's clock: ours plus this offset (camera minus ours). */
    public void cameraClockOffset(Duration offset) {
        this.cameraClockOffset = offset;
    }

    /**
     * Sends {@code body} (one element, namespaces declared on it) with this SOAP action and returns
     * the first element of the answer's Body.
     */
    public Element call(String url, String action, String body) throws OnvifException {
        return call(url, action, body, true);
    }

    /** As {@link #call(String, String, String)}; {@code authenticate=false} sends no token (GetSystemDateAndTime). */
    public Element call(String url, String action, String body, boolean authenticate) throws OnvifException {
        return call(url, action, body, authenticate, "");
    }

    /** With extra SOAP header elements (WS-Addressing for event subscriptions). */
    Element call(String url, String action, String body, boolean authenticate, String headers) throws OnvifException {
        boolean token = authenticate && credentials != null;
        HttpResponse<byte[]> r = post(url, action, envelope(body, token, headers), null);
        if (r.statusCode() == 401 && credentials != null) {
            Map<String, String> challenge = HttpDigest.pickChallenge(r.headers().allValues("WWW-Authenticate"));
            if (challenge == null) {
                throw new OnvifException(OnvifException.Kind.AUTH, "camera refused the credentials for user '"
                        + credentials.user() + "' (HTTP 401" + (token ? ", UsernameToken sent" : "") + ")");
            }
            URI u = URI.create(url);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            if (u.getRawQuery() != null) {
                path += "?" + u.getRawQuery();
            }
            String authz = HttpDigest.authorization(challenge, "POST", path, credentials.user(), credentials.password());
            r = post(url, action, envelope(body, token, headers), authz);
            if (r.statusCode() == 401) {
                throw new OnvifException(OnvifException.Kind.AUTH, "camera refused the credentials for user '"
                        + credentials.user() + "' (HTTP Digest, 401)");
            }
        } else if (r.statusCode() == 401) {
            throw new OnvifException(OnvifException.Kind.AUTH, "camera wants credentials (HTTP 401) and none were given");
        }
        return bodyOf(r.statusCode(), r.body(), credentials);
    }

    private HttpResponse<byte[]> post(String url, String action, String envelope, String authorization) throws OnvifException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "bad service address " + url);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new OnvifException(OnvifException.Kind.NETWORK, "no answer from " + url + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new OnvifException(OnvifException.Kind.NETWORK, "cannot reach " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifException(OnvifException.Kind.NETWORK, "interrupted");
        }
    }

    String envelope(String body, boolean token, String headers) {
        String security = token ? UsernameToken.header(credentials.user(), credentials.password(), ourClock.get().plus(cameraClockOffset)) : "";
        String header = security.isEmpty() && headers.isEmpty() ? "" : "<s:Header>" + security + headers + "</s:Header>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP12 + "\">" + header
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /** The first Body element of an answer, or the exception its fault (or its absence) means. */
    static Element bodyOf(int status, byte[] bytes, Credentials credentials) throws OnvifException {
        Document doc;
        try {
            doc = Xml.parse(bytes);
        } catch (OnvifException e) {
            if (status >= 300) {
                throw new OnvifException(OnvifException.Kind.PROTOCOL, "HTTP " + status + " without a SOAP answer");
            }
            throw e;
        }
        Element env = doc.getDocumentElement();
        Element body = Xml.child(env, "Body");
        if (!"Envelope".equals(env.getLocalName()) || body == null) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "answer is not a SOAP envelope (HTTP " + status + ")");
        }
        Element first = firstElement(body);
        if (first != null && "Fault".equals(first.getLocalName())) {
            throw fault(first, credentials);
        }
        if (status >= 300) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "HTTP " + status + " without a SOAP fault");
        }
        if (first == null) {
            throw new OnvifException(OnvifException.Kind.PROTOCOL, "empty SOAP body");
        }
        return first;
    }

    private static Element firstElement(Element parent) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** SOAP 1.2 Code/Subcode chain or SOAP 1.1 faultcode; NotAuthorized and friends mean AUTH. */
    static OnvifException fault(Element fault, Credentials credentials) {
        List<String> codes = new ArrayList<>();
        Element code = Xml.child(fault, "Code");
        while (code != null) {
            String v = Xml.text(code, "Value");
            if (v != null) {
                codes.add(v);
            }
            code = Xml.child(code, "Subcode");
        }
        String v11 = Xml.text(fault, "faultcode");
        if (v11 != null) {
            codes.add(v11);
        }
        String reason = Xml.text(fault, "Reason", "Text");
        if (reason == null) {
            reason = Xml.text(fault, "faultstring");
        }
        String all = (String.join(" ", codes) + " " + (reason == null ? "" : reason)).toLowerCase(Locale.ROOT);
        String said = (codes.isEmpty() ? "" : String.join(" / ", codes)) + (reason == null ? "" : " (" + reason + ")");
        if (all.contains("notauthorized") || all.contains("failedauthentication") || all.contains("not authorized")
                || all.contains("unauthorized") || all.contains("sender not authorized")) {
            String who = credentials == null ? "no credentials given" : "user '" + credentials.user() + "'";
            return new OnvifException(OnvifException.Kind.AUTH, "camera refused the credentials (" + who + "): " + said.trim());
        }
        return new OnvifException(OnvifException.Kind.FAULT, "camera answered with a SOAP fault: " + said.trim());
    }
}
