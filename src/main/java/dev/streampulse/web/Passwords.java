package dev.streampulse.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** The password rules and their bcrypt hashes, for web users. */
final class Passwords {

    static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes of a password: longer ones are refused, never cut. */
    static final int MAX_BYTES = 72;
    private static final int COST = 10;
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private static final char[] DUMMY_HASH = BCrypt.withDefaults().hashToChar(COST, "not-a-user".toCharArray());

    private Passwords() {}

    static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /**
     * Whether the password matches the hash; a missing hash (no such user) or a password bcrypt cannot
     * take costs one full verification too, so neither shows in the time of the answer.
     */
    static boolean matches(String password, String hash) {
        boolean fits = password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        char[] against = hash == null ? DUMMY_HASH : hash.toCharArray();
        boolean ok = BCrypt.verifyer().verify(fits ? password.toCharArray() : new char[] {'-'}, against).verified;
        return ok && fits && hash != null;
    }

    /** Why a new password is not acceptable, or null when it is. */
    static String problem(String next) {
        if (next == null || next.codePointCount(0, next.length()) < MIN_LENGTH) {
            return "The new password needs at least " + MIN_LENGTH + " characters.";
        }
        int bytes = next.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "The new password is " + bytes + " bytes long in UTF-8; at most " + MAX_BYTES
                    + " bytes fit (letters outside ASCII take 2 to 4 bytes each).";
        }
        if (next.equals(Users.DEFAULT_PASSWORD)) return "Choose a password other than the default one.";
        return null;
    }
}
