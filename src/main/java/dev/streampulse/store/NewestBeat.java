package dev.streampulse.store;

import dev.streampulse.probe.Heartbeat;
import java.util.List;
import java.util.function.Function;

/** The newest stored beat time of a stream, or null: how a node sees when the shared log last heard of it. */
public record NewestBeat(HeartbeatStore store) implements Function<String, Long> {

    @Override
    public Long apply(String stream) {
        List<Heartbeat> newest = store.beats(stream, 0, Long.MAX_VALUE, 1);
        return newest.isEmpty() ? null : newest.get(0).ts();
    }
}
