package dev.streampulse.store;

import dev.streampulse.config.UrlRedactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The connections every SQL store shares: one writer behind a lock (SQLite has one writer anyway;
 * on PostgreSQL it keeps this process's writes in order), a few readers, and a connection that
 * PostgreSQL dropped reopened at its next use. Failures become {@link StoreException}s that say what
 * was being done.
 */
final class Connections implements AutoCloseable {
    private static final int READERS = 4;

    /** A unit of work on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final String user;
    private final String password;
    private final Dialect dialect;
    private final Object writeLock = new Object();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private Connection writer;

    /** Opens the writer, brings the schema up to date, then opens the readers. */
    Connections(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dialect = Dialect.of(url);
        try {
            dialect.prepare(url);
            writer = dialect.open(url, user, password, true);
            Migrations.apply(writer, dialect);
            for (int i = 0; i < READERS; i++) readers.add(dialect.open(url, user, password, false));
        } catch (Exception e) {
            close();
            throw new StoreException("cannot open database " + UrlRedactor.redact(url), e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        return onWriter(what, w -> {
            w.setAutoCommit(false);
            T out = work.run(w);
            w.commit();
            return out;
        });
    }

    /** As {@link #transaction}, reading one snapshot of every table (see {@link Dialect#beginSnapshot}). */
    <T> T snapshotTransaction(String what, Work<T> work) {
        return onWriter(what, w -> {
            dialect.beginSnapshot(w);
            try {
                T out = work.run(w);
                w.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                rollback(); // before endSnapshot: going back to auto-commit would commit the half-done work
                throw e;
            } finally {
                endSnapshot(w);
            }
        });
    }

    /** Runs {@code work} on the writer under the write lock; the work handles its own transactions. */
    <T> T onWriter(String what, Work<T> work) {
        synchronized (writeLock) {
            try {
                if (writer == null) writer = dialect.open(url, user, password, true);
                return work.run(writer);
            } catch (SQLException e) {
                rollback();
                lost(e);
                throw new StoreException("cannot " + what, e);
            } catch (RuntimeException e) {
                rollback();
                throw e;
            } finally {
                autoCommit();
            }
        }
    }

    /** Runs {@code work} on a reader connection from the pool. */
    <T> T read(String what, Work<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted reading " + what, e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            if (dialect.lostConnection(e)) c = reopen(c);
            throw new StoreException("cannot read " + what, e);
        } finally {
            readers.add(c);
        }
    }

    /** As {@link #read}, in one snapshot: a compaction in between cannot hide a beat or count it twice. */
    <T> T readSnapshot(String what, Work<T> work) {
        return read(what, c -> {
            dialect.beginSnapshot(c);
            try {
                return work.run(c);
            } finally {
                c.commit();
                dialect.endSnapshot(c);
            }
        });
    }

    /** Forgets the writer when the failure was the connection itself, so the next write reconnects. */
    private void lost(SQLException e) {
        if (!dialect.lostConnection(e)) return;
        quietlyClose(writer);
        writer = null;
    }

    private Connection reopen(Connection broken) {
        try {
            Connection fresh = dialect.open(url, user, password, false);
            quietlyClose(broken);
            return fresh;
        } catch (SQLException e) {
            return broken; // still down: the next read tries again
        }
    }

    private void rollback() {
        try {
            if (writer != null && !writer.getAutoCommit()) writer.rollback();
        } catch (SQLException ignored) {
            // the connection reports the original failure
        }
    }

    private void endSnapshot(Connection w) {
        try {
            dialect.endSnapshot(w);
        } catch (SQLException ignored) {
            // next use will fail loudly
        }
    }

    private void autoCommit() {
        try {
            if (writer != null) writer.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next use will fail loudly
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            quietlyClose(writer);
            writer = null;
        }
        Connection c;
        while ((c = readers.poll()) != null) quietlyClose(c);
    }

    private static void quietlyClose(Connection c) {
        try {
            if (c != null) c.close();
        } catch (SQLException ignored) {
            // closing on shutdown or after a lost connection: nothing left to save
        }
    }
}
