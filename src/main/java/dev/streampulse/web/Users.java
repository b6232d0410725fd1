package dev.streampulse.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Web users and API tokens in {@code users.json} next to the database. Passwords are bcrypt
 * hashes; API tokens are stored as SHA-256 hashes (they are 256 random bits, so a slow hash adds
 * nothing) and shown once at creation. On first run the file holds admin/admin123, flagged so
 * that the first login must choose a new password.
 *
 * <p>Every user has a {@link Role} (users from before roles existed are admins); every token has
 * one too (older tokens: viewer, which is all the API could do then) and an optional expiry, and
 * acts with the lower of its own role and its owner's. The file is re-read when another process
 * (the {@code user} command, a monitor process) changed it.
 */
public final class Users {
    static final String DEFAULT_USER = "admin";
    static final String DEFAULT_PASSWORD = "admin123";
    /** A token's last use reaches the file at most this often (not a disk write per request). */
    static final long USE_FLUSH_MS = 60_000;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    /** Who a request acts as: a user's stored name and the role it has for this request. */
    public record Identity(String name, Role role) {}

    /** A user as the users page shows it. */
    public record Account(String name, Role role, boolean mustChange) {
        public String getName() { return name; }
        public String getRole() { return role.id(); }
        public boolean isMustChange() { return mustChange; }
    }

    private final UsersFile file;
    private final LongSupplier clock;
    /** token id → last use, kept in memory and written with {@link #USE_FLUSH_MS} between writes */
    private final Map<String, Long> lastUse = new HashMap<>();
    private long lastUseFlush;

    public Users(Path file) {
        this(file, System::currentTimeMillis);
    }

    Users(Path file, LongSupplier clock) {
        this.clock = clock;
        this.lastUseFlush = clock.getAsLong();
        this.file = new UsersFile(file, new JsonObject().put("name", DEFAULT_USER)
                .put("bcrypt", Passwords.hash(DEFAULT_PASSWORD)).put("role", Role.ADMIN.id()).put("must_change", true));
    }

    // ---------------------------------------------------------------- names

