package dev.streampulse.report;

/**
 * One outage of the report with the frames kept when it began (file names in the evidence folder, "" when none).
 *
 * @param end        null while it lasts
 * @param durationMs the part inside the report's window
 */
public record OutageRecord(String stream, long start, Long end, long durationMs, String worst, String reason,
                           String evidenceGood, String evidenceBad) {}
