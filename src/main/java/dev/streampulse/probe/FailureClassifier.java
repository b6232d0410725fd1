package dev.streampulse.probe;

import static org.bytedeco.ffmpeg.global.avutil.*;

import dev.streampulse.config.UrlRedactor;

/** Maps FFmpeg's error code (and what it logged) to the reason a camera owner needs. */
final class FailureClassifier {
    private FailureClassifier() {}

    static Reason classify(int error, String phase, String log) {
        if (error == AVERROR_EXIT || error == FfmpegGrab.ETIMEDOUT) return Reason.TIMEOUT;
        if (error == FfmpegGrab.ECONNREFUSED) return Reason.REFUSED;
        if (error == FfmpegGrab.EHOSTUNREACH || error == FfmpegGrab.ENETUNREACH) return Reason.UNREACHABLE;
        if (error == AVERROR_HTTP_UNAUTHORIZED || error == AVERROR_HTTP_FORBIDDEN) return Reason.AUTH;
        if (error == AVERROR_HTTP_NOT_FOUND) return Reason.NOT_FOUND;
        String text = log == null ? "" : log;
        if (text.contains("Failed to resolve hostname")) return Reason.DNS;
        if (text.contains("401 Unauthorized")) return Reason.AUTH;
        if (text.contains("404 Not Found")) return Reason.NOT_FOUND;
        // a camera at its session limit (Tapo: 2): RTSP 453, HTTP 503; FFmpeg reports both as generic errors
        if (text.contains("failed: 453") || text.contains("HTTP error 503")) return Reason.BUSY;
        boolean opened = !"open".equals(phase) && !"stream info".equals(phase) && !"no video stream".equals(phase);
        if ("decode".equals(phase) || "decoder".equals(phase)) return Reason.DECODE;
        if (opened && (error == AVERROR_EOF || error == FfmpegGrab.ECONNRESET || error == FfmpegGrab.EIO
                || error == FfmpegGrab.EPIPE)) {
            return Reason.NO_FRAME; // the stream opened, then ended before a whole frame came
        }
        if (error == AVERROR_INVALIDDATA || error == AVERROR_EOF || error == FfmpegGrab.ECONNRESET
                || error == AVERROR_HTTP_BAD_REQUEST || error == AVERROR_HTTP_OTHER_4XX
                || error == AVERROR_HTTP_SERVER_ERROR || error == FfmpegGrab.EIO || error == FfmpegGrab.EPIPE
                || "no video stream".equals(phase)) {
            return Reason.PROTOCOL;
        }
        return Reason.ERROR;
    }

    /** FFmpeg's own words, with any credentials masked; this text is stored and shown. */
    static String detail(int error, String phase, String log) {
        StringBuilder sb = new StringBuilder();
        sb.append(FfmpegGrab.errorText(error)).append(" (").append(phase).append(")");
        // FFmpeg's log of a hostile camera is unbounded: cut it well before the redactor runs, and
        // keep enough that a URL in the kept 500 characters is whole when it is masked
        if (log != null && !log.isBlank()) sb.append(": ").append((log.length() > 8192 ? log.substring(0, 8192) : log).trim());
        String text = UrlRedactor.redact(sb.toString());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
