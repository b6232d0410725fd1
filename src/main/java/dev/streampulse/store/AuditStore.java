package dev.streampulse.store;

import java.util.List;

/**
 * The audit log: who did what, when and from where (logins, config edits, user and token changes).
 * Rare writes, one row each; pruned with the events ({@code rollup_retention_days}).
 */
public interface AuditStore {

    /**
     * One entry. {@code actor} is the user (or "-" when a login names nobody), {@code client} the
     * address the request came from, {@code action} a dotted word (login.ok, config.stream, user.add …),
     * {@code target} what it was done to (a stream, a user, a token id), {@code detail} free text
     * with secrets already masked.
     */
    record AuditEntry(long id, long ts, String actor, String client, String action, String target, String detail) {}

    /** Writes one entry at once and returns its id. */
    long insertAudit(AuditEntry e);

    /** Entries with {@code fromTs <= ts < toTs}, newest first, at most {@code limit}. */
    List<AuditEntry> audit(long fromTs, long toTs, int limit);

    /** Deletes entries older than {@code beforeTs}; returns how many went. */
    int pruneAudit(long beforeTs);
}
