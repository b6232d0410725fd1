package dev.streampulse.health;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceTest {
    @TempDir
    Path dir;

    @Test
    void evidenceNamesCannotLeaveTheFolder() throws Exception {
        Evidence e = new Evidence(dir.resolve("evidence"), 10);
        String name = e.keep("../../etc/passwd", 1_790_000_000_000L, "good", new byte[] {1});
        assertTrue(name.matches("[0-9]{13}-[0-9]{4}-[A-Za-z0-9_-]+-good\\.jpg"), name);
        assertEquals(dir.resolve("evidence").resolve(name), e.resolve(name));
        Files.writeString(dir.resolve("secret.jpg"), "x");
        for (String bad : List.of("../secret.jpg", "..%2Fsecret.jpg", "/etc/passwd", "secret.jpg", "", "a/../../secret.jpg")) {
            assertNull(e.resolve(bad), bad);
        }
        assertNull(e.keep("gate", 1, "good", null), "no frame, no file");
    }
}
