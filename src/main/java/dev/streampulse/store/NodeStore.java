package dev.streampulse.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What monitor nodes share through the database: their own heartbeats and the leases on the units
 * of work (a site's buckets, a shard) they split the streams into. Times are the database's clock,
 * so nodes with skewed clocks still agree on who is alive and which lease has run out.
 */
public interface NodeStore {

    /** One monitor node as last seen; {@code ageMs} = database now − last seen. */
    record NodeRow(String id, String site, String shard, String host, long startedMs, long lastSeenMs, Long stoppedMs,
                   long ageMs) {
        public boolean alive(long timeoutMs) {
            return stoppedMs == null && ageMs <= timeoutMs;
        }
    }

    /** Records that the node is alive now (and what it serves). */
    void nodeBeat(String id, String site, String shard, String host, long startedMs);

    /** A clean stop: the node is shown stopped and its leases are free at once. */
    void nodeStopped(String id);

    /** Every node that ever beat, by id. */
    List<NodeRow> nodes();

    /** The ids of the nodes among {@code rows} that are not alive: their streams' newest beats are stale. */
    static Set<String> quiet(List<NodeRow> rows, long timeoutMs) {
        Set<String> out = new HashSet<>();
        for (NodeRow n : rows) if (!n.alive(timeoutMs)) out.add(n.id());
        return out;
    }

    /**
     * In one transaction: drops the node's leases on {@code release}, then takes or renews a lease of
     * {@code leaseMs} on each of {@code claim} that is free, expired or already its own. Returns the
     * units the node holds afterwards; a unit another node holds is not among them.
     */
    Set<String> lease(String node, Collection<String> claim, Collection<String> release, long leaseMs);

    /** Unexpired leases: unit → node. */
    Map<String, String> leases();
}
