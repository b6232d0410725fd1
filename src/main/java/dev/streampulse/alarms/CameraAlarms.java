package dev.streampulse.alarms;

import dev.streampulse.config.StreamConfig;
import dev.streampulse.config.UrlRedactor;
import dev.streampulse.health.EventStore;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import dev.streampulse.onvif.CameraEvent;
import dev.streampulse.onvif.EventWatcher;
import dev.streampulse.onvif.OnvifCamera;
import dev.streampulse.onvif.OnvifException;
import dev.streampulse.onvif.OnvifLabels;
import dev.streampulse.onvif.SoapClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras' own alarms: for each stream with an ONVIF device (see {@link OnvifLabels}), a
 * PullPoint subscription whose health events (tamper, video loss, storage failure, reboot) become the
 * stream's events, kind {@link HealthEvent#CAMERA}, next to our own verdicts. {@link #poll()} never
 * blocks the timer: it hands out the events pulled since the last tick and starts a new pull for
 * each camera that is idle; a camera that fails is retried after a back-off, and is logged once.
 */
public final class CameraAlarms implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraAlarms.class);
    static final Duration PULL_WAIT = Duration.ofSeconds(1);
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** How often a camera's clock is compared with ours. */
    static final Duration CLOCK_EVERY = Duration.ofMinutes(15);

    private final Supplier<List<StreamConfig>> streams;
    private final EventStore store;
    private final Function<String, StreamState> stateOf;
    private final LongSupplier clock;
    private final Supplier<Duration> clockLimit;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "onvif-events");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<HealthEvent> pulled = new ConcurrentLinkedQueue<>();

    /** One stream's subscription and its pull in flight. */
    private static final class Watch {
        final String key;
        final EventWatcher watcher;
        final OnvifCamera camera;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile long notBefore;
        volatile String lastError;
        volatile long clockCheckedAt = Long.MIN_VALUE;
        volatile Boolean drifted;

        Watch(String key, OnvifCamera camera, EventWatcher watcher) {
            this.key = key;
            this.camera = camera;
            this.watcher = watcher;
        }
    }

    /**
     * @param streams the enabled streams this node watches
     * @param stateOf a stream's current state (camera events carry it as from and to)
     * @param clock   our NTP-corrected clock (ms)
     * @param clockLimit a camera clock further than this from ours is flagged (CAMERA_CLOCK_DRIFT); read at each check
     */
    public CameraAlarms(Supplier<List<StreamConfig>> streams, EventStore store, Function<String, StreamState> stateOf, LongSupplier clock,
                        Supplier<Duration> clockLimit) {
        this.streams = streams;
        this.store = store;
        this.stateOf = stateOf;
        this.clock = clock;
        this.clockLimit = clockLimit;
    }

    /** Events pulled since the last call; starts the next pull for every idle camera. */
    public List<HealthEvent> poll() {
        Set<String> live = new HashSet<>();
        long now = clock.getAsLong();
        for (StreamConfig s : streams.get()) {
            OnvifLabels labels = OnvifLabels.of(s);
            if (labels == null) {
                continue;
            }
            SoapClient.Credentials creds = OnvifLabels.credentials(s);
            // a changed device or login is a new subscription
            String key = s.name() + "\u0000" + labels.deviceUrl() + "\u0000" + Objects.hashCode(creds);
            live.add(key);
            Watch w = watches.computeIfAbsent(key, k -> {
                OnvifCamera camera = new OnvifCamera(labels.deviceUrl(), creds, Duration.ofSeconds(5), () -> Instant.ofEpochMilli(clock.getAsLong()));
                return new Watch(k, camera, new EventWatcher(camera, PULL_WAIT, Duration.ofMinutes(10)));
            });
            if (now >= w.notBefore && w.busy.compareAndSet(false, true)) {
                pool.execute(() -> pull(s.name(), labels, w));
            }
        }
        for (Watch w : watches.values()) {
            if (!live.contains(w.key) && watches.remove(w.key, w)) {
                pool.execute(w.watcher::close);
            }
        }
        List<HealthEvent> out = new ArrayList<>();
        for (HealthEvent e; (e = pulled.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    private void pull(String stream, OnvifLabels labels, Watch w) {
        try {
            if (w.clockCheckedAt == Long.MIN_VALUE || clock.getAsLong() - w.clockCheckedAt >= CLOCK_EVERY.toMillis()) {
                checkClock(stream, w);
            }
            for (CameraEvent e : w.watcher.poll()) {
                pulled.add(toEvent(stream, e));
            }
            if (w.lastError != null) {
                LOG.info("Camera events for {}: subscribed again at {}", stream, UrlRedactor.redact(labels.deviceUrl()));
                w.lastError = null;
            }
        } catch (OnvifException | RuntimeException e) {
            w.notBefore = clock.getAsLong() + RETRY_AFTER.toMillis();
            String msg = UrlRedactor.redact(String.valueOf(e.getMessage()));
            if (!msg.equals(w.lastError)) {
                LOG.warn("Camera events for {} unavailable (retry in {} s): {}", stream, RETRY_AFTER.toSeconds(), msg);
                w.lastError = msg;
            }
        } finally {
            w.busy.set(false);
        }
    }

    /** GetSystemDateAndTime against our clock; an event when the drift crosses the limit, either way. */
    private void checkClock(String stream, Watch w) throws OnvifException {
        long before = clock.getAsLong();
        Instant camera = w.camera.cameraTime();
        long ours = (before + clock.getAsLong()) / 2;
        w.clockCheckedAt = ours;
        long offset = camera.toEpochMilli() - ours;
        Duration limit = clockLimit.get();
        boolean drifted = Math.abs(offset) > limit.toMillis();
        Boolean was = w.drifted;
        w.drifted = drifted;
        if (drifted && !Boolean.TRUE.equals(was) || !drifted && Boolean.TRUE.equals(was)) {
            StreamState state = stateOf.apply(stream);
            state = state == null ? StreamState.UNKNOWN : state;
            String detail = "camera clock " + (offset >= 0 ? "+" : "") + Math.round(offset / 1000.0) + " s from ours (limit "
                    + limit.toSeconds() + " s)";
            pulled.add(new HealthEvent(0, stream, ours, HealthEvent.CAMERA, state, state,
                    drifted ? "CAMERA_CLOCK_DRIFT" : "CAMERA_CLOCK_OK", detail, null, null));
        }
    }

    HealthEvent toEvent(String stream, CameraEvent e) {
        StreamState state = stateOf.apply(stream);
        if (state == null) {
            state = StreamState.UNKNOWN;
        }
        String detail = e.topic() + (e.active() == null ? "" : e.active() ? " (on)" : " (off)")
                + (e.source().isEmpty() ? "" : " " + e.source().values());
        // stamped on our clock, not the camera's: a camera clock that drifts must not move its alarm
        // out of the event log's order (or into the future)
        long ts = clock.getAsLong();
        return new HealthEvent(0, stream, ts, HealthEvent.CAMERA, state, state, "CAMERA_" + e.kind().name(), detail, null, null);
    }

    /** Writes the event row; returns the event with its id (for alerts). */
    public HealthEvent record(HealthEvent e) {
        return e.withId(store.insertEvent(e));
    }

    @Override
    public void close() {
        for (Watch w : watches.values()) {
            w.watcher.close();
        }
        watches.clear();
        pool.shutdownNow();
    }
}
