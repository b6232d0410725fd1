package dev.streampulse.alert;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * News about several streams at once (a site incident) that alerts as one message. An alert wants it
 * when its {@code events:} match {@link #names()} and its {@code streams:} (if any) name one of {@link #streams()}.
 */
public interface Notice {
    /** Dedupe key: one message per key and news, like a stream's name for a state change. */
    String key();

    /** What changed ("opened", "closed" …): a repeat of the same news for a key is not sent again. */
    String news();

    List<String> streams();

    /** Lower-case names an alert's {@code events:} list matches (e.g. incident, down, unreachable). */
    Set<String> names();

    /** The template data: the same keys a stream's event has (alert, id, stream, event, detail, online …) and more. */
    Map<String, Object> model();
}
