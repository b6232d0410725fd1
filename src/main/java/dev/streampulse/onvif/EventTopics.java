package dev.streampulse.onvif;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of camera event topics that matter for stream health. Topics are matched with the
 * namespace prefix of every segment removed ({@code tns1:VideoSource/tnsaxis:Tampering} reads as
 * {@code VideoSource/Tampering}), case-insensitively, by prefix.
 */
public final class EventTopics {

    public enum Kind { TAMPER, VIDEO_LOSS, STORAGE_FAILURE, REBOOT }

    private static final List<Map.Entry<String, Kind>> TABLE = List.of(
            Map.entry("VideoSource/GlobalSceneChange", Kind.TAMPER),      // ImagingService / AnalyticsService
            Map.entry("RuleEngine/TamperDetector", Kind.TAMPER),
            Map.entry("VideoSource/Tampering", Kind.TAMPER),              // Axis tnsaxis:Tampering
            Map.entry("VideoSource/ImageTooBlurry", Kind.TAMPER),
            Map.entry("VideoSource/ImageTooDark", Kind.TAMPER),
            Map.entry("VideoSource/SignalLoss", Kind.VIDEO_LOSS),
            Map.entry("Device/HardwareFailure/StorageFailure", Kind.STORAGE_FAILURE),
            Map.entry("Monitoring/OperatingTime/LastReboot", Kind.REBOOT),
            Map.entry("Monitoring/OperatingTime/LastReset", Kind.REBOOT),
            Map.entry("Device/Trigger/Reboot", Kind.REBOOT));

    /** Data items that say whether the condition holds now. */
    static final List<String> STATE_ITEMS = List.of("State", "IsTamper", "Failed", "IsSignalLoss", "Active", "Value");

    private EventTopics() {
    }

    /** {@code tns1:VideoSource/tnsaxis:Tampering} → {@code VideoSource/Tampering}. */
    public static String normalize(String topic) {
        StringBuilder b = new StringBuilder();
        for (String seg : topic.trim().split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            int c = seg.indexOf(':');
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(c >= 0 ? seg.substring(c + 1) : seg);
        }
        return b.toString();
    }

    /** The health meaning of a topic, or null. */
    public static Kind kindOf(String topic) {
        String n = normalize(topic).toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Kind> e : TABLE) {
            if (n.startsWith(e.getKey().toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
