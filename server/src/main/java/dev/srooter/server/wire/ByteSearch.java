package dev.srooter.server.wire;

import java.nio.charset.StandardCharsets;

/**
 * Finds a fixed ASCII word in bytes without decoding them. UTF-8 writes every character beyond ASCII with bytes of
 * 0x80 and above, so an ASCII word is found in the bytes exactly where it is in their text: a search of the text
 * would give the same answer after a decode that allocates twice the body and reads it once more.
 *
 * <p>The search is Horspool's: the byte under the word's last position says how far the word may move, so in
 * ordinary text most steps skip most of the word's length. The word's own letters skip less; a word whose last
 * letter is rare in the text (a dot, a digit) is found fastest.
 */
public final class ByteSearch {

    private final byte[] word;
    private final int[] shift = new int[256];

    public ByteSearch(String asciiWord) {
        if (asciiWord.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(asciiWord)) {
            throw new IllegalArgumentException("an ASCII word of one character or more: " + asciiWord);
        }
        word = asciiWord.getBytes(StandardCharsets.US_ASCII);
        int last = word.length - 1;
        java.util.Arrays.fill(shift, word.length);
        for (int k = 0; k < last; k++) {
            shift[word[k]] = last - k;
        }
    }

    public boolean in(byte[] bytes) {
        return indexIn(bytes, 0, bytes.length) >= 0;
    }

    /** Where the word first starts in {@code bytes[from, to)}, or -1. */
    public int indexIn(byte[] bytes, int from, int to) {
        int last = word.length - 1;
        byte end = word[last];
        for (int at = from; at + last < to; at += shift[bytes[at + last] & 0xff]) {
            if (bytes[at + last] == end && startsAt(bytes, at)) {
                return at;
            }
        }
        return -1;
    }

    private boolean startsAt(byte[] bytes, int at) {
        for (int k = 0; k < word.length - 1; k++) {
            if (bytes[at + k] != word[k]) {
                return false;
            }
        }
        return true;
    }
}
