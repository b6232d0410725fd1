package dev.streampulse.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks the password of {@code scheme://user:pass@host/...} so URLs can be shown and logged. */
public final class UrlRedactor {
    // user-info ends at the last '@' before the first '/' of the path; passwords may contain '@' or ':'
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s:]*):([^/\\s]*)@");

    private UrlRedactor() {}

    public static String redact(String url) {
        if (url == null) return null;
        Matcher m = USERINFO.matcher(url);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + ":***@"));
    }
}
