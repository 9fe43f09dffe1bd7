package dev.srooter.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {

    /** Pieces a body is built from: the word, its prefixes and near misses, the word's letters, text beyond ASCII. */
    private static final String[] PIECES = {"srooter1.", "srooter1", "srooter2.", "rooter1.", "s", "r", "o", "t",
        "e", "1", ".", "srsrooter", "sroo", "ter1.", "\"signature\":\"", " ", "é", "—", "日本", "😀",
        "\\u0073rooter1."};

    @Test
    void findsTheWordWhereTheDecodedTextHasIt() {
        ByteSearch search = new ByteSearch("srooter1.");
        Random random = new Random(20261206);
        int found = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int k = 0; k < pieces; k++) {
                // the word itself rarely, so that about half of the texts lack it
                int pick = random.nextInt(PIECES.length * 4);
                text.append(pick < 3 ? PIECES[0] : PIECES[1 + pick % (PIECES.length - 1)]);
            }
            String s = text.toString();
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int expected = s.indexOf("srooter1.");
            int at = search.indexIn(bytes, 0, bytes.length);
            assertEquals(expected >= 0, at >= 0, s);
            if (expected >= 0) {
                found++;
                assertEquals(s.substring(0, expected).getBytes(StandardCharsets.UTF_8).length, at, s);
            }
            assertEquals(s.contains("srooter1."), search.in(bytes), s);
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertEquals(naive(bytes, from, to), search.indexIn(bytes, from, to), s + " in [" + from + ", " + to + ")");
        }
        assertTrue(found > 2_000 && found < 18_000, "both answers were asked for: " + found);
    }

    /** Every place the word could start, one after another: what a search must agree with. */
    private static int naive(byte[] bytes, int from, int to) {
        byte[] word = "srooter1.".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int at = from; at + word.length <= to; at++) {
            for (int k = 0; k < word.length; k++) {
                if (bytes[at + k] != word[k]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }

    @Test
    void wordsOfEveryKindAreFoundFirstWhereTheyFirstAre() {
        // an anchor at the start, in the middle, at the end, and a word of letters alone
        for (String word : new String[] {"1ab", "ab1cd", "abc.", "\"usage\"", "data", "x"}) {
            ByteSearch search = new ByteSearch(word);
            for (int before = 0; before < 20; before++) {
                String text = "a".repeat(before) + word.substring(1) + word + "b" + word;
                byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                assertEquals(text.indexOf(word), search.indexIn(bytes, 0, bytes.length), word + " in " + text);
                int next = text.indexOf(word, text.indexOf(word) + 1);
                assertEquals(next, search.indexIn(bytes, text.indexOf(word) + 1, bytes.length),
                        word + " after its first in " + text);
            }
        }
    }

    @Test
    void looksOnlyWithinTheRangeItIsGiven() {
        ByteSearch search = new ByteSearch("srooter1.");
        byte[] bytes = "xxsrooter1.yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2, search.indexIn(bytes, 0, bytes.length));
        assertEquals(2, search.indexIn(bytes, 2, 11));
        assertEquals(-1, search.indexIn(bytes, 3, bytes.length), "starts before the range");
        assertEquals(-1, search.indexIn(bytes, 0, 10), "ends after the range");
        assertFalse(search.in(new byte[0]));
        assertFalse(search.in("srooter1".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(new ByteSearch("\"").in("{\"a\"}".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aWordBeyondAsciiIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ByteSearch("café"));
        assertThrows(IllegalArgumentException.class, () -> new ByteSearch(""));
    }
}
