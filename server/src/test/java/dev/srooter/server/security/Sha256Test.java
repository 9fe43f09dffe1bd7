package dev.srooter.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void theStandardsVectorsComeOutAsTheyArePublished() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0]));
    }

    @Test
    void eachDigestStartsFreshAndMatchesTheJdksHex() throws Exception {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            byte[] bytes = new byte[random.nextInt(3000)];
            random.nextBytes(bytes);
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(expected, Sha256.hex(bytes), "a reused digest carries nothing of the one before it");
        }
        assertEquals(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8)), Sha256.hex("abc"));
    }

    @Test
    void aDigestLeftHalfFedLeavesNothingInTheNext() {
        Sha256.threadDigest().update("a caller that threw before it finished".getBytes(StandardCharsets.UTF_8));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
        Sha256.threadDigest().update((byte) 1);
        MessageDigest pieces = Sha256.threadDigest();
        pieces.update("ab".getBytes(StandardCharsets.UTF_8));
        pieces.update("c".getBytes(StandardCharsets.UTF_8));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(pieces.digest()));
    }

    @Test
    void threadsDigestingAtOnceEachGetTheirOwnAnswer() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 64; t++) {
                byte[] bytes = ("prompt " + t).repeat(1 + t * 37).getBytes(StandardCharsets.UTF_8);
                String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                results.add(pool.submit(() -> {
                    for (int n = 0; n < 200; n++) {
                        if (!expected.equals(Sha256.hex(bytes))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertEquals(true, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
