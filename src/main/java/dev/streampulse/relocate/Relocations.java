package dev.streampulse.relocate;

import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigFile;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.EventStore;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.onvif.Discovery;
import dev.streampulse.onvif.OnvifLabels;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Reason;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOVED: a stream with an ONVIF identity ({@code onvif_serial}) whose newest beat failed at the
 * address level (refused, unreachable, timeout) is looked for by serial on its host's /24; found
 * elsewhere, its URL and device address are rewritten in config.yaml (validated, atomic, comments
 * kept) and a MOVED event is written. The stream keeps its name, so its history, and its next beat
 * goes to the new address, normally before the failures reach {@code fail_threshold}: it reads
 * MOVED, not DOWN. {@link #check()} never blocks its timer; searches run on two own threads, at
 * most one per stream per {@link #RETRY_MS}.
 */
public final class Relocations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relocations.class);
    static final long RETRY_MS = 60_000;
    private static final Set<Reason> ADDRESS = Set.of(Reason.REFUSED, Reason.UNREACHABLE, Reason.TIMEOUT);

    private final ConfigFile config;
    private final Supplier<List<StreamConfig>> streams;
    private final Function<String, Heartbeat> latest;
    private final EventStore store;
    private final Function<String, StreamState> stateOf;
    private final LongSupplier clock;
    private final StreamRelocator relocator;
    private final int discoveryPort;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "onvif-relocate");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> searchedAt = new ConcurrentHashMap<>();
    private final Set<String> searching = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<HealthEvent> moved = new ConcurrentLinkedQueue<>();

    /** @param discoveryPort the WS-Discovery port probed on each address (3702 but in tests) */
    public Relocations(ConfigFile config, Supplier<List<StreamConfig>> streams, Function<String, Heartbeat> latest, EventStore store,
                       Function<String, StreamState> stateOf, LongSupplier clock, StreamRelocator relocator, int discoveryPort) {
        this.config = config;
        this.streams = streams;
        this.latest = latest;
        this.store = store;
        this.stateOf = stateOf;
        this.clock = clock;
        this.relocator = relocator;
        this.discoveryPort = discoveryPort;
    }

    /** MOVED events of searches that finished since the last call; starts searches for streams that lost their camera. */
    public List<HealthEvent> check() {
        long now = clock.getAsLong();
        for (StreamConfig s : streams.get()) {
            OnvifLabels labels = OnvifLabels.of(s);
            Heartbeat beat = latest.apply(s.name());
            if (labels == null || labels.serial() == null || beat == null || beat.ok() || !ADDRESS.contains(beat.reason())) {
                continue;
            }
            Long last = searchedAt.get(s.name());
            if (last != null && now - last < RETRY_MS || !searching.add(s.name())) {
                continue;
            }
            searchedAt.put(s.name(), now);
            pool.execute(() -> search(s));
        }
        List<HealthEvent> out = new ArrayList<>();
        for (HealthEvent e; (e = moved.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    private void search(StreamConfig s) {
        try {
            String host = URI.create(s.url()).getHost();
            List<InetSocketAddress> targets = new ArrayList<>();
            for (InetSocketAddress t : StreamRelocator.around(host)) {
                targets.add(new InetSocketAddress(t.getAddress(), discoveryPort));
            }
            Optional<StreamRelocator.Move> m = relocator.find(s, targets);
            if (m.isEmpty()) {
                LOG.info("Stream {}: its camera (serial {}) did not answer on {}/24", s.name(), OnvifLabels.of(s).serial(), host);
                return;
            }
            synchronized (config) {
                config.save(StreamRelocator.apply(config.text(), m.get()));
            }
            StreamState st = stateOf.apply(s.name());
            st = st == null ? StreamState.UNKNOWN : st;
            HealthEvent e = new HealthEvent(0, s.name(), clock.getAsLong(), HealthEvent.CAMERA, st, st, "MOVED", m.get().describe(), null, null);
            moved.add(e.withId(store.insertEvent(e)));
            LOG.info("Stream {} moved: {}", s.name(), m.get().describe());
        } catch (ConfigException | RuntimeException | java.io.IOException e) {
            LOG.warn("Stream {}: looking for its camera failed: {}", s.name(), e.getMessage());
        } finally {
            searching.remove(s.name());
        }
    }

    /** The WS-Discovery port to probe: 3702 unless a test says otherwise. */
    public static int discoveryPort(String property) {
        return property == null ? Discovery.PORT : Integer.parseInt(property);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
