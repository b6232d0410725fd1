package dev.streampulse.relocate;

import dev.streampulse.config.StreamConfig;
import dev.streampulse.onvif.CameraLocator;
import dev.streampulse.onvif.Discovery;
import dev.streampulse.onvif.OnvifIdentity;
import dev.streampulse.onvif.OnvifLabels;
import dev.streampulse.onvif.SoapClient;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Identity, not address: for a stream with an ONVIF identity that stopped answering at its address,
 * looks for the camera by serial number (on the old host's /24 unless told where) and says how the
 * stream's config changes: the URL's host and port (and path) as the camera now gives them, login
 * kept, and its device service address. {@link #apply} rewrites config.yaml's text, comments and all;
 * saving it (validated, atomic) keeps the stream's name and so its history.
 *
 * <p>Run from the monitor by {@link Relocations}; see docs/onvif.md, "MOVED".
 */
public final class StreamRelocator {

    /** Where a stream's camera went. */
    public record Move(String stream, String oldUrl, String newUrl, String oldDevice, String newDevice) {
        /** For the event's detail: host:port before and after, no login. */
        public String describe() {
            return hostPort(oldUrl) + " → " + hostPort(newUrl);
        }
    }

    private final Supplier<Instant> ourClock;
    private final Duration wait;

    public StreamRelocator(Supplier<Instant> ourClock, Duration wait) {
        this.ourClock = ourClock;
        this.wait = wait;
    }

    /**
     * Looks for the stream's camera; empty when the stream has no ONVIF identity or the camera did not
     * turn up (or is where it was).
     *
     * @param targets where to probe; null = the /24 of the stream's current host
     */
    public Optional<Move> find(StreamConfig s, List<InetSocketAddress> targets) throws IOException {
        OnvifLabels labels = OnvifLabels.of(s);
        if (labels == null || labels.serial() == null) {
            return Optional.empty();
        }
        SoapClient.Credentials creds = OnvifLabels.credentials(s);
        List<InetSocketAddress> where = targets != null ? targets : around(URI.create(s.url()).getHost());
        OnvifIdentity id = new OnvifIdentity(labels.serial(), null, null, labels.profile(), labels.deviceUrl());
        Optional<CameraLocator.Located> found = new CameraLocator(creds, Duration.ofSeconds(5), ourClock).locate(id, where, wait);
        if (found.isEmpty() || found.get().streamUri() == null) {
            return Optional.empty();
        }
        String newUrl = newUrl(s.url(), found.get().streamUri());
        if (newUrl.equals(s.url()) && found.get().deviceUrl().equals(labels.deviceUrl())) {
            return Optional.empty();
        }
        return Optional.of(new Move(s.name(), s.url(), newUrl, labels.deviceUrl(), found.get().deviceUrl()));
    }

    /** The camera's new stream URI with the stream's old login (a camera's URI carries none). */
    static String newUrl(String oldUrl, String newStreamUri) {
        URI old = URI.create(oldUrl);
        URI now = URI.create(newStreamUri);
        if (old.getRawUserInfo() == null || now.getRawUserInfo() != null) {
            return newStreamUri;
        }
        int at = newStreamUri.indexOf("//") + 2;
        return newStreamUri.substring(0, at) + old.getRawUserInfo() + "@" + newStreamUri.substring(at);
    }

    /**
     * The config text with the move applied: every occurrence of the old URL and old device address
     * replaced. Fails when the old URL is not in the text as written (e.g. escaped), rather than
     * guessing.
     */
    public static String apply(String configText, Move m) {
        if (!configText.contains(m.oldUrl())) {
            throw new IllegalArgumentException("stream " + m.stream() + ": its URL is not written literally in config.yaml; edit it by hand");
        }
        String t = configText.replace(m.oldUrl(), m.newUrl());
        return m.oldDevice().equals(m.newDevice()) ? t : t.replace(m.oldDevice(), m.newDevice());
    }

    /** Directed-probe targets: the host's /24 for an IPv4 address, else the host itself. */
    static List<InetSocketAddress> around(String host) throws IOException {
        InetAddress a = InetAddress.getByName(host);
        if (!(a instanceof Inet4Address)) {
            return List.of(new InetSocketAddress(a, Discovery.PORT));
        }
        return new ArrayList<>(Discovery.targets(a.getHostAddress() + "/24"));
    }

    private static String hostPort(String url) {
        URI u = URI.create(url);
        return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
}
