package dev.streampulse.alert;

import dev.streampulse.config.AlertRule;
import dev.streampulse.config.AppConfig;
import dev.streampulse.config.UrlRedactor;
import dev.streampulse.health.HealthEvent;
import dev.streampulse.health.StreamState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For one event, the alerts that want it (config {@code alerts:}), after dedupe and rate limits.
 * Each delivery carries the endpoint URI, the template and the data the template renders.
 */
public class AlertSelector {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSelector.class);

    private final Supplier<AppConfig> config;
    private final LongSupplier now;
    private final RateLimiter limiter;
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public AlertSelector(Supplier<AppConfig> config, LongSupplier now) {
        this(config, now, 30);
    }

    public AlertSelector(Supplier<AppConfig> config, LongSupplier now, int perMinute) {
        this.config = config;
        this.now = now;
        this.limiter = new RateLimiter(perMinute);
    }

    /** One message to send: the route renders {@code model} with {@code format}'s template and sends it to {@code uri}. */
    public record Delivery(String alert, String uri, String format, String topic, Map<String, Object> model) {
        @Override
        public String toString() {
            return "Delivery[alert=" + alert + ", uri=" + UrlRedactor.redact(uri) + ", format=" + format + "]";
        }
    }

    /** Every alert that wants the event. */
    public List<Delivery> select(HealthEvent e) {
        return select(e, rule -> true);
    }

    /**
     * The alerts that mirror each stream's state ({@code format: mqtt}, online/offline per stream topic):
     * they get every change at once, never folded into a site incident.
     */
    public List<Delivery> selectMirrors(HealthEvent e) {
        return select(e, AlertSelector::mirror);
    }

    /** The alerts that send messages (every format but mqtt): a stream's own news that no incident folded. */
    public List<Delivery> selectMessages(HealthEvent e) {
        return select(e, rule -> !mirror(rule));
    }

    static boolean mirror(AlertRule rule) {
        return "mqtt".equals(rule.format());
    }

    private List<Delivery> select(HealthEvent e, java.util.function.Predicate<AlertRule> which) {
        List<Delivery> out = new ArrayList<>();
        for (AlertRule rule : config.get().alerts()) {
            if (!which.test(rule) || !rule.wants(e.stream(), e.names())) continue;
            String news = e.kind() + "/" + e.to() + "/" + e.reason() + (HealthEvent.PROFILE.equals(e.kind()) ? "/" + e.detail() : "");
            String topic = rule.topic() == null ? null : rule.topic().replace("{stream}", topicSafe(e.stream()));
            Delivery delivery = new Delivery(rule.name(), rule.uri(), rule.format(), topic, model(rule, e));
            RateLimiter.Decision d = limiter.offer(rule.name(), e.stream(), news, rule.minInterval(), now.getAsLong());
            String key = rule.name() + "\u0000" + e.stream();
            if (d == RateLimiter.Decision.SEND) {
                held.remove(key); // this newer news replaces whatever was held back
                out.add(delivery);
            } else if (d == RateLimiter.Decision.TOO_SOON) {
                // held, not lost: the newest held news goes out once the interval has passed (see released())
                held.put(key, new Held(rule, e.stream(), news, delivery));
            } else {
                if (d == RateLimiter.Decision.DUPLICATE) held.remove(key);
                dropped.incrementAndGet();
                LOG.debug("Alert {} for {} not sent: {}", rule.name(), e.stream(), d);
            }
        }
        return out;
    }

    /**
     * For one {@link Notice} (a site incident opened or closed), the message alerts that want it (state
     * mirrors have had each stream's change already): sent once per key and news; {@code min_interval_seconds}
     * applies per key.
     */
    public List<Delivery> selectNotice(Notice n) {
        List<Delivery> out = new ArrayList<>();
        for (AlertRule rule : config.get().alerts()) {
            if (mirror(rule) || !n.streams().stream().anyMatch(s -> rule.wants(s, n.names()))) continue;
            Map<String, Object> model = new HashMap<>(n.model());
            model.put("alert", rule.name());
            String topic = rule.topic() == null ? null : rule.topic().replace("{stream}", topicSafe(n.key()));
            Delivery delivery = new Delivery(rule.name(), rule.uri(), rule.format(), topic, model);
            RateLimiter.Decision d = limiter.offer(rule.name(), n.key(), n.news(), rule.minInterval(), now.getAsLong());
            if (d == RateLimiter.Decision.SEND) out.add(delivery);
            else if (d == RateLimiter.Decision.TOO_SOON) held.put(rule.name() + "\u0000" + n.key(), new Held(rule, n.key(), n.news(), delivery));
            else dropped.incrementAndGet();
        }
        return out;
    }

    /** Messages held back by min_interval_seconds, whose interval has now passed; polled by the alert-held route. */
    public List<Delivery> released() {
        List<Delivery> out = new ArrayList<>();
        for (var entry : held.entrySet()) {
            Held h = entry.getValue();
            RateLimiter.Decision d = limiter.offer(h.rule.name(), h.stream, h.news, h.rule.minInterval(), now.getAsLong());
            if (d == RateLimiter.Decision.TOO_SOON) continue;
            held.remove(entry.getKey(), h);
            if (d == RateLimiter.Decision.SEND) out.add(h.delivery);
            else dropped.incrementAndGet();
        }
        return out;
    }

    private record Held(AlertRule rule, String stream, String news, Delivery delivery) {}

    /** Called by the alert route when a message was delivered. */
    public void sent(String alert) {
        sent.incrementAndGet();
        LOG.debug("Alert {} sent", alert);
    }

    /**
     * Called by the alert route when retries are exhausted. Logs the alert's name and the kind of failure:
     * an exception message may quote the endpoint URI, so it goes through the redactor first.
     */
    public void failed(String alert, Throwable error) {
        failed.incrementAndGet();
        String msg = error == null ? "" : UrlRedactor.redact(String.valueOf(error.getMessage()));
        for (AlertRule r : config.get().alerts()) {
            if (r.name().equals(alert)) msg = msg.replace(r.uri(), r.safeUri());
        }
        LOG.warn("Alert {} could not be delivered after retries: {}: {}", alert,
                error == null ? "error" : error.getClass().getSimpleName(), msg);
    }

    public long sentCount() {
        return sent.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /** Messages held back by dedupe or rate limits since start. */
    public long dropped() {
        return dropped.get();
    }

    static Map<String, Object> model(AlertRule rule, HealthEvent e) {
        Map<String, Object> m = new HashMap<>();
        m.put("alert", rule.name());
        m.put("id", e.id());
        m.put("stream", e.stream());
        m.put("kind", e.kind());
        m.put("event", HealthEvent.PROFILE.equals(e.kind()) ? "profile_changed"
                : HealthEvent.CAMERA.equals(e.kind()) ? "camera_event" : e.to().name().toLowerCase());
        m.put("from", e.from().name());
        m.put("to", e.to().name());
        m.put("reason", e.reason() == null ? "" : e.reason());
        m.put("detail", e.detail() == null ? "" : e.detail());
        m.put("ts", e.ts());
        m.put("time", Instant.ofEpochMilli(e.ts()).toString());
        m.put("online", e.to() != StreamState.DOWN);
        m.put("evidenceGood", e.evidenceGood() == null ? "" : e.evidenceGood());
        m.put("evidenceBad", e.evidenceBad() == null ? "" : e.evidenceBad());
        return m;
    }

    /** MQTT topic levels must not contain '/', '+' or '#'. */
    static String topicSafe(String stream) {
        return stream.replaceAll("[/+#\\s]", "_");
    }
}
