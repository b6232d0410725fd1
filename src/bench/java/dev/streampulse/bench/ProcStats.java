package dev.streampulse.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmarks' one /proc reader (Linux): CPU, RSS, threads and disk writes of this process or another one. */
final class ProcStats {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private ProcStats() {}

    /** CPU seconds used by this process (user + system). */
    static double cpuSeconds() {
        String[] f = stat();
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
    }

    /** CPU seconds used by this process, in nanosecond resolution (the /proc figure ticks in 10 ms). */
    static double preciseCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU seconds used by this process's children that have exited and been waited for. */
    static double childCpuSeconds() {
        String[] f = stat();
        return (Long.parseLong(f[15]) + Long.parseLong(f[16])) / TICKS_PER_SECOND;
    }

    static long rssBytes() {
        return statusKb("VmRSS:") * 1024;
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Bytes this process caused to be written to storage (not page-cache writes). */
    static long writeBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) return Long.parseLong(line.substring(12).trim());
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** CPU seconds (user + system) of another process; NaN once it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String[] f = stat("/proc/" + pid + "/stat");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    /** Resident memory of another process; -1 once it is gone. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String[] stat() {
        return stat("/proc/self/stat");
    }

    private static String[] stat(String file) {
        try {
            String s = Files.readString(Path.of(file));
            // the command name may contain spaces: fields start after the closing parenthesis
            return ("x x " + s.substring(s.lastIndexOf(')') + 2)).split(" ");
        } catch (IOException e) {
            throw new IllegalStateException("/proc is needed for the benchmark", e);
        }
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
