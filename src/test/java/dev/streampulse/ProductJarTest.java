package dev.streampulse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The benchmark ships in its own jar (src/bench/java), never in the product's classes. */
class ProductJarTest {

    @Test
    void productClassesHoldNoBenchmark() throws IOException {
        // the shaded product jar is built from these classes (plus the dependencies)
        Path classes = Path.of(StreamPulse.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (Stream<Path> files = Files.walk(classes)) {
            assertFalse(files.anyMatch(f -> f.toString().contains("/dev/streampulse/bench/")),
                    "benchmark classes in " + classes);
        }
        assertNull(StreamPulse.class.getClassLoader().getResource("dev/streampulse/bench/Bench.class"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName(StreamPulse.BENCH_MAIN));
    }

    @Test
    void productSourcesDoNotImportTheBenchmark() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            assertFalse(files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("import dev.streampulse.bench.");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }), "a product source refers to the benchmark");
        }
    }
}
