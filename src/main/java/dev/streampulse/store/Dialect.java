package dev.streampulse.store;

import dev.streampulse.config.UrlRedactor;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What SQLite ({@link SqliteDialect}) and PostgreSQL ({@link PostgresDialect}) do differently: how a
 * connection is opened, the schema's words, snapshots, locks, the database clock. Everything else (the
 * schema steps in {@link Migrations}, every query) is written once in SQL both accept: {@code ON CONFLICT}
 * upserts, {@code CASE} for "greatest", aliased sub-queries, plain {@code ?} parameters.
 */
interface Dialect {

    static Dialect of(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) return new SqliteDialect();
        if (u.startsWith("jdbc:postgresql:")) return new PostgresDialect();
        throw new StoreException("unsupported database.url (jdbc:sqlite:… or jdbc:postgresql:…): " + UrlRedactor.redact(jdbcUrl), null);
    }

    /** "sqlite" or "postgresql": the database behind the stores, without credentials. */
    String kind();

    /** Runs once before the first connection (SQLite: the file and its journals owner-only). */
    default void prepare(String url) throws IOException {}

    /** A connection; the writer's may hold the database's write lock from the start of each transaction. */
    Connection open(String url, String user, String password, boolean forWriting) throws SQLException;

    /** Runs before the first migration step of a new database, outside a transaction. */
    default void prepareNewDatabase(Connection c) throws SQLException {}

    /** Takes the schema lock for the rest of the transaction, so two nodes never migrate at once. */
    default void lockSchema(Statement st) throws SQLException {}

    /** A schema step of {@link Migrations} (written in SQLite's words) as this database takes it. */
    String ddl(String sql);

    /** The id of the row this connection inserted last into {@code table}. */
    String lastInsertId(String table);

    /**
     * Starts a transaction that reads one snapshot of every table (SQLite's WAL always does; see
     * {@link PostgresDialect#beginSnapshot}).
     */
    default void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    /** Back to the default after {@link #beginSnapshot}. */
    default void endSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(true);
    }

    /**
     * Within the current transaction, whether this process may run the singleton {@code job}
     * (compaction, pruning). One SQLite file has one writer; see {@link PostgresDialect#trySingleton}.
     */
    default boolean trySingleton(Connection c, String job) throws SQLException {
        return true;
    }

    /** Current time in epoch ms by the database's clock: nodes compare leases on one clock. */
    String nowMs();

    /** Whether the failure means the connection is gone (reconnect), not that the statement was wrong. */
    default boolean lostConnection(SQLException e) {
        return false;
    }

    /** Gives pages freed by pruning back to the file system (the writer connection, under the write lock). */
    default void vacuum(Connection w) throws SQLException {}
}
