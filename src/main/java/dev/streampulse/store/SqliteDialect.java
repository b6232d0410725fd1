package dev.streampulse.store;

import dev.streampulse.config.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** One SQLite file on a single box, in WAL mode: the web process reads while the monitor writes. */
final class SqliteDialect implements Dialect {

    @Override
    public String kind() {
        return "sqlite";
    }

    /**
     * The database and its -wal/-shm are owner-only: SQLite gives the journal files the database
     * file's permissions, so creating the database 0600 before SQLite opens it is enough; files an
     * older version created with the umask are tightened.
     */
    @Override
    public void prepare(String url) throws IOException {
        String f = url.substring("jdbc:sqlite:".length());
        if (f.startsWith("file:")) f = f.substring(5);
        int q = f.indexOf('?');
        if (q >= 0) f = f.substring(0, q);
        if (f.isEmpty() || f.startsWith(":memory:")) return;
        Path file = Path.of(f).toAbsolutePath();
        PrivateFiles.createDirectories(file.getParent());
        PrivateFiles.createOwnerOnly(file);
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            PrivateFiles.restrict(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    @Override
    public Connection open(String url, String user, String password, boolean forWriting) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a beat reported committed survives a power cut, not only a process crash.
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(10_000);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // the writer takes the write lock when its transaction begins: a transaction that reads first
        // and then writes could not wait for another writer (SQLITE_BUSY at once, busy timeout or not)
        if (forWriting) cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return DriverManager.getConnection(url, cfg.toProperties());
    }

    /** Only a new file can take this: lets retention give pages back with incremental_vacuum. */
    @Override
    public void prepareNewDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'")) {
            if (rs.next() && rs.getInt(1) > 0) return;
            st.execute("PRAGMA auto_vacuum = INCREMENTAL");
            st.execute("VACUUM");
        }
    }

    @Override
    public String ddl(String sql) {
        return sql;
    }

    @Override
    public String lastInsertId(String table) {
        return "SELECT last_insert_rowid()";
    }

    @Override
    public String nowMs() {
        return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    @Override
    public void vacuum(Connection w) throws SQLException {
        try (Statement st = w.createStatement()) {
            long free;
            try (ResultSet rs = st.executeQuery("PRAGMA freelist_count")) {
                free = rs.next() ? rs.getLong(1) : 0;
            }
            // The pragma gives back one page per step of its statement, and the driver steps a
            // statement without result columns once: so one page per (closed) statement, all in one
            // transaction. A plain "PRAGMA incremental_vacuum" here frees a single page.
            w.setAutoCommit(false);
            for (long i = 0; i < free; i++) {
                try (Statement one = w.createStatement()) {
                    one.execute("PRAGMA incremental_vacuum(1)");
                }
            }
            w.commit();
            w.setAutoCommit(true);
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
