package dev.streampulse.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void firstRunWritesTheDemoConfig() throws Exception {
        Path path = dir.resolve("data/config.yaml");
        ConfigFile file = ConfigFile.open(path);
        assertTrue(Files.exists(path));
        assertTrue(file.current().demo().isPresent());
        assertEquals("DemoCamera", file.current().streams().get(0).name());
    }

    @Test
    void brokenEditOnDiskKeepsTheRunningConfig() throws Exception {
        Path path = dir.resolve("config.yaml");
        Files.writeString(path, "streams:\n  - {name: a, url: 'rtsp://h/a'}\n");
        ConfigFile file = ConfigFile.open(path);
        AtomicInteger changes = new AtomicInteger();
        file.onChange(c -> changes.incrementAndGet());

        Files.writeString(path, "streams: [ {name: a, url: ");
        assertFalse(file.reloadIfChanged());
        assertEquals("a", file.current().streams().get(0).name());
        assertNotNull(file.lastError());

        Files.writeString(path, "streams:\n  - {name: b, url: 'rtsp://h/b'}\n");
        assertTrue(file.reloadIfChanged());
        assertEquals("b", file.current().streams().get(0).name());
        assertNull(file.lastError());
        assertEquals(1, changes.get());
    }

    @Test
    void saveRefusesInvalidTextAndLeavesTheFileAlone() throws Exception {
        Path path = dir.resolve("config.yaml");
        String good = "streams:\n  - {name: a, url: 'rtsp://h/a'}\n";
        Files.writeString(path, good);
        ConfigFile file = ConfigFile.open(path);
        assertThrows(ConfigException.class, () -> file.save("streams:\n  - {name: a, url: 'file:/etc/passwd'}\n"));
        assertEquals(good, Files.readString(path));

        String next = "streams:\n  - {name: c, url: 'rtsp://h/c'}\n";
        file.save(next);
        assertEquals(next, Files.readString(path));
        assertEquals(good, Files.readString(dir.resolve("config.yaml.bak")));
        assertEquals("c", file.current().streams().get(0).name());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp file left behind");
        }
    }
}
