package dev.srooter.plugins.classifier;

import dev.srooter.api.ClassifierInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a request into the sparse features the model weighs: the developer's words, pairs of words and the
 * words' letter n-grams, the {@link Cues} of INTENTS.md, how long the ask is, whether tools are offered at all.
 * Tool output is left out on purpose: what the developer asked decides the intent, not what a command printed.
 */
final class Features {

    static final int DIMENSIONS = 1 << 16;

    private Features() {
    }

    /** The hashed feature indexes of a request; repeats are kept (a word said twice weighs twice). */
    static int[] of(ClassifierInput input) {
        return of(input, words(input.lastUser()));
    }

    /** The same, with the ask's {@link #words} already read (the classifier also counts how many it knows). */
    static int[] of(ClassifierInput input, List<String> words) {
        List<String> names = new ArrayList<>();
        String previous = "^";
        for (String w : words) {
            names.add("u:" + w);
            names.add("b:" + previous + "_" + w);
            if (w.length() > 5) {
                names.add("s:" + w.substring(0, 5)); // a crude stem: memoize, memoized, memoization
            }
            addGrams(names, w);
            previous = w;
        }
        Cues.add(names, input.lastUser(), words);
        int length = words.size();
        names.add("len:" + (length < 8 ? "short" : length < 18 ? "medium" : "long"));
        names.add(input.toolNames() == null || input.toolNames().isEmpty() ? "tools:none" : "tools:some");
        names.add("bias");
        int[] indexes = new int[names.size()];
        for (int k = 0; k < indexes.length; k++) {
            indexes[k] = Math.floorMod(names.get(k).hashCode() * 0x9E3779B1, DIMENSIONS);
        }
        return indexes;
    }

    /**
     * The word's letter trigrams and four-grams, with its edges marked: what carries over to a misspelt word,
     * another inflection or a cognate in another language ({@code <auth} in authorise, Authentifizierung,
     * autenticación).
     */
    private static void addGrams(List<String> names, String word) {
        String w = "<" + word + ">";
        for (int n = 3; n <= 4; n++) {
            for (int k = 0; k + n <= w.length(); k++) {
                names.add("c:" + w.substring(k, k + n));
            }
        }
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String lower = text.length() > 4000 ? text.substring(0, 4000).toLowerCase(Locale.ROOT)
                : text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int k = 0; k <= lower.length(); k++) {
            char c = k < lower.length() ? lower.charAt(k) : ' ';
            if (ideographic(c)) {
                if (start >= 0) {
                    words.add(lower.substring(start, k));
                    start = -1;
                }
                // Chinese and Japanese put no space between words: each pair of neighbouring characters is a word
                boolean paired = k + 1 < lower.length() && ideographic(lower.charAt(k + 1));
                if (paired) {
                    words.add(lower.substring(k, k + 2));
                } else if (k == 0 || !ideographic(lower.charAt(k - 1))) {
                    words.add(lower.substring(k, k + 1));
                }
            } else if (Character.isLetterOrDigit(c)) {
                if (start < 0) {
                    start = k;
                }
            } else if (start >= 0) {
                words.add(lower.substring(start, k));
                start = -1;
            }
        }
        return words;
    }

    /** A Han ideograph or a kana: a script written without spaces between words. */
    static boolean ideographic(char c) {
        if (c < '\u3040') { // below kana and the ideographs: most text, decided without a table lookup
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
