package dev.streampulse.sim;

import org.bytedeco.javacpp.Loader;

/** The ffmpeg executable shipped in the JavaCV natives jar (needs LD_LIBRARY_PATH = its folder). */
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
}
