package dev.streampulse.config;

/**
 * One thing wrong in config.yaml, found by the reader of its section.
 *
 * @param path    where, as keys and list indexes ({@code streams[3].url}, {@code health.frozen_after});
 *                "" for the file as a whole. Paths never carry a stream's name, only its index.
 * @param where   the list item as the user knows it ({@code streams[3] (Gate)}), "" outside lists
 * @param message what is wrong, worded within that item ("url scheme 'file' is not allowed ...")
 */
public record ConfigProblem(String path, String where, String message) {
    /** A problem of the whole file (cannot read it, not YAML, too large). */
    public static ConfigProblem ofFile(String message) {
        return new ConfigProblem("", "", message);
    }

    /** The path of item {@code index} of the list at {@code list}: {@code streams[3]}. */
    public static String item(String list, int index) {
        return list + "[" + index + "]";
    }

    /** The problem as the user reads it: "streams[3] (Gate): url scheme 'file' is not allowed ...". */
    public String text() {
        return where.isEmpty() ? message : where + ": " + message;
    }

    /**
     * The key directly under {@code item} this problem is about ({@code url} for streams[3].url.user
     * under streams[3]), "" for the item itself, or null when the problem lies elsewhere.
     */
    public String keyUnder(String item) {
        if (path.equals(item)) return "";
        if (!path.startsWith(item + ".")) return null;
        String rest = path.substring(item.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Override
    public String toString() {
        return text();
    }
}
