package dev.srooter.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: prompt digests in audit records, gateway keys at rest. */
public final class Sha256 {

    /**
     * One digest a thread, reused: {@code digest} leaves it reset. Looking one up for each call (the security
     * providers' list, then the algorithm constraints) was a third of a prompt's digest, about 0.5% of the gateway's
     * processor time at 2 KB c=1 (async-profiler; bench/README.md, "Liberty's HTTP statistics").
     */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /**
     * This thread's digest, reset, for a caller that feeds it in pieces and ends with {@code digest()}. Each use
     * resets it first, so a caller that threw half way leaves nothing in the next one's digest.
     */
    public static MessageDigest threadDigest() {
        MessageDigest digest = DIGESTS.get();
        digest.reset();
        return digest;
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(threadDigest().digest(bytes));
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
