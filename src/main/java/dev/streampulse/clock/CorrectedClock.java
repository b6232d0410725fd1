package dev.streampulse.clock;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.TimeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UTC time corrected by NTP: a camera outage timeline is only as good as its clock, and a Pi
 * without an RTC boots with a wrong one. Beats use system time + the measured offset; with no
 * NTP server reachable the system clock is used and that is said once.
 */
public class CorrectedClock {
    public static final String NTP = "ntp";
    public static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(CorrectedClock.class);

    private volatile List<String> servers;
    private volatile long offsetMs;
    private volatile String source = SYSTEM;
    private volatile String server;
    private volatile boolean fallbackReported;

    public CorrectedClock(List<String> servers) {
        this.servers = List.copyOf(servers);
    }

    public void setServers(List<String> servers) {
        this.servers = List.copyOf(servers);
    }

    public long now() {
        return System.currentTimeMillis() + offsetMs;
    }

    /** Which clock {@link #now()} reads: {@value #NTP} or {@value #SYSTEM}. */
    public String source() {
        return source;
    }

    public long offsetMs() {
        return offsetMs;
    }

    /** The server the offset came from, or null on the system clock. */
    public String server() {
        return server;
    }

    /** Measures the offset against the first server that answers; called at start and periodically. */
    public void sync() {
        for (String s : servers) {
            try {
                long offset = query(s);
                boolean wasSystem = !NTP.equals(source);
                offsetMs = offset;
                server = s;
                source = NTP;
                fallbackReported = false;
                if (wasSystem) LOG.info("Clock corrected by NTP server {}: offset {} ms", s, offset);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("NTP server {} did not answer: {}", s, e.toString());
            }
        }
        offsetMs = 0;
        server = null;
        source = SYSTEM;
        if (!fallbackReported) {
            fallbackReported = true;
            LOG.warn(servers.isEmpty()
                    ? "No NTP servers configured: heartbeats use the system clock"
                    : "No NTP server reachable ({}): heartbeats use the system clock", String.join(", ", servers));
        }
    }

    private static long query(String hostPort) throws IOException {
        String host = hostPort;
        int port = 123;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        NTPUDPClient client = new NTPUDPClient();
        client.setDefaultTimeout(Duration.ofSeconds(2));
        try {
            client.open();
            TimeInfo info = client.getTime(InetAddress.getByName(host), port);
            info.computeDetails();
            Long offset = info.getOffset();
            if (offset == null) throw new IOException("no offset in NTP answer");
            return offset;
        } finally {
            client.close();
        }
    }
}
