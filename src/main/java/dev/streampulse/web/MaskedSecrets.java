package dev.streampulse.web;

import dev.streampulse.config.AlertRule;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.config.UrlRedactor;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw editor shows secrets masked (***): on save they are put back by stream (alert) name, for
 * the same scheme, user, host and port only, so {@code rtsp://admin:***@other-host/} never sends
 * the stored password elsewhere.
 */
final class MaskedSecrets {
    /** @param problems the masks that had no stored secret to stand for (the text is then not to be saved) */
    record Restored(String text, List<String> problems) {}

    private MaskedSecrets() {}

    /** {@code text} (which parsed as {@code parsed}) with the secrets of {@code current} in place of their masks. */
    static Restored restore(String text, AppConfig parsed, AppConfig current) {
        List<String> problems = new ArrayList<>();
        for (StreamConfig s : parsed.streams()) {
            if (!UrlRedactor.hasMask(s.url())) continue;
            String restored = ConfigEditor.restorePassword(s.url(), current.stream(s.name()).orElse(null));
            if (UrlRedactor.hasMask(restored)) {
                problems.add("stream '" + s.name() + "': url has a masked password (***) and no stored one for this "
                        + "scheme, user, host and port: type it");
            } else {
                text = text.replace(s.url(), restored);
            }
        }
        for (AlertRule a : parsed.alerts()) {
            if (!UrlRedactor.hasMask(a.uri())) continue;
            String stored = current.alerts().stream().filter(o -> o.name().equals(a.name()))
                    .map(AlertRule::uri).findFirst().orElse(null);
            String restored = UrlRedactor.restore(a.uri(), stored);
            if (UrlRedactor.hasMask(restored)) {
                problems.add("alert '" + a.name() + "': uri has a masked secret (***) and no stored one for this "
                        + "scheme, user, host and port: type it");
            } else {
                text = text.replace(a.uri(), restored);
            }
        }
        return new Restored(text, problems);
    }
}
