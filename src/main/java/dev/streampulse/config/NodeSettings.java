package dev.streampulse.config;

import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This monitor process among several ({@code node:} in config.yaml, or {@code STREAMPULSE_NODE_ID},
 * {@code STREAMPULSE_NODE_SITE}, {@code STREAMPULSE_NODE_SHARD} so one config file serves every node).
 * A node probes either the streams of its {@code site} (the stream's {@code site} label) or shard
 * {@code shard}/{@code shards} of all streams by a stable hash of the name; a node with neither is
 * shard 0/1, so two such nodes are active and standby.
 *
 * @param explicit whether config or environment named the node (a single box without it needs no coordination)
 */
public record NodeSettings(String id, String site, int shard, int shards, int heartbeatSeconds, int timeoutSeconds,
                           boolean explicit) {
    /** What a node id may be: it is shown on the dashboard and stored with every beat. */
    public static final String ID = "[A-Za-z0-9._-]{1,64}";
    public static final int DEFAULT_HEARTBEAT_SECONDS = 5;
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final NodeSettings SINGLE =
            new NodeSettings(null, null, 0, 1, DEFAULT_HEARTBEAT_SECONDS, DEFAULT_TIMEOUT_SECONDS, false);
    private static final Pattern SHARD_TEXT = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");

    public enum Key implements ConfigKey { ID, SITE, SHARD, HEARTBEAT_SECONDS, TIMEOUT_SECONDS }

    /** "1/3" → {1, 3}; null when the text is not a shard of that form (0 ≤ i < n ≤ 1024). */
    public static int[] parseShard(String text) {
        Matcher m = SHARD_TEXT.matcher(text);
        if (!m.matches()) return null;
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return n >= 1 && n <= 1024 && i < n ? new int[] {i, n} : null;
    }

    /** The settings with the environment's overrides; the id defaults to the host name. */
    public NodeSettings withEnv(Map<String, String> env, String hostName) {
        String envId = blank(env.get("STREAMPULSE_NODE_ID"));
        String envSite = blank(env.get("STREAMPULSE_NODE_SITE"));
        String envShard = blank(env.get("STREAMPULSE_NODE_SHARD"));
        if (envId != null && !envId.matches(ID)) {
            throw new IllegalArgumentException("STREAMPULSE_NODE_ID: '" + envId + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String nid = envId != null ? envId : id != null ? id : hostName;
        String nsite = site;
        int i = shard;
        int n = shards;
        if (envSite != null) {
            nsite = envSite;
            i = 0;
            n = 1;
        } else if (envShard != null) {
            int[] s = parseShard(envShard);
            if (s == null) throw new IllegalArgumentException("STREAMPULSE_NODE_SHARD: '" + envShard + "' is not i/n with 0 <= i < n");
            nsite = null;
            i = s[0];
            n = s[1];
        }
        return new NodeSettings(nid, nsite, i, n, heartbeatSeconds, timeoutSeconds,
                explicit || envId != null || envSite != null || envShard != null);
    }

    /** How the node's scope reads in the node table and on the dashboard. */
    public String shardText() {
        return site != null ? null : shard + "/" + shards;
    }

    /** {@code node:}; the environment may override it at start ({@link #withEnv}). */
    static NodeSettings read(ConfigSection top) {
        ConfigSection m = top.section(AppConfig.Key.NODE, EnumSet.allOf(Key.class),
                "node: must be a mapping (id, site or shard, heartbeat_seconds, timeout_seconds)");
        if (m == null) return SINGLE;
        String id = m.get(Key.ID) == null ? null : m.string(Key.ID).trim();
        if (id != null && !id.matches(ID)) m.problem(Key.ID, m.field(Key.ID) + ": '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
        String site = m.get(Key.SITE) == null ? null : m.string(Key.SITE).trim();
        int shard = 0;
        int shards = 1;
        if (m.get(Key.SHARD) != null) {
            int[] s = parseShard(m.string(Key.SHARD));
            if (s == null) {
                m.problem(Key.SHARD, m.field(Key.SHARD) + ": '" + m.get(Key.SHARD) + "' must be i/n with 0 <= i < n, e.g. 0/3");
            } else {
                shard = s[0];
                shards = s[1];
            }
            if (site != null) m.problem("give either site or shard, not both");
        }
        int hb = m.positiveInt(Key.HEARTBEAT_SECONDS, DEFAULT_HEARTBEAT_SECONDS, 3_600);
        int timeout = m.positiveInt(Key.TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS, 86_400);
        if (timeout < 2 * hb) {
            m.problem(Key.TIMEOUT_SECONDS, m.field(Key.TIMEOUT_SECONDS) + " must be at least twice " + m.field(Key.HEARTBEAT_SECONDS));
        }
        return new NodeSettings(id, site, shard, shards, hb, timeout, true);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
