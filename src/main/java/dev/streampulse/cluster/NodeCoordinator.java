package dev.streampulse.cluster;

import dev.streampulse.config.NodeSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.store.NodeStore;
import dev.streampulse.store.NodeStore.NodeRow;
import dev.streampulse.store.StoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's share of the fleet, agreed with the other nodes through the database alone. Each tick
 * (every {@code node.heartbeat_seconds}): beat in the node table, read who is alive, work out from
 * {@link Assignment} which units this node should hold, give up the others, and take or renew leases
 * on its own. A unit changes hands only once its lease is released or has run out, so no stream is
 * probed by two nodes; a node that cannot renew stops probing before its leases can run out.
 *
 * <p>Leases last {@code timeout − heartbeat}: renewed every heartbeat, they never lapse while the node
 * lives, and a dead node's leases are free by the time the others see it gone ({@code timeout}). The
 * survivors run a round at the very moment a node's silence reaches the timeout (not at their next
 * heartbeat), so its streams move within the timeout plus the wait for each stream's next slot.
 * A node that comes back is preferred again: the holder releases at its next tick and the returning
 * node claims at the one after.
 */
public final class NodeCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCoordinator.class);

    private final NodeStore store;
    private final NodeSettings me;
    private final boolean active;
    private final String host;
    private final long startedMs;
    private final LongSupplier clock;
    private volatile Set<String> held = Set.of();
    private volatile long heldUntil;
    private volatile long nextRoundMs = Long.MIN_VALUE;
    private volatile boolean stopped;
    private volatile String problem;
    private volatile Runnable onShareChange = () -> { };

    /**
     * @param active false on a single box (embedded database, no node configured): this node owns
     *               every stream and never touches the node tables
     */
    public NodeCoordinator(NodeStore store, NodeSettings me, boolean active, String host, LongSupplier clock) {
        this.store = store;
        this.me = me;
        this.active = active;
        this.host = host;
        this.clock = clock;
        this.startedMs = clock.getAsLong();
    }

    public boolean active() {
        return active;
    }

    /** Called (on the node route's thread) after this node's share of the streams changed. */
    public void onShareChange(Runnable listener) {
        this.onShareChange = listener;
    }

    public NodeSettings settings() {
        return me;
    }

    private long leaseMs() {
        return (me.timeoutSeconds() - me.heartbeatSeconds()) * 1000L;
    }

    /**
     * Called by the node route several times a second: a round when this node's heartbeat is due, or
     * as soon as a node seen alive in the last round has been silent for the whole timeout.
     */
    public void poll() {
        if (active && !stopped && clock.getAsLong() >= nextRoundMs) tick();
    }

    /** When {@link #poll} runs the next round (for tests). */
    long nextRoundMs() {
        return nextRoundMs;
    }

    /** One round of the protocol. */
    public void tick() {
        if (!active || stopped) return;
        long t0 = clock.getAsLong();
        nextRoundMs = t0 + me.heartbeatSeconds() * 1000L;
        try {
            store.nodeBeat(me.id(), me.site(), me.shardText(), host, startedMs);
            long timeoutMs = me.timeoutSeconds() * 1000L;
            List<NodeRow> alive = store.nodes().stream().filter(n -> n.alive(timeoutMs)).toList();
            long readMs = clock.getAsLong();
            for (NodeRow n : alive) {
                // ageMs is on the database's clock: how much longer this node may stay silent, whatever the skew
                if (!n.id().equals(me.id())) nextRoundMs = Math.min(nextRoundMs, readMs + timeoutMs - n.ageMs() + 1);
            }
            List<String> want = new ArrayList<>();
            List<String> release = new ArrayList<>();
            for (String unit : Assignment.unitsOf(me)) {
                if (me.id().equals(Assignment.owner(unit, alive))) want.add(unit);
                else release.add(unit);
            }
            Set<String> got = store.lease(me.id(), want, release, leaseMs());
            if (stopped) return;
            if (!got.equals(held)) {
                Set<String> gained = new TreeSet<>(got);
                gained.removeAll(held);
                Set<String> lost = new TreeSet<>(held);
                lost.removeAll(got);
                LOG.info("Node {} holds {} of {} units (took {}, gave up {}); {} nodes alive", me.id(), got.size(),
                        Assignment.unitsOf(me).size(), gained, lost, alive.size());
            }
            boolean changed = !got.equals(held);
            held = Set.copyOf(got);
            if (changed) onShareChange.run();
            // stop a little before the lease could run out in the database, whatever happens to the next renewal
            heldUntil = t0 + leaseMs() - Math.min(1_000L, me.heartbeatSeconds() * 500L);
            if (problem != null) LOG.info("Node {} reaches the database again", me.id());
            problem = null;
        } catch (StoreException e) {
            if (problem == null) {
                LOG.warn("Node {} cannot renew its leases ({}); it stops probing when they run out", me.id(), e.getMessage());
            }
            problem = e.getMessage();
        }
    }

    /** Whether this node should probe the stream now. */
    public boolean owns(StreamConfig stream) {
        if (!active) return true;
        if (stopped || clock.getAsLong() >= heldUntil) return false;
        String unit = Assignment.unitOf(stream, me);
        return unit != null && held.contains(unit);
    }

    /** The units this node holds now (for the dashboard and tests). */
    public Set<String> held() {
        return clock.getAsLong() < heldUntil ? held : Set.of();
    }

    /** Why the last renewal failed, or null. */
    public String problem() {
        return problem;
    }

    /** A clean stop: the others take this node's streams at their next tick instead of after the timeout. */
    public void stop() {
        if (!active || stopped) return;
        stopped = true;
        held = new HashSet<>();
        try {
            store.nodeStopped(me.id());
        } catch (StoreException e) {
            LOG.warn("Node {} could not record its stop ({}); its leases run out by themselves", me.id(), e.getMessage());
        }
    }
}
