package dev.streampulse.sim;

import java.util.List;

/**
 * One coded picture, already cut into RTP payloads (shared, never modified, by every client).
 *
 * @param key      whether a decoder can start here
 * @param payloads RTP payloads in send order; the last one carries the marker bit
 */
record EncodedFrame(boolean key, List<byte[]> payloads) {
}
