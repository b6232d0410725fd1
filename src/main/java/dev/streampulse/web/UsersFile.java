package dev.streampulse.web;

import dev.streampulse.config.AtomicFile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * {@code users.json} as a document: {@code users} and {@code tokens}, read again when another process
 * (the {@code user} command, a monitor process recording token use) changed it, written atomically and
 * owner-only (it holds password hashes). Not thread-safe: {@link Users} holds its lock around every use
 * and calls {@link #refresh()} once at the start of each.
 */
final class UsersFile {

    private final Path file;
    private JsonObject data;
    private long loadedModified = -1;

    /** Reads the file, or creates it with {@code firstUser} (the first-run admin) when there is none. */
    UsersFile(Path file, JsonObject firstUser) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                data = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
            } else {
                data = new JsonObject().put("users", new JsonArray().add(firstUser)).put("tokens", new JsonArray());
                save();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    JsonArray users() {
        return data.getJsonArray("users");
    }

    JsonArray tokens() {
        return data.getJsonArray("tokens");
    }

    /** The user whose name has the same {@link Users#key} as {@code name}, or null. */
    JsonObject user(String name) {
        if (name == null) return null;
        String k = Users.key(name);
        if (k.isEmpty()) return null;
        for (Object o : users()) {
            JsonObject u = (JsonObject) o;
            if (Users.key(u.getString("name")).equals(k)) return u;
        }
        return null;
    }

    static void removeWhere(JsonArray a, Predicate<JsonObject> p) {
        for (int i = a.size() - 1; i >= 0; i--) if (p.test(a.getJsonObject(i))) a.remove(i);
    }

    void save() {
        try {
            AtomicFile.write(file, data.encodePrettily(), true);
            loadedModified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One stat per call; a changed file is read again. */
    void refresh() {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (modified != loadedModified) {
                data = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
                loadedModified = modified;
            }
        } catch (IOException | RuntimeException e) {
            // keep what we have: a half-written file is replaced atomically, a missing one means no new tokens
        }
    }
}
