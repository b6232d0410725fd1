package dev.streampulse.health;

import dev.streampulse.config.PrivateFiles;
import dev.streampulse.health.Assessment.NewEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames kept as proof when a stream's state changes: JPEG files in one folder, newest {@code max} kept.
 * Event rows hold the bare file name; {@link #resolve(String)} is the only way back to a path and accepts
 * nothing but names this class makes, so a name from a request cannot leave the folder.
 */
public final class Evidence {
    private static final Logger LOG = LoggerFactory.getLogger(Evidence.class);
    /** ts (zero-padded, so names sort by time), a sequence number, the stream made safe, good/bad */
    private static final Pattern NAME = Pattern.compile("[0-9]{13}-[0-9]{4}-[A-Za-z0-9_-]{1,40}-(good|bad)\\.jpg");

    private final Path dir;
    private volatile int max;
    private final AtomicInteger seq = new AtomicInteger();

    public Evidence(Path dir, int max) {
        this.dir = dir;
        this.max = max;
    }

    public void setMax(int max) {
        this.max = max;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The probe route's step after {@link StreamHealth#assess}: writes the frames the decided events keep
     * as proof and names them in the events (before they are recorded, so a row never names a missing file).
     */
    public Assessment keepFrames(Assessment a) {
        if (a.decided().isEmpty()) return a;
        List<NewEvent> out = new ArrayList<>(a.decided().size());
        for (NewEvent n : a.decided()) {
            HealthEvent e = n.event();
            if (n.good() != null || n.bad() != null) {
                e = e.withEvidence(keep(e.stream(), e.ts(), "good", n.good()), keep(e.stream(), e.ts(), "bad", n.bad()));
            }
            out.add(new NewEvent(e, null, null, n.news()));
        }
        return a.withDecided(out);
    }

    /** Writes a frame and returns its file name, or null when there is no frame or keeping evidence is off. */
    public String keep(String stream, long ts, String kind, byte[] jpeg) {
        if (jpeg == null || max <= 0) return null;
        String name = String.format("%013d-%04d-%s-%s.jpg", ts, seq.incrementAndGet() % 10_000, safe(stream), kind);
        try {
            PrivateFiles.createDirectories(dir);
            PrivateFiles.write(dir.resolve(name), jpeg); // camera pictures: owner only
            trim();
            return name;
        } catch (IOException e) {
            LOG.warn("Could not keep evidence frame for {}: {}", stream, e.toString());
            return null;
        }
    }

    /** The file for a name from an event row, or null if the name is not one of ours or the file is gone. */
    public Path resolve(String name) {
        if (name == null || !NAME.matcher(name).matches()) return null;
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? p : null;
    }

    /** Deletes the oldest files beyond {@code max}; returns how many went. */
    public synchronized int trim() {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> ours = files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
            int extra = ours.size() - max;
            for (int i = 0; i < extra; i++) Files.deleteIfExists(ours.get(i));
            return Math.max(0, extra);
        } catch (IOException e) {
            LOG.warn("Could not trim evidence folder {}: {}", dir, e.toString());
            return 0;
        }
    }

    static String safe(String stream) {
        String s = stream.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.isEmpty() ? "_" : s.length() > 40 ? s.substring(0, 40) : s;
    }
}
