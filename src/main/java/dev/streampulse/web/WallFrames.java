package dev.streampulse.web;

import dev.streampulse.probe.Observation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;

/**
 * The camera wall's pictures: the newest decoded frame of each stream as the small JPEG every
 * scheduled beat makes anyway (FrameProbe's evidence width, 320 px), held in memory only — nothing
 * is written to disk on a beat, and no probe is added. A stream's picture is replaced at most every
 * {@code refreshMs}; frozen and black frames are kept too (the wall shows them under their verdict).
 * Memory is bounded twice: no picture over {@link #MAX_ONE} bytes, and no new stream once all
 * pictures together hold {@code maxBytes} (2,000 cameras x ~10 KB = ~20 MB of the default 48 MB).
 */
public final class WallFrames {
    /** A 320 px JPEG of a busy scene is 10-25 KB; anything much larger is not a thumbnail. */
    static final int MAX_ONE = 96 * 1024;
    public static final long DEFAULT_REFRESH_MS = 10_000;
    public static final long DEFAULT_MAX_BYTES = 48L << 20;

    /** One stream's picture: the JPEG, when its beat was taken, and the validator the browser revalidates with. */
    public record Frame(byte[] jpeg, long ts) {
        String etag() {
            return "\"" + Long.toHexString(ts) + "-" + Integer.toHexString(jpeg.length) + "\"";
        }
    }

    private final ConcurrentHashMap<String, Frame> frames = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long refreshMs;
    private final long maxBytes;

    public WallFrames(long refreshMs, long maxBytes) {
        this.refreshMs = refreshMs;
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps the observation's JPEG if its beat decoded a frame and the stream's picture is older
     * than the refresh interval. The probe route's body passes on unchanged (void).
     */
    public void keep(Observation o) {
        if (o == null || o.frame() == null || !o.beat().ok()) return;
        byte[] jpeg = o.frame().jpeg();
        if (jpeg == null || jpeg.length == 0 || jpeg.length > MAX_ONE) return;
        long ts = o.beat().ts();
        frames.compute(o.stream().name(), (name, old) -> {
            if (old != null && ts - old.ts() < refreshMs && ts >= old.ts()) return old;
            long grow = jpeg.length - (old == null ? 0 : old.jpeg().length);
            if (old == null && bytes.get() + grow > maxBytes) return null; // full: the tile shows no picture
            bytes.addAndGet(grow);
            return new Frame(jpeg, ts);
        });
    }

    Frame get(String stream) {
        return frames.get(stream);
    }

    /** Forgets the pictures of streams no longer configured. */
    void retain(Set<String> streams) {
        frames.keySet().removeIf(name -> {
            if (streams.contains(name)) return false;
            Frame f = frames.get(name);
            if (f != null) bytes.addAndGet(-f.jpeg().length);
            return true;
        });
    }

    public int size() {
        return frames.size();
    }

    public long bytes() {
        return bytes.get();
    }

    /**
     * GET /stream/frame.jpg?name=: the stream's wall picture. ETag / If-None-Match answers 304 when the
     * browser has it already; "private, no-cache": kept by the browser only, revalidated on each use.
     */
    public void jpeg(Exchange ex) {
        String name = Http.query(ex, "name");
        Frame f = name == null ? null : frames.get(name);
        if (f == null) {
            Http.respond(ex, 404, "text/plain; charset=utf-8", "No picture yet");
            return;
        }
        String etag = f.etag();
        boolean fresh = etag.equals(Http.header(ex, "If-None-Match"));
        // set on the Vert.x response itself: Camel's header filter drops Cache-Control set on the message
        var response = Http.request(ex).response();
        response.putHeader("ETag", etag);
        response.putHeader("Cache-Control", "private, no-cache");
        if (fresh) {
            Http.respond(ex, 304, "image/jpeg", new byte[0]);
        } else {
            Http.respond(ex, 200, "image/jpeg", f.jpeg());
        }
        ex.getIn().removeHeader("Cache-Control");
    }
}
