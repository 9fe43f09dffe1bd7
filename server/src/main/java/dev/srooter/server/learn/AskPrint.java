package dev.srooter.server.learn;

import java.util.Locale;

/**
 * A 64-bit fingerprint of a developer's ask (a simhash of its words and word pairs): close asks get close prints, so
 * "the same ask again, reworded" can be told from new work without keeping a word of it.
 */
public final class AskPrint {

    /** Prints this close (in differing bits of 64) are the same ask. */
    static final int SAME_ASK = 12;

    private AskPrint() {
    }

    public static long of(String text) {
        String[] words = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        int[] votes = new int[64];
        String previous = null;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            vote(votes, hash(word), 2);
            if (previous != null) {
                vote(votes, hash(previous + " " + word), 1);
            }
            previous = word;
        }
        long print = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                print |= 1L << bit;
            }
        }
        return print;
    }

    public static boolean sameAsk(long a, long b) {
        return Long.bitCount(a ^ b) <= SAME_ASK;
    }

    private static void vote(int[] votes, long hash, int weight) {
        for (int bit = 0; bit < 64; bit++) {
            votes[bit] += ((hash >>> bit) & 1) == 1 ? weight : -weight;
        }
    }

    /** FNV-1a, then mixed (a simhash wants every bit of a feature's hash to be fair). */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
