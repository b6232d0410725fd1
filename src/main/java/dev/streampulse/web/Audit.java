package dev.streampulse.web;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.UrlRedactor;
import dev.streampulse.store.AuditStore;
import dev.streampulse.store.AuditStore.AuditEntry;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit log: who (the session's or token's user), when, from where (the client address
 * the throttle uses too), what. Texts pass the URL redactor once more before they are stored. A
 * database that cannot take the entry does not fail the request: the entry goes to the log instead.
 */
public record Audit(AuditStore store, LongSupplier clock) {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private static final int MAX_TEXT = 4000;

    /** An action of the logged-in user (or token) of this request. */
    void record(Exchange ex, String action, String target, String detail) {
        Session s = Http.session(ex);
        record(s == null ? "-" : s.user, Http.clientIp(ex), action, target, detail);
    }

    public void record(String actor, String client, String action, String target, String detail) {
        AuditEntry e = new AuditEntry(0, clock.getAsLong(), clip(actor, 100), clip(client, 100), action, clip(target, 200),
                clip(detail, MAX_TEXT));
        try {
            store.insertAudit(e);
        } catch (RuntimeException ex) {
            LOG.error("Audit entry not stored ({}): {} by {} from {}: {} {}", ex.getMessage(), e.action(), e.actor(), e.client(),
                    e.target(), e.detail());
        }
    }

    /** A config save: one entry per stream it changed, and one for the settings. */
    void configSaved(Exchange ex, String how, AppConfig before, AppConfig after) {
        for (ConfigDiff.Change c : ConfigDiff.between(before, after)) {
            record(ex, "config.edit", c.target(), c.detail() + " (" + how + ")");
        }
    }

    private static String clip(String s, int max) {
        if (s == null) return null;
        String r = UrlRedactor.redact(s).replaceAll("\\p{Cntrl}", " ");
        return r.length() <= max ? r : r.substring(0, max) + "…";
    }
}
