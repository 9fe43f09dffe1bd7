package dev.srooter.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider credentials at rest with AES-256-GCM. The master key comes from configuration
 * ({@code SROOTER_MASTER_KEY}, 32 bytes in base64) or, when none is configured, from a key file made on
 * first start in the data folder ({@code secrets/master.key}, readable by the server's user only). A sealed
 * value is {@code v1:} + base64(12-byte nonce, ciphertext, 16-byte tag); the provider account's id is bound
 * in as associated data, so a sealed credential copied onto another account does not open.
 *
 * <p>Rotation: with {@code SROOTER_MASTER_KEY_PREVIOUS} set to the old key and {@code SROOTER_MASTER_KEY} to the new,
 * a value sealed with either opens, new values are sealed with the new key, and {@link Reseal} re-seals every stored
 * value with it at start.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    /** The key before the last rotation, while values sealed with it may remain; null when none is configured. */
    private final SecretKey previous;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] key) {
        this(key, null);
    }

    private SecretBox(byte[] key, byte[] previous) {
        if (key.length != 32 || previous != null && previous.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.previous = previous == null ? null : new SecretKeySpec(previous, "AES");
    }

    /** {@link #open(String, Path)}, also opening what was sealed with {@code previous} (base64; blank: none). */
    public static SecretBox open(String configured, String previous, Path dataDir) {
        SecretBox current = open(configured, dataDir);
        if (previous == null || previous.isBlank()) {
            return current;
        }
        try {
            return new SecretBox(current.key.getEncoded(), Base64.getDecoder().decode(previous.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SROOTER_MASTER_KEY_PREVIOUS is not the base64 of 32 bytes", e);
        }
    }

    static SecretBox of(byte[] key, byte[] previous) {
        return new SecretBox(key, previous);
    }

    /** Whether a previous key is configured (a rotation is under way). */
    public boolean rotating() {
        return previous != null;
    }

    /** Whether {@code sealed} opens with the current key (else it needs re-sealing, or does not open at all). */
    public boolean sealedWithCurrentKey(String sealed, String boundTo) {
        try {
            open(key, sealed, boundTo);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A box with a configured key (base64), or, when {@code configured} is blank, the key file's. */
    public static SecretBox open(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            try {
                return new SecretBox(Base64.getDecoder().decode(configured.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("SROOTER_MASTER_KEY is not the base64 of 32 bytes", e);
            }
        }
        return new SecretBox(keyFile(dataDir.resolve("secrets").resolve("master.key")));
    }

    static SecretBox of(byte[] key) {
        return new SecretBox(key);
    }

    private static synchronized byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(file.getParent(), "master", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's ACL applies.
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n");
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file, e);
        }
    }

    public String seal(String secret, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The secret; throws when the value was sealed with another key or for another account. */
    public String unseal(String sealed, String boundTo) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            return open(key, sealed, boundTo);
        } catch (GeneralSecurityException e) {
            if (previous != null) {
                try {
                    return open(previous, sealed, boundTo);
                } catch (GeneralSecurityException alsoNot) {
                    // reported below
                }
            }
            throw new IllegalStateException("a stored credential does not open with this master key"
                    + " (was SROOTER_MASTER_KEY or secrets/master.key changed? To rotate, set the old one as"
                    + " SROOTER_MASTER_KEY_PREVIOUS)");
        }
    }

    private static String open(SecretKey with, String sealed, String boundTo) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
        cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
    }
}
