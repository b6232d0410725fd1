package dev.streampulse.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows where secrets sit in a URL: the password of {@code scheme://user:pass@host}
 * and query parameters such as {@code ?user=admin&pwd=…} ({@code password}, {@code passwd}, {@code pass},
 * {@code pwd}, {@code token}, {@code auth}, {@code key}, {@code secret}…) that cheap MJPEG cameras,
 * webhooks and JDBC URLs carry. {@link #redact} masks them as {@value #MASK} in any text (a URL, a
 * YAML file, a log line); {@link #restore} puts the stored ones back into a URL the editor sent
 * masked, but only for the same scheme, user, host and port.
 */
public final class UrlRedactor {
    public static final String MASK = "***";
    /** Text beyond this is cut before any pattern runs over it (a config is at most 1 MiB). */
    public static final int MAX_INPUT = 2 << 20;
    // user-info ends at the last '@' before the first '/' of the path; passwords may contain '@' or ':'
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s:]*):([^/\\s]*)@");
    private static final Pattern PARAM = Pattern.compile("([?&;])([A-Za-z0-9_.\\-]{1,64})=([^&;#\\s\"'<>]*)");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pas|pwd|psw|secret|token|auth|key|sig|cred).*");
    /** scheme(s), user, password, host[:port]: {@code rtsp://u:p@h:554} or {@code netty-http:https://h} */
    private static final Pattern AUTHORITY = Pattern.compile(
            "(?i)^([a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)*)://(?:([^/@\\s:]*)(?::([^/\\s]*))?@)?([^/?#\\s@]*)");
    private static final Map<String, Integer> DEFAULT_PORTS =
            Map.of("rtsp", 554, "rtsps", 322, "http", 80, "https", 443, "smtp", 25, "smtps", 465);

    private UrlRedactor() {}

    /** Masks every password and secret query value in {@code text}; null stays null. */
    public static String redact(String text) {
        if (text == null) return null;
        String s = text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
        s = USERINFO.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + ":" + MASK + "@"));
        return PARAM.matcher(s).replaceAll(r -> Matcher.quoteReplacement(isSecretName(r.group(2)) && !r.group(3).isEmpty()
                ? r.group(1) + r.group(2) + "=" + MASK : r.group()));
    }

    /** Whether a query parameter of this name holds a secret (its value is masked). */
    public static boolean isSecretName(String name) {
        return name.length() <= 64 && SECRET_NAME.matcher(name).matches();
    }

    /** Whether the URL still carries a mask where a secret belongs (the user must type it). */
    public static boolean hasMask(String url) {
        if (url == null || url.length() > MAX_INPUT) return false;
        Matcher u = USERINFO.matcher(url);
        if (u.find() && u.group(3).equals(MASK)) return true;
        Matcher p = PARAM.matcher(url);
        while (p.find()) {
            if (p.group(3).equals(MASK) && isSecretName(p.group(2))) return true;
        }
        return false;
    }

    /**
     * Puts the secrets of {@code stored} back into {@code masked} where it shows {@value #MASK}, only
     * when both name the same scheme, user, host and port (else a changed host would receive the
     * stored password). A URL without an authority ({@code paho:topic?…}) is restored only when it is
     * otherwise unchanged. Returns {@code masked} as it is when nothing may be restored.
     */
    public static String restore(String masked, String stored) {
        if (masked == null || stored == null || !hasMask(masked) || masked.length() > MAX_INPUT || stored.length() > MAX_INPUT) {
            return masked;
        }
        Matcher m = AUTHORITY.matcher(masked);
        Matcher s = AUTHORITY.matcher(stored);
        if (m.find() && s.find()) {
            if (!m.group(1).equalsIgnoreCase(s.group(1)) || !nz(m.group(2)).equals(nz(s.group(2)))
                    || !hostPort(m.group(1), m.group(4)).equals(hostPort(s.group(1), s.group(4)))) {
                return masked;
            }
        } else if (!redact(stored).equals(masked)) {
            return masked;
        }
        String out = masked;
        Matcher mu = USERINFO.matcher(out);
        if (mu.find() && mu.group(3).equals(MASK)) {
            Matcher su = USERINFO.matcher(stored);
            if (su.find() && su.group(2).equals(mu.group(2))) {
                out = out.substring(0, mu.start(3)) + su.group(3) + out.substring(mu.end(3));
            }
        }
        Map<String, String> storedParams = new HashMap<>();
        Matcher sp = PARAM.matcher(stored);
        while (sp.find()) storedParams.putIfAbsent(sp.group(2), sp.group(3));
        StringBuilder sb = new StringBuilder();
        Matcher mp = PARAM.matcher(out);
        while (mp.find()) {
            String value = mp.group(3);
            if (value.equals(MASK) && isSecretName(mp.group(2)) && storedParams.containsKey(mp.group(2))) {
                value = storedParams.get(mp.group(2));
            }
            mp.appendReplacement(sb, Matcher.quoteReplacement(mp.group(1) + mp.group(2) + "=" + value));
        }
        mp.appendTail(sb);
        return sb.toString();
    }

    /** host:port in lower case, the scheme's default port filled in. */
    private static String hostPort(String schemes, String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        int colon = a.lastIndexOf(':');
        if (colon >= 0 && a.indexOf(']', colon) < 0) return a; // a port is given (IPv6 literals end with ']')
        String scheme = schemes.toLowerCase(Locale.ROOT);
        scheme = scheme.substring(scheme.lastIndexOf(':') + 1);
        return a + ":" + DEFAULT_PORTS.getOrDefault(scheme, -1);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
