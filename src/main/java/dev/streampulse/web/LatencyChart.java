package dev.streampulse.web;

import dev.streampulse.probe.Heartbeat;
import java.util.List;
import java.util.Locale;

/**
 * A server-rendered SVG of latency over a time window: one bar per bucket (its highest latency),
 * red where a beat in the bucket failed. Only numbers go into the markup, so it is safe to embed.
 */
final class LatencyChart {
    static final int W = 720, H = 160, PAD = 30, BUCKETS = 144;

    private LatencyChart() {}

    static String svg(List<Heartbeat> beats, long fromMs, long toMs, java.time.ZoneId zone) {
        long[] max = new long[BUCKETS];
        boolean[] failed = new boolean[BUCKETS];
        boolean[] any = new boolean[BUCKETS];
        long top = 1;
        for (Heartbeat b : beats) {
            int i = (int) ((b.ts() - fromMs) * BUCKETS / Math.max(1, toMs - fromMs));
            if (i < 0 || i >= BUCKETS) continue;
            any[i] = true;
            if (b.ok()) max[i] = Math.max(max[i], b.latencyMs());
            else failed[i] = true;
            top = Math.max(top, max[i]);
        }
        top = niceCeil(top);
        double bw = (double) (W - PAD) / BUCKETS;
        int plotH = H - 20;
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"Latency, last 24 hours\">");
        sb.append("<line class=\"axis\" x1=\"").append(PAD).append("\" y1=\"").append(plotH).append("\" x2=\"").append(W)
                .append("\" y2=\"").append(plotH).append("\"/>");
        sb.append("<text x=\"0\" y=\"10\">").append(top).append(" ms</text><text x=\"0\" y=\"").append(plotH).append("\">0</text>");
        for (int i = 0; i < BUCKETS; i++) {
            if (!any[i]) continue;
            double x = PAD + i * bw;
            if (failed[i]) {
                sb.append(String.format(Locale.ROOT, "<rect class=\"fail\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>",
                        x, plotH - 6, Math.max(1, bw - 1), 6));
            }
            if (max[i] > 0) {
                double h = (double) max[i] * (plotH - 12) / top;
                sb.append(String.format(Locale.ROOT, "<rect class=\"ok\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                        x, plotH - (failed[i] ? 6 : 0) - h, Math.max(1, bw - 1), h));
            }
        }
        for (int k = 0; k <= 4; k++) {
            long t = fromMs + (toMs - fromMs) * k / 4;
            String label = java.time.Instant.ofEpochMilli(t).atZone(zone).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", PAD + (W - PAD - 30) * k / 4, H - 4, label));
        }
        return sb.append("</svg>").toString();
    }

    private static long niceCeil(long v) {
        long p = 1;
        while (p * 10 <= v) p *= 10;
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= v) return m * p;
        }
        return 10 * p;
    }
}
