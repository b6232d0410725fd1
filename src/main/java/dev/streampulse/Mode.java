package dev.streampulse;

/** What one process does; the seed ran the monitor and the web GUI as two processes on one data dir. */
public enum Mode {
    /** monitor and web in one process (default) */
    RUN(true, true),
    /** probes and writes heartbeats, no web server */
    MONITOR(true, false),
    /** serves the dashboard from the database another process writes */
    WEB(false, true);

    final boolean monitor;
    final boolean web;

    Mode(boolean monitor, boolean web) {
        this.monitor = monitor;
        this.web = web;
    }
}
