package dev.streampulse.onvif;

import java.time.Instant;
import java.util.Map;

/**
 * One notification from a camera's event service.
 *
 * @param kind   what it means for health, or null for a topic we do not map
 * @param active the State/IsTamper/… item when the event carries one (true = the condition holds)
 * @param source the Source items (e.g. VideoSourceConfigurationToken)
 * @param data   the Data items
 * @param operation the message's PropertyOperation: Initialized (a state as of subscribing), Changed,
 *                  Deleted, or null
 */
public record CameraEvent(Instant time, String topic, EventTopics.Kind kind, Boolean active,
                          Map<String, String> source, Map<String, String> data, String operation) {
}
