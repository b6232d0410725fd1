package dev.streampulse.sim;

import org.bytedeco.javacpp.Loader;

/** The ffmpeg executable shipped in the JavaCV natives jar, and how to start it. */
public final class FfmpegBinary {

    private static volatile String path;

    private FfmpegBinary() {
    }

    public static String path() {
        String p = path;
        if (p == null) {
            synchronized (FfmpegBinary.class) {
                if (path == null) {
                    path = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
                }
                p = path;
            }
        }
        return p;
    }

    /** A process for the bundled ffmpeg with {@code args}: it finds its own libraries (libva …) in its folder. */
    public static ProcessBuilder processBuilder(java.util.List<String> args) {
        String ffmpeg = path();
        java.util.List<String> cmd = new java.util.ArrayList<>(args.size() + 1);
        cmd.add(ffmpeg);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LD_LIBRARY_PATH", java.nio.file.Path.of(ffmpeg).getParent().toString());
        return pb;
    }
}
