package dev.srooter.server.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Finds a fixed ASCII word in bytes without decoding them. UTF-8 writes every character beyond ASCII with bytes of
 * 0x80 and above, so an ASCII word is found in the bytes exactly where it is in their text: a search of the text
 * would give the same answer after a decode that copies the body and reads it once more.
 *
 * <p>The bytes are read eight at a time, looking for one byte of the word (its anchor) in all eight at once; only
 * where the anchor is does the whole word get compared. The anchor is the word's first digit, or else its first
 * character that is not a letter: in the captured Claude Code request {@code e} is one byte in eleven and {@code 1}
 * one in a thousand (srooter's envelope mark, {@code srooter1.}, is anchored on its {@code 1}). On that body (49 KB)
 * this takes 6.5 us; a Horspool search 27 us, since a word of common letters moves a few bytes a step; decoding the
 * body and {@code String.indexOf}, 55-65 us.
 */
public final class ByteSearch {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] word;
    private final int anchor;
    private final long anchors;

    public ByteSearch(String asciiWord) {
        if (asciiWord.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(asciiWord)) {
            throw new IllegalArgumentException("an ASCII word of one character or more: " + asciiWord);
        }
        word = asciiWord.getBytes(StandardCharsets.US_ASCII);
        anchor = anchorOf(asciiWord);
        anchors = (word[anchor] & 0xffL) * ONES;
    }

    private static int anchorOf(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (Character.isDigit(word.charAt(k))) {
                return k;
            }
        }
        for (int k = 0; k < word.length(); k++) {
            if (!Character.isLetter(word.charAt(k))) {
                return k;
            }
        }
        return word.length() - 1;
    }

    public boolean in(byte[] bytes) {
        return indexIn(bytes, 0, bytes.length) >= 0;
    }

    /** Where the word first starts in {@code bytes[from, to)}, or -1. */
    public int indexIn(byte[] bytes, int from, int to) {
        // the anchor's place in the bytes runs from `first` to `last`, where the word around it fits the range
        int first = from + anchor;
        int last = to - word.length + anchor;
        int at = first;
        for (; at + 8 <= last + 1; at += 8) {
            long x = (long) LONGS.get(bytes, at) ^ anchors; // a byte equal to the anchor is now zero
            long zeros = (x - ONES) & ~x & HIGHS; // the lowest bit set is the first zero byte; any above it is checked
            while (zeros != 0) {
                int start = at + (Long.numberOfTrailingZeros(zeros) >>> 3) - anchor;
                if (startsAt(bytes, start)) {
                    return start;
                }
                zeros &= zeros - 1;
            }
        }
        for (; at <= last; at++) {
            if (bytes[at] == word[anchor] && startsAt(bytes, at - anchor)) {
                return at - anchor;
            }
        }
        return -1;
    }

    private boolean startsAt(byte[] bytes, int start) {
        for (int k = 0; k < word.length; k++) {
            if (bytes[start + k] != word[k]) {
                return false;
            }
        }
        return true;
    }
}
