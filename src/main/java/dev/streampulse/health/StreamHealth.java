package dev.streampulse.health;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.HealthSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.health.Assessment.NewEvent;
import dev.streampulse.probe.GrabbedFrame;
import dev.streampulse.probe.Heartbeat;
import dev.streampulse.probe.Observation;
import dev.streampulse.probe.Reason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each stream's beats into a state: analyses the frame, debounces through a {@link StateMachine},
 * decides the events each change makes (with their evidence frames) and answers the dashboard's
 * questions (state, uptime, outages). State is in memory and rebuilt from the event log at start.
 *
 * <p>{@link #assess} writes nothing: the probe route keeps the frames and records the events it returns
 * (evidence, eventLog). Restore and config changes, which no beat carries, record their UNKNOWN events
 * here through an {@link EventLog}.
 *
 * <p>Service methods for the web side: {@link #states()}, {@link #status(String)},
 * {@link #uptime(String, Duration)}, {@link #uptime(String, long, long)}, {@link #outages(String, long, long)},
 * {@link #events(long, long, int)}, {@link #evidence()}.
 */
public class StreamHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHealth.class);

    private final EventStore store;
    private final EventLog log;
    private final Evidence evidence;
    private final Supplier<AppConfig> config;
    private final LongSupplier now;
    private final Map<String, StreamTracker> trackers = new ConcurrentHashMap<>();
    /** scale-out: the newest stored beat of a stream, whichever node probed it; null on a single box */
    private volatile Function<String, Long> sharedLastBeat;
    private volatile long nodeTimeoutMs;

    public StreamHealth(EventStore store, Evidence evidence, Supplier<AppConfig> config, LongSupplier now) {
        this.store = store;
        this.log = new EventLog(store);
        this.evidence = evidence;
        this.config = config;
        this.now = now;
    }

    /**
     * Rebuilds every stream's state from its newest event. A stream that was not UNKNOWN is set UNKNOWN
     * from its last beat on: while StreamPulse was stopped nobody watched it, and uptime must not guess.
     *
     * @param lastBeats newest beat time per stream (from the heartbeat store)
     */
    public void restore(Map<String, Long> lastBeats) {
        for (HealthEvent e : store.lastStateEvents().values()) {
            StreamConfig cfg = config.get().stream(e.stream()).orElse(null);
            HealthSettings s = cfg == null ? HealthSettings.DEFAULT : cfg.health();
            if (e.to() == StreamState.UNKNOWN) {
                trackers.put(e.stream(), new StreamTracker(s, StreamState.UNKNOWN, e.reason(), e.ts()));
                continue;
            }
            long lastSeen = Math.max(e.ts(), lastBeats.getOrDefault(e.stream(), e.ts()));
            log.record(event(e.stream(), new Transition(e.to(), StreamState.UNKNOWN, "RESTART", lastSeen)));
            StreamTracker t = new StreamTracker(s, StreamState.UNKNOWN, "RESTART", lastSeen);
            t.beforeUnknown = e.to() == StreamState.PAUSED ? null : e.to();
            trackers.put(e.stream(), t);
        }
        LOG.info("Stream states restored for {} streams", trackers.size());
    }

    /**
     * Scale-out: several monitor nodes share the event log, and a stream changes hands when a node
     * fails or returns. Instead of {@link #restore} (which would declare every stream in the shared log
     * UNKNOWN, the other nodes' too), a node adopts a stream's state from the log when it starts
     * probing it — taken over, or back after a while — so a hand-over is no news and raises no alert.
     * If nobody probed the stream for longer than {@code nodeTimeoutMs} + three intervals, that gap is
     * recorded as unwatched (→ UNKNOWN from the last beat on), as a restart does on a single box.
     *
     * @param lastBeat the newest stored beat time of a stream, or null
     */
    public void shareWithOtherNodes(Function<String, Long> lastBeat, long nodeTimeoutMs) {
        this.nodeTimeoutMs = nodeTimeoutMs;
        this.sharedLastBeat = lastBeat;
    }

    /** How long a stream may go unprobed and still be handed over (scale-out). */
    private long handoverGapMs(StreamConfig cfg) {
        return nodeTimeoutMs + 3_000L * cfg.heartbeatSeconds();
    }

    /** A tracker for a stream this node starts probing, from the state the shared log holds (unwatched: an event). */
    private StreamTracker adopt(StreamConfig cfg, long ts, List<NewEvent> decided) {
        String name = cfg.name();
        HealthEvent e = store.stateBefore(name, Long.MAX_VALUE);
        if (e == null) return new StreamTracker(cfg.health(), StreamState.UNKNOWN, null, ts);
        if (e.to() == StreamState.UNKNOWN || e.to() == StreamState.PAUSED) {
            return new StreamTracker(cfg.health(), e.to(), e.reason(), e.ts());
        }
        Long last = sharedLastBeat.apply(name);
        long lastSeen = Math.max(e.ts(), last == null ? e.ts() : last);
        if (ts - lastSeen <= handoverGapMs(cfg)) {
            LOG.debug("Stream {}: taken over in state {}", name, e.to());
            return new StreamTracker(cfg.health(), e.to(), e.reason(), e.ts());
        }
        decided.add(new NewEvent(event(name, new Transition(e.to(), StreamState.UNKNOWN, "NOT_WATCHED", lastSeen)), null, null, false));
        StreamTracker t = new StreamTracker(cfg.health(), StreamState.UNKNOWN, "NOT_WATCHED", lastSeen);
        t.beforeUnknown = e.to();
        return t;
    }

    /**
     * After a config change: a stream no longer probed (removed or disabled) turns UNKNOWN, so its last
     * state does not go on counting in its uptime.
     */
    public void configChanged(AppConfig c) {
        Set<String> watched = new HashSet<>();
        c.enabledStreams().forEach(s -> watched.add(s.name()));
        for (String name : List.copyOf(trackers.keySet())) {
            if (watched.contains(name)) continue;
            StreamTracker t = trackers.remove(name);
            synchronized (t) {
                StreamState s = t.machine.state();
                if (s != StreamState.UNKNOWN) {
                    log.record(event(name, new Transition(s, StreamState.UNKNOWN, "NOT_MONITORED", now.getAsLong())));
                    LOG.info("Stream {}: {} → UNKNOWN (no longer monitored)", name, s);
                }
            }
        }
    }

    /**
     * Analyses one beat and moves its stream's state; returns the beat and the events decided, unwritten.
     * Called on the probe pool, one beat per stream at a time.
     */
    public Assessment assess(Observation o) {
        List<NewEvent> events = new ArrayList<>();
        StreamTracker t = tracker(o.stream(), o.beat().ts(), events);
        synchronized (t) {
            t.lastTs = Math.max(t.lastTs, o.beat().ts());
            if (sharedLastBeat != null) t.handoverGapMs = handoverGapMs(o.stream());
            return assess(o, t, events);
        }
    }

    private Assessment assess(Observation o, StreamTracker t, List<NewEvent> events) {
        Heartbeat beat = o.beat();
        GrabbedFrame frame = o.frame();
        String stream = o.stream().name();
        FrameAnalysis a = null;
        if (beat.ok() && frame != null) {
            a = FrameAnalysis.of(frame);
            beat = beat.withAnalysis(a.hash(), a.luma());
        }
        // maintenance first: while PAUSED beats are stored but judge nothing
        if (config.get().inMaintenance(stream, beat.ts())) {
            if (t.machine.state() != StreamState.UNKNOWN && t.machine.state() != StreamState.PAUSED) {
                t.beforeUnknown = t.machine.state();
            }
            emit(events, stream, t, t.machine.pause(beat.ts()), null, null);
            return new Assessment(beat, events);
        }
        emit(events, stream, t, t.machine.resume(beat.ts()), null, null);
        // our own session cap kept the probe from starting: the camera was not asked, the beat judges nothing
        if (beat.reason() == Reason.HOST_WAIT) return new Assessment(beat, events);

        Verdict v = t.verdict(beat, frame, a);
        byte[] jpeg = frame == null ? null : frame.jpeg();
        if (v.level() == StreamState.UP) {
            t.lastGood = jpeg;
            t.firstBad = null;
        } else if (t.firstBad == null) {
            t.firstBad = jpeg;
        }
        if (beat.ok()) {
            String change = t.profiles.observe(Profile.of(beat));
            if (change != null) {
                events.add(new NewEvent(new HealthEvent(0, stream, beat.ts(), HealthEvent.PROFILE, t.machine.state(),
                        t.machine.state(), "PROFILE_CHANGED", change, null, null), t.lastGood, jpeg, true));
            }
        }
        Transition tr = t.machine.observe(v, beat.ts());
        if (tr != null && tr.to().severity() > Math.max(0, tr.from().severity())) {
            byte[] bad = t.firstBad;
            t.firstBad = null;
            emit(events, stream, t, tr, t.lastGood, bad);
        } else {
            emit(events, stream, t, tr, null, null);
        }
        return new Assessment(beat, events);
    }

    /** A state change as an event; good and bad are the frames to keep as its proof (null: none). */
    private void emit(List<NewEvent> out, String stream, StreamTracker t, Transition tr, byte[] good, byte[] bad) {
        if (tr == null) return;
        boolean news = !(tr.from() == StreamState.UNKNOWN && tr.to() == t.beforeUnknown);
        if (tr.from() == StreamState.UNKNOWN) t.beforeUnknown = null;
        out.add(new NewEvent(event(stream, tr), good, bad, news));
        LOG.info("Stream {}: {} → {} ({})", stream, tr.from(), tr.to(), tr.reason());
    }

    private static HealthEvent event(String stream, Transition tr) {
        String why = tr.reason() == null ? "" : ": " + tr.reason().toLowerCase(Locale.ROOT).replace('_', ' ');
        return new HealthEvent(0, stream, tr.ts(), HealthEvent.STATE, tr.from(), tr.to(), tr.reason(),
                tr.from() + " → " + tr.to() + why, null, null);
    }

    /** A stream's tracker; a config change of its thresholds starts a new one in the current state. */
    private StreamTracker tracker(StreamConfig cfg, long ts, List<NewEvent> decided) {
        return trackers.compute(cfg.name(), (name, old) -> {
            // scale-out: a stream back after another node probed it continues from the shared log
            if (old != null && sharedLastBeat != null && ts - old.lastTs > handoverGapMs(cfg)) old = null;
            if (old != null && old.settings.equals(cfg.health())) return old;
            if (old == null) {
                return sharedLastBeat != null ? adopt(cfg, ts, decided) : new StreamTracker(cfg.health(), StreamState.UNKNOWN, null, now.getAsLong());
            }
            StreamTracker t = new StreamTracker(cfg.health(), old.machine.state(), old.machine.reason(), old.machine.since());
            t.lastGood = old.lastGood;
            t.beforeUnknown = old.beforeUnknown;
            return t;
        });
    }

    // --- queries for the dashboard and API ---

    /** Every known stream's current state, by name. */
    public Map<String, StreamStatus> states() {
        Map<String, StreamStatus> out = new LinkedHashMap<>();
        for (StreamConfig s : config.get().streams()) out.put(s.name(), status(s.name()));
        return out;
    }

    /**
     * One stream's current state; UNKNOWN if it has had no verdict yet. A process that does not probe
     * (web mode) reads the newest state from the event log the monitor process writes.
     */
    public StreamStatus status(String stream) {
        StreamTracker t = trackers.get(stream);
        // scale-out: a stream this node no longer probes is told by the log its new node writes
        if (t != null && now.getAsLong() - t.lastTs > t.handoverGapMs) t = null;
        if (t == null) {
            HealthEvent e = store.stateBefore(stream, Long.MAX_VALUE);
            return e == null ? new StreamStatus(stream, StreamState.UNKNOWN, null, 0)
                    : new StreamStatus(stream, e.to(), e.reason(), e.ts());
        }
        synchronized (t) {
            return new StreamStatus(stream, t.machine.state(), t.machine.reason(), t.machine.since());
        }
    }

    /** Time-weighted uptime over the last {@code window} (24 h, 7 d, 30 d ...). */
    public Uptime uptime(String stream, Duration window) {
        long to = now.getAsLong();
        return uptime(stream, to - window.toMillis(), to);
    }

    public Uptime uptime(String stream, long fromTs, long toTs) {
        HealthEvent before = store.stateBefore(stream, fromTs);
        List<HealthEvent> changes = store.events(stream, fromTs, toTs, Integer.MAX_VALUE);
        return Uptime.compute(before == null ? StreamState.UNKNOWN : before.to(), changes, fromTs, Math.min(toTs, now.getAsLong()));
    }

    /** Outages overlapping {@code [fromTs, toTs)}, oldest first; an ongoing one has {@code end == null}. */
    public List<Outage> outages(String stream, long fromTs, long toTs) {
        return outages(stream, fromTs, toTs, MAX_OUTAGES).outages();
    }

    /** Outages answered at most: the newest ones of a window; older ones are left out and said so. */
    public static final int MAX_OUTAGES = 1000;
    /** Events read from the store at once, so no window holds all of its events in memory. */
    static final int EVENT_PAGE = 2000;

    /** The newest outages of a window, oldest first, and whether older ones were left out. */
    public record OutageWindow(List<Outage> outages, boolean truncated) {}

    /** Outages in a window, at most {@code max} (the newest), reading the event log page by page. */
    public OutageWindow outages(String stream, long fromTs, long toTs, int max) {
        Outage.Collector c = new Outage.Collector(stream, Math.max(1, max));
        HealthEvent before = store.stateBefore(stream, fromTs);
        if (before != null) c.accept(before);
        forEachEvent(stream, fromTs, toTs, c::accept);
        List<Outage> out = c.finish(Math.min(toTs, now.getAsLong()));
        return new OutageWindow(out, c.dropped());
    }

    /** Feeds one stream's events of a window, oldest first, a page at a time. */
    private void forEachEvent(String stream, long fromTs, long toTs, Consumer<HealthEvent> sink) {
        long cursor = fromTs;
        long lastId = Long.MIN_VALUE;
        while (true) {
            List<HealthEvent> page = store.events(stream, cursor, toTs, EVENT_PAGE);
            boolean progressed = false;
            for (HealthEvent e : page) {
                if (e.ts() == cursor && e.id() <= lastId) continue; // seen on the previous page (same ts)
                sink.accept(e);
                progressed = true;
                cursor = e.ts();
                lastId = e.id();
            }
            if (page.size() < EVENT_PAGE || !progressed) return;
        }
    }

    /**
     * The newest event's id: it changes with every state change of any stream (events of different
     * streams are written out of time order, so the newest by time would miss some).
     */
    public long lastEventId() {
        return store.lastEventId();
    }

    /** All streams' events in a window, newest first. */
    public List<HealthEvent> events(long fromTs, long toTs, int limit) {
        return store.recentEvents(fromTs, toTs, limit);
    }

    /** One stream's events in a window, newest first, at most {@code limit} (the stream page's list). */
    public List<HealthEvent> events(String stream, long fromTs, long toTs, int limit) {
        ArrayDeque<HealthEvent> newest = new ArrayDeque<>();
        forEachEvent(stream, fromTs, toTs, e -> {
            newest.addFirst(e);
            if (newest.size() > limit) newest.removeLast();
        });
        return new ArrayList<>(newest);
    }

    /** Where evidence frames named in events live; {@link Evidence#resolve(String)} maps a name to its file. */
    public Evidence evidence() {
        return evidence;
    }
}
