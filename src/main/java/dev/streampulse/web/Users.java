package dev.streampulse.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.json.JsonArray;
import dev.streampulse.config.AtomicFile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Web users and API tokens in {@code users.json} next to the database. Passwords are bcrypt
 * hashes; API tokens are stored as SHA-256 hashes (they are 256 random bits, so a slow hash adds
 * nothing) and shown once at creation. On first run the file holds admin/admin123, flagged so
 * that the first login must choose a new password.
 */
public final class Users {
    static final String DEFAULT_USER = "admin";
    static final String DEFAULT_PASSWORD = "admin123";
    static final int MIN_PASSWORD = 8;
    private static final int COST = 10;
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private static final char[] DUMMY_HASH = BCrypt.withDefaults().hashToChar(COST, "not-a-user".toCharArray());

    private final Path file;
    private JsonObject data;
    private long loadedModified = -1;

    public Users(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                data = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
            } else {
                data = new JsonObject().put("users", new JsonArray().add(new JsonObject()
                                .put("name", DEFAULT_USER)
                                .put("bcrypt", BCrypt.withDefaults().hashToString(COST, DEFAULT_PASSWORD.toCharArray()))
                                .put("must_change", true)))
                        .put("tokens", new JsonArray());
                save();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The user's record when the password matches, else null. */
    public synchronized JsonObject check(String name, String password) {
        JsonObject u = user(name);
        char[] hash = u == null ? DUMMY_HASH : u.getString("bcrypt").toCharArray();
        boolean ok = BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
        return ok && u != null ? u.copy() : null;
    }

    public synchronized boolean mustChange(String name) {
        JsonObject u = user(name);
        return u != null && u.getBoolean("must_change", false);
    }

    /** Sets a new password; returns a problem to show, or null when done. */
    public synchronized String changePassword(String name, String current, String next, String repeat) {
        if (check(name, current) == null) return "The current password is wrong.";
        if (next == null || next.length() < MIN_PASSWORD) return "The new password needs at least " + MIN_PASSWORD + " characters.";
        if (next.length() > 72) return "The new password may have at most 72 characters.";
        if (!next.equals(repeat)) return "The two new passwords differ.";
        if (next.equals(current)) return "The new password must differ from the current one.";
        if (next.equals(DEFAULT_PASSWORD)) return "Choose a password other than the default one.";
        JsonObject u = user(name);
        u.put("bcrypt", BCrypt.withDefaults().hashToString(COST, next.toCharArray())).put("must_change", false);
        save();
        return null;
    }

    /** Creates an API token for a user; the returned text is the only time it is seen. */
    public synchronized String createToken(String user, String label) {
        String token = "sp_" + Sessions.randomToken();
        String id = Sessions.randomToken().substring(0, 8);
        data.getJsonArray("tokens").add(new JsonObject().put("id", id).put("user", user)
                .put("label", label == null ? "" : label.strip()).put("sha256", sha256(token))
                .put("created_ms", System.currentTimeMillis()));
        save();
        return token;
    }

    /** The user a bearer token belongs to, or null. */
    public synchronized String tokenUser(String token) {
        if (token == null || token.isBlank()) return null;
        refreshIfChangedOnDisk();
        String h = sha256(token.strip());
        for (Object o : data.getJsonArray("tokens")) {
            JsonObject t = (JsonObject) o;
            if (Sessions.same(t.getString("sha256"), h)) return t.getString("user");
        }
        return null;
    }

    /** The user of an {@code Authorization: Bearer <token>} header, or null (no header, another scheme, unknown token). */
    public String bearerUser(String authorization) {
        return isBearer(authorization) ? tokenUser(authorization.substring(7)) : null;
    }

    /** Whether the header is a bearer token at all (right or wrong), as opposed to none or another scheme. */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** Token list without hashes, for the settings page. */
    public synchronized List<JsonObject> tokens() {
        List<JsonObject> out = new ArrayList<>();
        for (Object o : data.getJsonArray("tokens")) {
            JsonObject t = ((JsonObject) o).copy();
            t.remove("sha256");
            out.add(t);
        }
        return out;
    }

    public synchronized boolean revokeToken(String id) {
        JsonArray tokens = data.getJsonArray("tokens");
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.getJsonObject(i).getString("id").equals(id)) {
                tokens.remove(i);
                save();
                return true;
            }
        }
        return false;
    }

    private JsonObject user(String name) {
        if (name == null) return null;
        for (Object o : data.getJsonArray("users")) {
            JsonObject u = (JsonObject) o;
            if (u.getString("name").equalsIgnoreCase(name.strip())) return u;
        }
        return null;
    }

    /**
     * A monitor process checks /metrics tokens against the users.json its web process writes:
     * re-read the file when it changed (one stat per call).
     */
    private void refreshIfChangedOnDisk() {
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

    /** Atomic, owner-only where the file system has permissions: the file holds password hashes. */
    private void save() {
        try {
            AtomicFile.write(file, data.encodePrettily(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
