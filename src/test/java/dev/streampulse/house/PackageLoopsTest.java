package dev.streampulse.house;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules, checked over the source tree: dependencies between packages run one way (no package
 * reaches, directly or through others, a package that reaches it back), and no source file grows past what
 * one reader holds in mind.
 */
class PackageLoopsTest {

    private static final Path MAIN = Path.of("src/main/java");
    /** "About 350 lines" (issue 18): a little slack for a licence-free header or a long signature. */
    private static final int MAX_LINES = 360;
    /** An import, or a fully qualified use inside the code, of a type in another StreamPulse package. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.streampulse(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void noPackageReachesAPackageThatReachesItBack() {
        Map<String, Set<String>> uses = packageGraph();
        List<String> loops = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (from.compareTo(to) < 0 && reaches(uses, to, from)) {
                    loops.add(from + " <-> " + to + " (" + path(uses, from, to) + " / " + path(uses, to, from) + ")");
                }
            }
        }
        assertTrue(uses.size() > 5, "the source tree was read: " + uses.keySet());
        assertTrue(loops.isEmpty(), "package loops:\n  " + String.join("\n  ", loops));
    }

    @Test
    void noSourceFileIsOverAboutThreeHundredFiftyLines() throws IOException {
        List<String> long_ = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                int lines = Files.readAllLines(f).size();
                if (lines > MAX_LINES) {
                    long_.add(MAIN.relativize(f) + ": " + lines + " lines");
                }
            }
        }
        assertTrue(long_.isEmpty(), "files over " + MAX_LINES + " lines:\n  " + String.join("\n  ", long_));
    }

    /** Package -> the other StreamPulse packages its files refer to (imports and qualified names). */
    static Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> targets = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(withoutComments(Files.readString(f)));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        targets.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String to) {
        return path(uses, from, to) != null;
    }

    /** One chain of packages from {@code from} to {@code to}, or null (breadth first, so the shortest). */
    private static String path(Map<String, Set<String>> uses, String from, String to) {
        Map<String, String> cameFrom = new TreeMap<>();
        List<String> queue = new ArrayList<>(List.of(from));
        cameFrom.put(from, null);
        for (int i = 0; i < queue.size(); i++) {
            String at = queue.get(i);
            for (String next : uses.getOrDefault(at, Set.of())) {
                if (next.equals(to)) {
                    StringBuilder chain = new StringBuilder(to);
                    for (String p = at; p != null; p = cameFrom.get(p)) {
                        chain.insert(0, p + " -> ");
                    }
                    return chain.toString();
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }
}
