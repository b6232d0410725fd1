package dev.streampulse.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera that wants a password: answers every RTSP request with 401 and a Basic challenge, so a
 * client that has a password sends it (base64, readable), and records every byte it received.
 */
final class FakeRtspServer implements AutoCloseable {
    private static final Pattern CSEQ = Pattern.compile("(?im)^CSeq:\\s*(\\d+)");
    private final ServerSocket server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread thread;

    FakeRtspServer(String host, int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        thread = new Thread(this::serve, "fake-rtsp-" + host);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Everything clients sent so far. */
    synchronized String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized int requests() {
        return received().split("RTSP/1.0\r\n", -1).length - 1;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                StringBuilder request = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    synchronized (this) {
                        received.write(c);
                    }
                    request.append((char) c);
                    if (request.toString().endsWith("\r\n\r\n")) {
                        Matcher m = CSEQ.matcher(request);
                        String cseq = m.find() ? m.group(1) : "1";
                        out.write(("RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq
                                + "\r\nWWW-Authenticate: Basic realm=\"cam\"\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        request.setLength(0);
                    }
                }
            } catch (IOException e) {
                // client gone or server closed: next connection
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
