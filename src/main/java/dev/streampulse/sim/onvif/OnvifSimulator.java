package dev.streampulse.sim.onvif;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.w3c.dom.Element;

/**
 * ONVIF for simulated cameras: device, media (Media1) and events (PullPoint) services over HTTP on
 * one port ({@code /onvif/<id>/device_service} …), and a WS-Discovery responder on UDP that answers
 * Probes sent to it directly (one ProbeMatches datagram per camera).
 *
 * <p>Authentication as cameras do it: a WS-UsernameToken (PasswordDigest) in the SOAP header, or HTTP
 * Digest (MD5 or SHA-256, qop=auth) when there is none; a wrong token is a {@code ter:NotAuthorized}
 * fault, a missing or wrong Digest a 401. GetSystemDateAndTime needs no credentials (the spec's
 * pre-auth call). A device marked {@code tamper} reports a GlobalSceneChange (tamper) event on the
 * first pull of each subscription. Pulls name their subscription by the reference parameter it came
 * with (as Axis cameras do), so a client that does not echo it gets a fault.
 */
public final class OnvifSimulator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OnvifSimulator.class.getName());

    private final String host;
    private final SimAuth auth;
    private final Duration clockSkew;
    private final boolean digestOnly;
    private final Map<String, SimDevice> devices = new LinkedHashMap<>();
    private final HttpServer http;
    private final ExecutorService pool;
    private final DatagramSocket discovery;
    private final Thread discoveryThread;
    private final Map<String, Boolean> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptionIds = new AtomicInteger();
    private volatile boolean closed;

    private OnvifSimulator(Builder b) throws IOException {
        this.host = b.host;
        this.auth = new SimAuth(b.user, b.password);
        this.clockSkew = b.clockSkew;
        this.digestOnly = b.digestOnly;
        int httpPort = b.httpPort;
        int discoveryPort = b.discoveryPort;
        for (SimDevice d : b.devices) {
            devices.put(d.id(), d);
        }
        InetAddress addr = InetAddress.getByName(host);
        this.pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sim-onvif-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpServer.create(new InetSocketAddress(addr, httpPort), 64);
        http.createContext("/onvif/", this::handle);
        http.setExecutor(pool);
        DatagramSocket udp = null;
        try {
            udp = discoveryPort < 0 ? null : new DatagramSocket(new InetSocketAddress(addr, discoveryPort));
        } catch (SocketException e) {
            pool.shutdownNow();
            throw e;
        }
        this.discovery = udp;
        http.start();
        if (discovery != null) {
            discoveryThread = new Thread(this::answerProbes, "sim-onvif-discovery");
            discoveryThread.setDaemon(true);
            discoveryThread.start();
        } else {
            discoveryThread = null;
        }
        LOG.info(() -> "ONVIF simulator: http " + httpPort() + ", ws-discovery udp " + discoveryPort() + ", " + devices.size() + " cameras");
    }

    public static Builder builder(List<SimDevice> devices) {
        return new Builder(devices);
    }

    /** Settings; defaults: 127.0.0.1, any free HTTP port, no discovery, admin/secret, no clock skew. */
    public static final class Builder {
        private final List<SimDevice> devices;
        private String host = "127.0.0.1";
        private int httpPort = 0;
        private int discoveryPort = -1;
        private String user = "admin";
        private String password = "secret";
        private Duration clockSkew = Duration.ZERO;
        private boolean digestOnly;

        private Builder(List<SimDevice> devices) {
            this.devices = List.copyOf(devices);
        }

        public Builder bind(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** UDP port for WS-Discovery (3702 is the standard one), 0 picks one, -1 (default) none. */
        public Builder discoveryPort(int port) {
            this.discoveryPort = port;
            return this;
        }

        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** How far the cameras' clocks run ahead of this machine's. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        /** Ignore UsernameTokens and insist on HTTP Digest, as some cameras do. */
        public Builder digestOnly(boolean digestOnly) {
            this.digestOnly = digestOnly;
            return this;
        }

        public OnvifSimulator start() throws IOException {
            return new OnvifSimulator(this);
        }
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** The WS-Discovery UDP port, or -1. */
    public int discoveryPort() {
        return discovery == null ? -1 : discovery.getLocalPort();
    }

    public String deviceUrl(String id) {
        return base(id) + "/device_service";
    }

    public List<SimDevice> devices() {
        return List.copyOf(devices.values());
    }

    private String base(String id) {
        return "http://" + host + ":" + httpPort() + "/onvif/" + id;
    }

    private Instant now() {
        return Instant.now().plus(clockSkew).truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (discovery != null) {
            discovery.close();
        }
        http.stop(0);
        pool.shutdownNow();
    }

    // ---- WS-Discovery

    private void answerProbes() {
        byte[] buf = new byte[65_507];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                discovery.receive(p);
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                Element env = SoapXml.parse(data).getDocumentElement();
                Element probe = SoapXml.child(env, "Body", "Probe");
                if (probe == null) {
                    continue;
                }
                String types = SoapXml.text(probe, "Types");
                if (types != null && !types.isEmpty() && !types.contains("NetworkVideoTransmitter") && !types.contains("Device")) {
                    continue;
                }
                String relatesTo = SoapXml.text(env, "Header", "MessageID");
                for (SimDevice d : devices.values()) {
                    byte[] out = SoapResponses.probeMatch(d, relatesTo == null ? "" : relatesTo, deviceUrl(d.id()),
                            "urn:uuid:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
                    discovery.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                // a malformed datagram is ignored, as cameras do
            }
        }
    }

    // ---- HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String[] seg = ex.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            SimDevice d = seg.length >= 3 ? devices.get(seg[1]) : null;
            if (d == null || !"POST".equals(ex.getRequestMethod())) {
                send(ex, 404, SoapResponses.fault("s:Sender", "ter:InvalidArgVal", "no such service"));
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(256 * 1024);
            }
            Element env;
            Element op;
            try {
                env = SoapXml.parse(body).getDocumentElement();
                op = SoapXml.firstElement(SoapXml.child(env, "Body"));
            } catch (Exception e) {
                send(ex, 400, SoapResponses.fault("s:Sender", "ter:WellFormed", "request is not well-formed XML"));
                return;
            }
            if (op == null) {
                send(ex, 400, SoapResponses.fault("s:Sender", "ter:WellFormed", "empty Body"));
                return;
            }
            String name = op.getLocalName();
            if (!name.equals("GetSystemDateAndTime")) {
                Element token = digestOnly ? null : SoapXml.child(env, "Header", "Security", "UsernameToken");
                if (token != null) {
                    if (!auth.tokenValid(token)) {
                        send(ex, 400, SoapResponses.fault("s:Sender", "ter:NotAuthorized", "Sender not Authorized"));
                        return;
                    }
                } else if (!auth.digestValid(ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestURI().getRawPath())) {
                    auth.challenges().forEach(c -> ex.getResponseHeaders().add("WWW-Authenticate", c));
                    send(ex, 401, "");
                    return;
                }
            }
            String service = seg[2];
            String answer = answer(d, service, SoapXml.text(env, "Header", "SubscriptionId"), name, op);
            if (answer == null) {
                send(ex, 400, SoapResponses.fault("s:Receiver", "ter:ActionNotSupported", name + " is not supported on " + service));
            } else {
                send(ex, 200, SoapResponses.envelope(answer));
            }
        }
    }

    private String answer(SimDevice d, String service, String subscriptionId, String op, Element req) {
        switch (service) {
            case "device_service":
                return switch (op) {
                    case "GetSystemDateAndTime" -> SoapResponses.systemDateAndTime(now());
                    case "GetDeviceInformation" -> SoapResponses.deviceInformation(d);
                    case "GetNetworkInterfaces" -> SoapResponses.networkInterfaces(d, host);
                    case "GetServices" -> SoapResponses.services(base(d.id()));
                    case "GetCapabilities" -> SoapResponses.capabilities(base(d.id()));
                    default -> null;
                };
            case "media_service":
                if (op.equals("GetProfiles")) {
                    return SoapResponses.profiles(d);
                }
                if (op.equals("GetStreamUri")) {
                    String token = SoapXml.text(req, "ProfileToken");
                    return d.profiles().stream().filter(p -> p.token().equals(token)).findFirst()
                            .map(p -> SoapResponses.streamUri(p.rtspUri())).orElse(null);
                }
                return null;
            case "events_service":
                if (op.equals("CreatePullPointSubscription")) {
                    String id = d.id() + "-" + subscriptionIds.incrementAndGet();
                    subscriptions.put(id, Boolean.FALSE);
                    return SoapResponses.subscription(base(d.id()) + "/pullpoint", id, now(), now().plusSeconds(600));
                }
                return null;
            case "pullpoint":
                String sub = subscriptionId == null ? "" : subscriptionId;
                if (!subscriptions.containsKey(sub)) {
                    return null;
                }
                if (op.equals("Unsubscribe")) {
                    subscriptions.remove(sub);
                    return "<wsnt:UnsubscribeResponse/>";
                }
                if (op.equals("PullMessages")) {
                    boolean first = subscriptions.replace(sub, Boolean.TRUE) == Boolean.FALSE;
                    if (!(first && d.tamper())) {
                        waitBriefly(SoapXml.text(req, "Timeout"));
                    }
                    return SoapResponses.pullMessages(now(), now().plusSeconds(600), first && d.tamper());
                }
                return null;
            default:
                return null;
        }
    }

    /** A pull with nothing to report waits like a camera, but at most half a second (tests stay quick). */
    private static void waitBriefly(String timeout) {
        long ms = 500;
        try {
            if (timeout != null) {
                ms = Math.min(ms, Duration.parse(timeout).toMillis());
            }
            Thread.sleep(Math.max(0, ms));
        } catch (RuntimeException e) {
            // unparseable timeout: the default wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            ex.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=utf-8");
        }
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }
}
