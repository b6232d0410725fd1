package dev.streampulse.store;

import dev.streampulse.probe.Heartbeat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer route's end: hands each batch to the store and, when the disk is full or read-only,
 * keeps the beats (bounded: the oldest are dropped and counted, never an out-of-memory) and writes
 * them with the next batch once the store accepts writes again. Probing never waits for the disk.
 */
public class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final HeartbeatStore store;
    private final int maxPending;
    private final ArrayDeque<Heartbeat> pending = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private boolean failing;

    public BatchWriter(HeartbeatStore store, int maxPending) {
        this.store = store;
        this.maxPending = maxPending;
    }

    /** Called by the store route with each aggregated batch (one thread). */
    public synchronized void write(List<Heartbeat> batch) {
        pending.addAll(batch);
        while (pending.size() > maxPending) {
            pending.removeFirst();
            dropped.incrementAndGet();
        }
        List<Heartbeat> all = new ArrayList<>(pending);
        try {
            store.insert(all);
        } catch (StoreException e) {
            if (!failing) {
                LOG.error("Cannot write heartbeats, keeping them queued (at most {}) and retrying every batch: {}",
                        maxPending, e.getMessage());
            }
            failing = true;
            return;
        }
        pending.clear();
        written.addAndGet(all.size());
        if (failing) {
            LOG.info("Writing heartbeats again: {} queued beats saved, {} dropped while writes failed",
                    all.size(), dropped.get());
            failing = false;
        }
        LOG.debug("Committed {} heartbeats through inbox id {}", all.size(), store.lastCommittedId());
    }

    public synchronized int pending() {
        return pending.size();
    }

    /** Beats lost because the queue was full while writes failed (full disk, database away). */
    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }
}
