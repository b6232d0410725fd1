package dev.streampulse.onvif;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.w3c.dom.Element;

/**
 * WS-Discovery (SOAP over UDP, port 3702) Probe for ONVIF {@code dn:NetworkVideoTransmitter}s:
 * multicast to 239.255.255.250 on the LAN, or directed (unicast) to given hosts or a CIDR range for
 * networks that drop multicast. Answers are collected until the wait ends, deduplicated by endpoint.
 */
public final class Discovery {
    public static final int PORT = 3702;
    public static final String MULTICAST = "239.255.255.250";
    /** A directed probe of a range sends one datagram per address: a /20 (4,096) at most. */
    public static final int MAX_TARGETS = 4096;
    private static final int MAX_DATAGRAM = 65_507;

    private Discovery() {
    }

    /** The Probe message; {@code messageId} comes back as the answer's RelatesTo. */
    static String probe(String messageId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">"
                + "<s:Header><a:Action s:mustUnderstand=\"1\">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>"
                + "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>";
    }

    /** Directed probes to each target from a socket on {@code bind} (null: any local address). */
    public static List<ProbeMatch> directed(List<InetSocketAddress> targets, InetAddress bind, Duration wait) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bind, 0))) {
            return run(socket, targets, wait);
        }
    }

    /** A multicast probe on the LAN (TTL 1, as WS-Discovery asks). Not used by the tests: they stay on loopback. */
    public static List<ProbeMatch> multicast(Duration wait) throws IOException {
        try (MulticastSocket socket = new MulticastSocket(0)) {
            socket.setTimeToLive(1);
            return run(socket, List.of(new InetSocketAddress(InetAddress.getByName(MULTICAST), PORT)), wait);
        }
    }

    private static List<ProbeMatch> run(DatagramSocket socket, List<InetSocketAddress> targets, Duration wait) throws IOException {
        String id = "urn:uuid:" + UUID.randomUUID();
        byte[] msg = probe(id).getBytes(StandardCharsets.UTF_8);
        for (InetSocketAddress t : targets) {
            try {
                socket.send(new DatagramPacket(msg, msg.length, t));
            } catch (IOException e) {
                // one unroutable address in a range must not end the sweep
            }
        }
        Map<String, ProbeMatch> found = new LinkedHashMap<>();
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buf = new byte[MAX_DATAGRAM];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                break;
            }
            byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
            for (ProbeMatch m : parseAnswer(data, id, p.getAddress().getHostAddress())) {
                found.putIfAbsent(m.endpoint() != null ? m.endpoint() : String.join(" ", m.xaddrs()), m);
            }
        }
        return new ArrayList<>(found.values());
    }

    /** ProbeMatches in one datagram answering {@code messageId}; anything else (Hello, Bye, noise) is empty. */
    static List<ProbeMatch> parseAnswer(byte[] datagram, String messageId, String from) {
        try {
            Element env = Xml.parse(datagram).getDocumentElement();
            String relatesTo = Xml.text(env, "Header", "RelatesTo");
            if (messageId != null && relatesTo != null && !relatesTo.equals(messageId)) {
                return List.of();
            }
            Element body = Xml.child(env, "Body");
            Element first = body == null ? null : Xml.child(body, "ProbeMatches");
            return first == null ? List.of() : OnvifParsers.probeMatches(first, from);
        } catch (OnvifException e) {
            return List.of();
        }
    }

    /**
     * Targets for a directed probe: {@code HOST}, {@code HOST:PORT}, {@code A.B.C.D/N} or
     * {@code A.B.C.D/N:PORT} (network and broadcast addresses skipped for N &lt; 31).
     */
    public static List<InetSocketAddress> targets(String spec) throws UnknownHostException {
        String s = spec.trim();
        int port = PORT;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            port = Integer.parseInt(s.substring(colon + 1));
            s = s.substring(0, colon);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in " + spec);
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return List.of(new InetSocketAddress(InetAddress.getByName(s), port));
        }
        InetAddress base = InetAddress.getByName(s.substring(0, slash));
        int bits = Integer.parseInt(s.substring(slash + 1));
        if (!(base instanceof Inet4Address) || bits < 0 || bits > 32) {
            throw new IllegalArgumentException("not an IPv4 CIDR range: " + spec);
        }
        long size = 1L << (32 - bits);
        if (size > MAX_TARGETS) {
            throw new IllegalArgumentException(spec + " has " + size + " addresses; at most " + MAX_TARGETS + " (a /20) per directed probe");
        }
        byte[] b = base.getAddress();
        long ip = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        long net = ip & ~(size - 1) & 0xFFFFFFFFL;
        List<InetSocketAddress> out = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            if (size >= 4 && (i == 0 || i == size - 1)) {
                continue;
            }
            long a = net + i;
            byte[] ab = {(byte) (a >> 24), (byte) (a >> 16), (byte) (a >> 8), (byte) a};
            out.add(new InetSocketAddress(InetAddress.getByAddress(ab), port));
        }
        return out;
    }
}
