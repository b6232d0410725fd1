package dev.streampulse.sim;

/** The picture of a healthy camera (a {@code /camK} path unless the path names a scene). */
public enum Scene {
    /** A corridor with someone walking through, sensor noise, OSD clock: the picture changes with the wall clock. */
    LIVE("live"),
    /** The same corridor with nothing moving: only sensor noise and the OSD clock change. */
    STILL("still"),
    /** The still corridor with an analogue wall clock whose second hand ticks. */
    WALL_CLOCK("wall-clock"),
    /** The instant simulator's test card: colour bars, frame counter, bouncing ball, no noise. */
    PATTERN("pattern");

    private final String path;

    Scene(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Scene byPath(String s) {
        for (Scene sc : values()) {
            if (sc.path.equalsIgnoreCase(s)) {
                return sc;
            }
        }
        return null;
    }

    TestPatternPainter.Kind kind() {
        return switch (this) {
            case LIVE -> TestPatternPainter.Kind.SCENE;
            case STILL -> TestPatternPainter.Kind.STILL;
            case WALL_CLOCK -> TestPatternPainter.Kind.WALL_CLOCK;
            case PATTERN -> TestPatternPainter.Kind.PATTERN;
        };
    }
}
