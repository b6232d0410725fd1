package dev.streampulse.cluster;

import dev.streampulse.config.NodeSettings;
import dev.streampulse.config.StreamConfig;
import dev.streampulse.store.NodeStore.NodeRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which node should probe what, from nothing but names: pure functions, so every node computes the
 * same answer from the same list of live nodes.
 *
 * <p>Streams are grouped into units: a site's streams into {@link #SITE_BUCKETS} buckets (so several
 * nodes of one site share it), or all streams into the n shards of "shard i/n". A unit's owner is
 * its preferred node when alive (the node of that shard; for a site, the one ranked first by
 * rendezvous hashing), else the survivor ranked first among the nodes that may take it (same site;
 * any shard node). Rendezvous hashing moves only the units of a node that left or came back.
 */
public final class Assignment {
    /** Units per site: enough to spread a site over a handful of nodes, few enough to lease cheaply. */
    public static final int SITE_BUCKETS = 16;
    public static final String SITE_LABEL = "site";

    private Assignment() {}

    /** The unit a stream belongs to, seen from a node of the given kind; null if no such node probes it. */
    public static String unitOf(StreamConfig stream, NodeSettings me) {
        if (me.site() != null) {
            String site = stream.labels().get(SITE_LABEL);
            return site == null ? null : siteUnit(site, Math.floorMod(hash(stream.name()), SITE_BUCKETS));
        }
        return shardUnit(Math.floorMod(hash(stream.name()), me.shards()), me.shards());
    }

    /** Every unit a node of this kind may hold: its site's buckets, or all shards. */
    public static List<String> unitsOf(NodeSettings me) {
        List<String> out = new ArrayList<>();
        if (me.site() != null) {
            for (int k = 0; k < SITE_BUCKETS; k++) out.add(siteUnit(me.site(), k));
        } else {
            for (int i = 0; i < me.shards(); i++) out.add(shardUnit(i, me.shards()));
        }
        return out;
    }

    /** The node that should hold {@code unit} given the nodes alive now; null if none may. */
    public static String owner(String unit, Collection<NodeRow> alive) {
        List<NodeRow> eligible = new ArrayList<>();
        List<NodeRow> preferred = new ArrayList<>();
        if (unit.startsWith(SITE)) {
            String site = unit.substring(SITE.length(), unit.lastIndexOf('#'));
            for (NodeRow n : alive) {
                if (site.equals(n.site())) eligible.add(n);
            }
        } else {
            String shard = unit.substring(SHARD.length());
            String of = shard.substring(shard.indexOf('/'));
            for (NodeRow n : alive) {
                if (n.site() != null || n.shard() == null || !n.shard().endsWith(of)) continue;
                eligible.add(n);
                if (n.shard().equals(shard)) preferred.add(n);
            }
        }
        NodeRow best = top(unit, preferred.isEmpty() ? eligible : preferred);
        return best == null ? null : best.id();
    }

    private static NodeRow top(String unit, List<NodeRow> nodes) {
        NodeRow best = null;
        long bestScore = 0;
        for (NodeRow n : nodes) {
            long score = mix(hash(unit) * 31 + hash(n.id()));
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && n.id().compareTo(best.id()) < 0)) {
                best = n;
                bestScore = score;
            }
        }
        return best;
    }

    private static final String SITE = "site:";
    private static final String SHARD = "shard:";

    static String siteUnit(String site, int bucket) {
        return SITE + site + "#" + bucket;
    }

    static String shardUnit(int i, int n) {
        return SHARD + i + "/" + n;
    }

    /** FNV-1a over UTF-8: the same on every JVM and machine, unlike anything seeded. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : Objects.requireNonNull(s).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finalizer: spreads nearby inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
