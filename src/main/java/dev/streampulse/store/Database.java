package dev.streampulse.store;

import dev.streampulse.config.PrivateFiles;
import dev.streampulse.health.EventStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The database StreamPulse keeps everything in, and a store per concern on it: one SQLite file on a
 * single box, or one PostgreSQL that several monitor nodes and a web share. Opening it brings the
 * schema up to date ({@link Migrations}); all stores share one set of {@link Connections}.
 */
public final class Database implements AutoCloseable {
    private final Connections connections;
    private final SqlHeartbeatStore heartbeats;
    private final EventStore events;
    private final NodeStore nodes;
    private final SharedConfigStore sharedConfig;
    private final AuditStore audit;
    private final IncidentStore incidents;

    private Database(String url, String user, String password) {
        this.connections = new Connections(url, user, password);
        StreamIds streams = new StreamIds();
        this.heartbeats = new SqlHeartbeatStore(connections, streams);
        this.events = new SqlEventStore(connections, streams);
        this.nodes = new SqlNodeStore(connections);
        this.sharedConfig = new SqlSharedConfigStore(connections);
        this.audit = new SqlAuditStore(connections);
        this.incidents = new SqlIncidentStore(connections);
    }

    /** The embedded default: one SQLite file (its folder is made, owner-only). */
    public static Database open(Path file) {
        Path f = file.toAbsolutePath();
        try {
            PrivateFiles.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + file, e);
        }
        return open("jdbc:sqlite:" + f, null, null);
    }

    /**
     * Any supported database by its JDBC URL ({@code jdbc:sqlite:…}, {@code jdbc:postgresql:…});
     * user and password may be null (SQLite, or given in the URL).
     */
    public static Database open(String url, String user, String password) {
        return new Database(url, user, password);
    }

    /** "sqlite" or "postgresql": the database behind the stores, without credentials. */
    public String kind() {
        return connections.dialect().kind();
    }

    /** The node whose beats this process writes (stored with each beat); null on a single box. */
    public void setNodeId(String nodeId) {
        heartbeats.setNodeId(nodeId);
    }

    public HeartbeatStore heartbeats() {
        return heartbeats;
    }

    public EventStore events() {
        return events;
    }

    public NodeStore nodes() {
        return nodes;
    }

    public SharedConfigStore sharedConfig() {
        return sharedConfig;
    }

    public AuditStore audit() {
        return audit;
    }

    public IncidentStore incidents() {
        return incidents;
    }

    @Override
    public void close() {
        connections.close();
    }
}
