package dev.streampulse.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files StreamPulse creates hold camera passwords, password hashes, heartbeats and camera pictures:
 * owner only (0600, folders 0700), whatever the umask. On a file system without POSIX permissions
 * these are plain creates.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Creates the folder (and missing parents) owner-only; an existing folder is left as it is. */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return dir;
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) createDirectories(parent);
        try {
            Files.createDirectory(dir, attributes(DIR));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // raced with another creator
        }
        return dir;
    }

    /** Writes bytes to a new or replaced file that only the owner can read. */
    public static void write(Path file, byte[] bytes) throws IOException {
        createOwnerOnly(file);
        Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates the file empty and owner-only if it does not exist; tightens it if it does. */
    public static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(FILE));
        } catch (FileAlreadyExistsException e) {
            restrict(file);
        } catch (UnsupportedOperationException e) {
            if (Files.notExists(file)) Files.createFile(file);
        }
    }

    /** Makes an existing file owner-only (a file an older version created with the umask's 0644). */
    public static void restrict(Path file) throws IOException {
        try {
            if (Files.exists(file)) Files.setPosixFilePermissions(file, FILE);
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> perms) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
    }
}
