package dev.streampulse.web;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Request/response helpers for the web beans. Request data is read from the Vert.x request itself,
 * never from Camel headers, because platform-http mixes query parameters into the headers and a
 * {@code ?Cookie=...} must not be able to pose as a cookie.
 */
public final class Http {
    static final String SESSION = "streampulse.session";
    private static final String FORM = "streampulse.form";

    private Http() {}

    static HttpServerRequest request(Exchange ex) {
        if (ex.getIn() instanceof HttpMessage m) return m.getRequest();
        throw new IllegalStateException("not an HTTP exchange");
    }

    static String method(Exchange ex) {
        return request(ex).method().name();
    }

    /** Path plus query, for ?next= after login. */
    static String uri(Exchange ex) {
        return request(ex).uri();
    }

    static String path(Exchange ex) {
        return request(ex).path();
    }

    static String query(Exchange ex, String name) {
        return request(ex).getParam(name);
    }

    static long queryLong(Exchange ex, String name, long dflt) {
        String v = query(ex, name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static String header(Exchange ex, String name) {
        return request(ex).getHeader(name);
    }

    /**
     * A header as the client sent it, never a query parameter of the same name (platform-http copies
     * those into the Camel headers): for other packages' endpoints, e.g. /metrics' bearer token.
     */
    public static String requestHeader(Exchange ex, String name) {
        return ex.getIn() instanceof HttpMessage ? header(ex, name) : null;
    }

    static String cookie(Exchange ex, String name) {
        String raw = request(ex).getHeader("Cookie");
        if (raw == null) return null;
        for (String part : raw.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) return part.substring(eq + 1).trim();
        }
        return null;
    }

    /** Reverse proxies whose X-Forwarded-For is believed (web.trusted_proxies; none by default). */
    private static volatile java.util.Set<String> trustedProxies = java.util.Set.of();

    static void trustProxies(java.util.Set<String> proxies) {
        trustedProxies = java.util.Set.copyOf(proxies);
    }

    /**
     * The client's address: the socket's peer, or — when that peer is a trusted reverse proxy — the
     * nearest address in X-Forwarded-For that is not one of the trusted proxies (entries further
     * left could be made up by the client).
     */
    static String clientIp(Exchange ex) {
        var a = request(ex).remoteAddress();
        String peer = a == null ? "?" : a.hostAddress();
        return clientIp(peer, header(ex, "X-Forwarded-For"), trustedProxies);
    }

    static String clientIp(String peer, String forwardedFor, java.util.Set<String> proxies) {
        if (forwardedFor == null || !proxies.contains(peer.toLowerCase(java.util.Locale.ROOT))) return peer;
        String[] hops = forwardedFor.length() > 2048 ? new String[0] : forwardedFor.split(",", 32);
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim().toLowerCase(java.util.Locale.ROOT);
            if (hop.isEmpty() || !hop.matches("[0-9a-f:.]{2,45}")) break;
            client = hop;
            if (!proxies.contains(hop)) break;
        }
        return client;
    }

    /** The url-encoded form of a POST (platform-http hands it over as a Map body or as text). */
    @SuppressWarnings("unchecked")
    static Map<String, String> form(Exchange ex) {
        Map<String, String> cached = ex.getProperty(FORM, Map.class);
        if (cached != null) return cached;
        Map<String, String> out = new HashMap<>();
        Object body = ex.getIn().getBody();
        if (body instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), first(v)));
        } else {
            String text = ex.getIn().getBody(String.class);
            if (text != null && !text.isEmpty()) {
                for (String pair : text.split("&")) {
                    int eq = pair.indexOf('=');
                    String k = eq < 0 ? pair : pair.substring(0, eq);
                    String v = eq < 0 ? "" : pair.substring(eq + 1);
                    out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
                }
            }
        }
        ex.setProperty(FORM, out);
        return out;
    }

    private static String first(Object v) {
        if (v instanceof List<?> l) return l.isEmpty() ? "" : String.valueOf(l.get(0));
        return v == null ? "" : String.valueOf(v);
    }

    static String formValue(Exchange ex, String name) {
        String v = form(ex).get(name);
        return v == null ? "" : v;
    }

    static Session session(Exchange ex) {
        return ex.getProperty(SESSION, Session.class);
    }

    /** Drops the request headers so nothing of the request is echoed into the response. */
    static void clearHeaders(Exchange ex) {
        ex.getIn().removeHeaders("*");
    }

    static void respond(Exchange ex, int status, String contentType, Object body) {
        clearHeaders(ex);
        ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        ex.getIn().setHeader(Exchange.CONTENT_TYPE, contentType);
        ex.getIn().setHeader("Cache-Control", "no-store");
        ex.getIn().setBody(body);
    }

    static void html(Exchange ex) {
        clearHeaders(ex);
        ex.getIn().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        ex.getIn().setHeader("Cache-Control", "no-store");
    }

    static void json(Exchange ex, int status, Object jsonValue) {
        String text = jsonValue instanceof io.vertx.core.json.JsonObject o ? o.encode()
                : jsonValue instanceof io.vertx.core.json.JsonArray a ? a.encode() : String.valueOf(jsonValue);
        respond(ex, status, "application/json; charset=utf-8", text);
    }

    static void redirect(Exchange ex, String location) {
        respond(ex, 302, "text/plain; charset=utf-8", "");
        ex.getIn().setHeader("Location", location);
    }

    /** Ends the route here: the response set so far is what the client gets. */
    static void stop(Exchange ex) {
        ex.setRouteStop(true);
    }

    static void setCookies(Exchange ex, String... cookies) {
        ex.getIn().setHeader("Set-Cookie", List.of(cookies));
    }

    /** Only local absolute paths are followed after login: no scheme, no host, no "//evil". */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            return "/";
        }
        return next;
    }
}