    /**
     * The form under which names are compared and login failures counted: NFKC (full-width and other
     * compatibility forms fold), no white space or invisible format characters, lower case. Two
     * names with the same key are the same account.
     */
    public static String key(String name) {
        if (name == null) return "";
        StringBuilder sb = new StringBuilder();
        Normalizer.normalize(name, Normalizer.Form.NFKC).codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && Character.getType(c) != Character.FORMAT)
                .forEach(sb::appendCodePoint);
        return Normalizer.normalize(sb.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** The stored name of the account {@code typed} names, or null when there is none. */
    public synchronized String storedName(String typed) {
        file.refresh();
        JsonObject u = user(typed);
        return u == null ? null : u.getString("name");
    }

    // ---------------------------------------------------------------- passwords

    /** The user's record when the password matches, else null (also for a password bcrypt cannot take). */
    public synchronized JsonObject check(String name, String password) {
        file.refresh();
        JsonObject u = user(name);
        return Passwords.matches(password, u == null ? null : u.getString("bcrypt")) ? u.copy() : null;
    }

    public synchronized boolean mustChange(String name) {
        file.refresh();
        JsonObject u = user(name);
        return u != null && u.getBoolean("must_change", false);
    }

    /** Sets a new password; returns a problem to show, or null when done. */
    public synchronized String changePassword(String name, String current, String next, String repeat) {
        if (check(name, current) == null) return "The current password is wrong.";
        String problem = Passwords.problem(next);
        if (problem != null) return problem;
        if (!next.equals(repeat)) return "The two new passwords differ.";
        if (next.equals(current)) return "The new password must differ from the current one.";
        user(name).put("bcrypt", Passwords.hash(next)).put("must_change", false);
        file.save();
        return null;
    }

    // ---------------------------------------------------------------- users (page and command line)

    public synchronized List<Account> accounts() {
        file.refresh();
        List<Account> out = new ArrayList<>();
        for (Object o : file.users()) {
            JsonObject u = (JsonObject) o;
            out.add(new Account(u.getString("name"), roleOf(u), u.getBoolean("must_change", false)));
        }
        return out;
    }

    /** The role of a user now, or null when the user no longer exists (its sessions end). */
    public synchronized Role role(String name) {
        file.refresh();
        JsonObject u = user(name);
        return u == null ? null : roleOf(u);
    }

    /**
     * Adds a user; returns a problem to show, or null when done.
     *
     * @param mustChange the user must choose a new password at the first login (an admin set this one)
     */
    public synchronized String addUser(String name, Role role, String password, boolean mustChange) {
        file.refresh();
        String shown = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
        if (!NAME.matcher(shown).matches()) {
            return "A user name has 1 to 64 letters, digits or . _ @ - (no spaces).";
        }
        if (user(shown) != null) return "A user '" + user(shown).getString("name") + "' exists already.";
        if (role == null) return "Choose a role: viewer, operator or admin.";
        String problem = Passwords.problem(password);
        if (problem != null) return problem;
        file.users().add(new JsonObject().put("name", shown).put("bcrypt", Passwords.hash(password))
                .put("role", role.id()).put("must_change", mustChange));
        file.save();
        return null;
    }

    /** Changes a user's role; the last admin stays an admin. */
    public synchronized String setRole(String name, Role role) {
        file.refresh();
        JsonObject u = user(name);
        if (u == null) return "No user '" + name + "'.";
        if (role == null) return "Choose a role: viewer, operator or admin.";
        if (role != Role.ADMIN && roleOf(u) == Role.ADMIN && admins() == 1) return "The last admin cannot lose the admin role.";
        u.put("role", role.id());
        file.save();
        return null;
    }

    /** Deletes a user and the user's tokens; the last admin stays. */
    public synchronized String deleteUser(String name) {
        file.refresh();
        JsonObject u = user(name);
        if (u == null) return "No user '" + name + "'.";
        if (roleOf(u) == Role.ADMIN && admins() == 1) return "The last admin cannot be deleted.";
        String stored = u.getString("name");
        UsersFile.removeWhere(file.users(), x -> x.getString("name").equals(stored));
        UsersFile.removeWhere(file.tokens(), t -> stored.equals(t.getString("user")));
        file.save();
        return null;
    }

    /** Sets a password an admin chose; with {@code mustChange} the user picks a new one at the next login. */
    public synchronized String resetPassword(String name, String password, boolean mustChange) {
        file.refresh();
        JsonObject u = user(name);
        if (u == null) return "No user '" + name + "'.";
        String problem = Passwords.problem(password);
        if (problem != null) return problem;
        u.put("bcrypt", Passwords.hash(password)).put("must_change", mustChange);
        file.save();
        return null;
    }

    private long admins() {
        return file.users().stream().filter(o -> roleOf((JsonObject) o) == Role.ADMIN).count();
    }

    private static Role roleOf(JsonObject u) {
        Role r = Role.parse(u.getString("role"));
        return r == null ? Role.ADMIN : r; // users.json from before roles: every user could do everything
    }

    // ---------------------------------------------------------------- API tokens

    /** A viewer token that never expires (what /metrics and the read-only API need). */
    public String createToken(String user, String label) {
        return createToken(user, label, Role.VIEWER, 0).token();
    }

    /** A token just made: its id (shown in lists and the audit log) and its text (shown this once). */
    public record NewToken(String id, String token) {}

    /**
     * Creates an API token for a user; the returned text is the only time it is seen.
     *
     * @param expiresMs when it stops working, or 0 for never
     */
    public synchronized NewToken createToken(String user, String label, Role role, long expiresMs) {
        file.refresh();
        String token = "sp_" + Sessions.randomToken();
        String id = Sessions.randomToken().substring(0, 8);
        JsonObject t = new JsonObject().put("id", id).put("user", user)
                .put("label", label == null ? "" : label.strip()).put("sha256", sha256(token))
                .put("role", role.id()).put("created_ms", clock.getAsLong());
        if (expiresMs > 0) t.put("expires_ms", expiresMs);
        file.tokens().add(t);
        file.save();
        return new NewToken(id, token);
    }

    /** Who a bearer token acts as (the lower of its role and its owner's), or null: unknown, expired, owner gone. */
    public synchronized Identity tokenUser(String token) {
        if (token == null || token.isBlank()) return null;
        file.refresh();
        String h = sha256(token.strip());
        long now = clock.getAsLong();
        for (Object o : file.tokens()) {
            JsonObject t = (JsonObject) o;
            if (!Sessions.same(t.getString("sha256"), h)) continue;
            long expires = t.getLong("expires_ms", 0L);
            if (expires > 0 && now >= expires) return null;
            JsonObject owner = user(t.getString("user"));
            if (owner == null) return null;
            Role own = Role.parse(t.getString("role"));
            lastUse.put(t.getString("id"), now);
            if (now - lastUseFlush >= USE_FLUSH_MS) flushUse();
            return new Identity(owner.getString("name"), Role.lower(own == null ? Role.VIEWER : own, roleOf(owner)));
        }
        return null;
    }

    /** Who an {@code Authorization: Bearer <token>} header acts as, or null (no header, another scheme, unknown token). */
    public Identity bearer(String authorization) {
        return isBearer(authorization) ? tokenUser(authorization.substring(7)) : null;
    }

    /** The user name an {@code Authorization: Bearer <token>} header acts as, or null (any role will do). */
    public String bearerUser(String authorization) {
        Identity who = bearer(authorization);
        return who == null ? null : who.name();
    }

    /** Whether the header is a bearer token at all (right or wrong), as opposed to none or another scheme. */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** Token list without hashes, for the settings page; last use as far as this process knows it. */
    public synchronized List<JsonObject> tokens() {
        file.refresh();
        List<JsonObject> out = new ArrayList<>();
        for (Object o : file.tokens()) {
            JsonObject t = ((JsonObject) o).copy();
            t.remove("sha256");
            Long used = lastUse.get(t.getString("id"));
            if (used != null && used > t.getLong("last_used_ms", 0L)) t.put("last_used_ms", used);
            if (t.getString("role") == null) t.put("role", Role.VIEWER.id());
            out.add(t);
        }
        return out;
    }

    /** The token with this id (without its hash), or null. */
    public synchronized JsonObject token(String id) {
        for (JsonObject t : tokens()) if (t.getString("id").equals(id)) return t;
        return null;
    }

    public synchronized boolean revokeToken(String id) {
        file.refresh();
        JsonArray tokens = file.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.getJsonObject(i).getString("id").equals(id)) {
                tokens.remove(i);
                lastUse.remove(id);
                file.save();
                return true;
            }
        }
        return false;
    }

    /** Writes the tokens' last use now (also called at shutdown). */
    public synchronized void flushUse() {
        lastUseFlush = clock.getAsLong();
        if (lastUse.isEmpty()) return;
        file.refresh();
        boolean changed = false;
        for (Object o : file.tokens()) {
            JsonObject t = (JsonObject) o;
            Long used = lastUse.get(t.getString("id"));
            if (used != null && used > t.getLong("last_used_ms", 0L)) {
                t.put("last_used_ms", used);
                changed = true;
            }
        }
        lastUse.clear();
        if (changed) file.save();
    }

    private JsonObject user(String name) {
        return file.user(name);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
