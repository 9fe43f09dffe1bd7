package dev.srooter.plugins.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The style variants the classifier is trained on beside each labelled ask, and the words Chinese asks are split into. */
class StyleVariantsTest {

    private static final IntentModel.Example ASK = new IntentModel.Example(Intent.SECURITY, new ClassifierInput(
            Corpus.AGENT_PROMPT, "Could you please parameterize the search query in SearchRepository", "",
            Corpus.AGENT_TOOLS, 1, "m"));
    private static final IntentModel.Example TITLE = new IntentModel.Example(Intent.TRIVIAL, new ClassifierInput(
            Corpus.TITLE_PROMPT, "Rotate the leaked key", "", List.of(), 1, "m"));

    @Test
    void eachTypedAskGetsItsVariantsWithItsIntentAndASideCallNone() {
        List<IntentModel.Example> out = StyleVariants.with(List.of(ASK, TITLE), 10, 7);
        assertEquals(12, out.size(), "the two examples, then ten variants of the typed ask only");
        assertEquals(List.of(ASK, TITLE), out.subList(0, 2));
        for (IntentModel.Example variant : out.subList(2, 12)) {
            assertEquals(Intent.SECURITY, variant.intent());
            assertEquals(ASK.input().toolNames(), variant.input().toolNames());
            for (String word : List.of("parameterize", "search", "query", "SearchRepository")) {
                assertTrue(letters(variant.input().lastUser()).contains(sorted(word)), "the ask's words, at most with"
                        + " two letters swapped: " + variant.input().lastUser());
            }
        }
        assertTrue(out.subList(2, 12).stream().map(e -> e.input().lastUser()).distinct().count() > 3,
                "the variants differ");
        assertEquals(out, StyleVariants.with(List.of(ASK, TITLE), 10, 7), "the same seed, the same variants");
    }

    /** Each word's letters in order: a word with two neighbouring letters swapped has the same. */
    private static List<String> letters(String text) {
        return java.util.Arrays.stream(text.split("[\\s`]+")).map(StyleVariantsTest::sorted).toList();
    }

    private static String sorted(String word) {
        char[] c = word.toCharArray();
        java.util.Arrays.sort(c);
        return new String(c);
    }

    @Test
    void terseLeavesOutTheFillerWordsAndTyposSwapNeighbouringLetters() {
        assertEquals("parameterize search query SearchRepository", StyleVariants.terse(ASK.input().lastUser()));
        String text = "parameterize the search query inside SearchRepository before release";
        String typos = StyleVariants.typos(text, new Random(3));
        assertNotEquals(text, typos);
        assertEquals(text.length(), typos.length());
        assertEquals(letters(text), letters(typos), "the same letters in each word, some swapped");
    }

    @Test
    void chineseIsSplitIntoPairsOfCharactersSoThatItsCuesAreFound() {
        List<String> words = Features.words("管理后台不用登录就能访问 admin");
        assertTrue(words.contains("登录") && words.contains("管理") && words.contains("admin"), words.toString());
        assertEquals(List.of("修", "a", "复"), Features.words("修 a 复"));
        assertTrue(Cues.count(Cues.SECURITY, words) >= 2, "登录 (log in) and 管理 (admin) are security stems");
    }
}
