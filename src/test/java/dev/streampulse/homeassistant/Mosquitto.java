package dev.streampulse.homeassistant;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto broker on a free loopback port with its own config and password file (no
 * anonymous clients, no persistence: a restart loses every retained message, as a real broker
 * restart without a database does), and mosquitto_sub / mosquitto_pub as the other side.
 */
final class Mosquitto implements AutoCloseable {
    static final String USER = "streampulse";
    static final String PASSWORD = "mqtt-s3cret-Pw";

    /** One message as mosquitto_sub printed it: retained flag, topic, payload. */
    record Msg(boolean retained, String topic, String payload) {}

    private final Path dir;
    private final int port;
    private Process broker;

    Mosquitto(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path passwd = dir.resolve("passwd");
        run("mosquitto_passwd", "-b", "-c", passwd.toString(), USER, PASSWORD);
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous false
                password_file %s
                persistence false
                user root
                log_dest stderr
                """.formatted(port, passwd));
        start();
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void start() {
        try {
            broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("mosquitto (Debian package mosquitto) cannot start: " + e.getMessage(), e);
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            }
        });
    }

    /** Kills the broker the hard way (its retained messages are gone) and starts a fresh one on the same port. */
    void restart() throws InterruptedException {
        broker.destroyForcibly();
        broker.waitFor(10, TimeUnit.SECONDS);
        start();
    }

    /** A subscriber that stays: every message on these topics, in arrival order. */
    Subscription subscribe(String... topics) throws IOException {
        return new Subscription(sub(topics, List.of()));
    }

    /** What the broker retains on these topics right now (a subscriber that joins late gets only retained messages). */
    List<Msg> retained(String... topics) throws IOException, InterruptedException {
        Process p = sub(topics, List.of("--retained-only", "-W", "1"));
        List<Msg> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) out.add(parse(line));
        }
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    void publish(String topic, String payload) throws IOException, InterruptedException {
        run("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-u", USER, "-P", PASSWORD, "-t", topic, "-m", payload);
    }

    /** Connects under another client's id: the broker drops that client's session as if its network died (its will fires). */
    void takeOver(String clientId) throws IOException, InterruptedException {
        run("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-u", USER, "-P", PASSWORD, "-i", clientId,
                "-t", "test/takeover", "-m", "x");
    }

    private Process sub(String[] topics, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-u", USER, "-P", PASSWORD, "-F", "%r|%t|%p"));
        for (String t : topics) {
            cmd.add("-t");
            cmd.add(t);
        }
        cmd.addAll(extra);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Msg parse(String line) {
        String[] p = line.split("\\|", 3);
        return new Msg(p[0].equals("1"), p[1], p.length > 2 ? p[2] : "");
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
    }

    @Override
    public void close() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(5, TimeUnit.SECONDS)) broker.destroyForcibly();
        }
    }

    /** A running mosquitto_sub and the messages it has printed so far. */
    static final class Subscription implements AutoCloseable {
        final List<Msg> messages = new CopyOnWriteArrayList<>();
        private final Process process;

        Subscription(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) messages.add(parse(line));
                } catch (IOException e) {
                    // the process ended
                }
            }, "mosquitto_sub-reader");
            reader.setDaemon(true);
            reader.start();
        }

        List<Msg> on(String topic) {
            return messages.stream().filter(m -> m.topic().equals(topic)).toList();
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
