package dev.srooter.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as lower-case hex: prompt digests in audit records, gateway keys at rest. */
public final class Sha256 {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /**
     * Every digest is a clone of this one: looking the algorithm up among the providers for each request cost about
     * 300 bytes and 50 ns more (bench/README.md, "What a 2 KB request allocates").
     */
    private static final MessageDigest PROTOTYPE = sha256();

    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        byte[] digest = fresh().digest(bytes);
        byte[] hex = new byte[digest.length * 2];
        for (int k = 0; k < digest.length; k++) {
            hex[2 * k] = HEX[(digest[k] >> 4) & 0xf];
            hex[2 * k + 1] = HEX[digest[k] & 0xf];
        }
        return new String(hex, StandardCharsets.ISO_8859_1);
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return sha256(); // a provider whose digest cannot be cloned: looked up each time, as before
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
