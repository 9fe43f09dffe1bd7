package dev.srooter.server.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow, salted password hashing (PBKDF2 with HMAC-SHA256), stored as
 * {@code pbkdf2-sha256$iterations$salt$hash} so the cost can rise later without breaking old hashes.
 */
public final class PasswordHasher {

    private static final int ITERATIONS = 310_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** PBKDF2 iterations run so far: what a check costs, counted rather than timed (tests compare them). */
    static final java.util.concurrent.atomic.AtomicLong ITERATIONS_RUN = new java.util.concurrent.atomic.AtomicLong();

    private PasswordHasher() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /** A hash no password matches, checked for unknown users so that they cost what a known one does. */
    private static final String NOBODY = hash("srooter: no such user " + RANDOM.nextLong());

    /**
     * Spends the same work as checking a real password, and fails: an unknown username must not answer faster
     * than a known one, or the timing lists who has an account.
     */
    public static boolean matchesNobody(String password) {
        matches(password == null ? "" : password, NOBODY);
        return false;
    }

    public static boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        ITERATIONS_RUN.addAndGet(iterations);
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
