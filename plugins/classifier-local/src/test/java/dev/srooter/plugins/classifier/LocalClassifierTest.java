package dev.srooter.plugins.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the local classifier decides without learning, and what its features make of tool output. */
class LocalClassifierTest {

    private final LocalClassifier classifier = new LocalClassifier();

    @Test
    void aTitleSideCallIsTrivialWhateverItIsAbout() {
        Classification c = classifier.classify(new ClassifierInput(Corpus.TITLE_PROMPT,
                "Rotate the leaked AWS key and redesign the IAM policies", "", List.of(), 1, "m"));
        assertEquals(Intent.TRIVIAL, c.intent());
        assertEquals("local side call", c.reason());
    }

    /** Issue 16: a follow-up carrying a command's output was once read as security work and moved a Codex loop. */
    @Test
    void toolOutputDoesNotDecideTheIntent() {
        String ask = "Fix the typo in the README heading.";
        Classification without = classifier.classify(new ClassifierInput(Corpus.AGENT_PROMPT, ask, "",
                Corpus.AGENT_TOOLS, 1, "m"));
        Classification with = classifier.classify(new ClassifierInput(Corpus.AGENT_PROMPT, ask,
                "FAILED test_auth.py::test_jwt_secret - password = request.args['pw']; token = jwt.decode(t, verify=False)",
                Corpus.AGENT_TOOLS, 5, "m"));
        assertEquals(Intent.TRIVIAL, without.intent(), without.toString());
        assertEquals(without, with);
    }

    /**
     * An ask in a language the corpus never taught (Finnish, Czech, Lithuanian here) is read with little confidence,
     * whatever its scores say, so that no rule and no cheap route acts on it; the same asks in English keep theirs.
     */
    @Test
    void anAskInWordsItNeverSawIsNotSure() {
        List<String> foreign = List.of(
                "Lisää kirjautuminen sähköpostilinkillä ilman salasanaa, linkki voimassa viikon",
                // Latvian (Czech was here until its cue stems were added, OtherLanguages: now read as security, 0.52)
                "Pievieno pieteikšanos ar e-pasta saiti bez paroles, saite derīga nedēļu",
                "Ištaisyk rašybos klaidą README antraštėje");
        List<String> english = List.of(
                "Add sign-in with an emailed link and no password, the link valid for a week",
                "Add sign-in with an emailed link and no password, the link valid for a week",
                "Fix the typo in the README heading");
        for (int k = 0; k < foreign.size(); k++) {
            Classification far = classify(foreign.get(k));
            Classification near = classify(english.get(k));
            assertTrue(far.confidence() < 0.5, foreign.get(k) + ": " + far);
            assertTrue(near.confidence() > far.confidence(), english.get(k) + ": " + near + " against " + far);
        }
        assertTrue(new LocalClassifier().classify(input(english.get(2))).confidence() >= 0.7, "English typo fix");
    }

    /**
     * A library swapped for another, named and nothing more, is INTENTS.md's "replacing a library across the
     * codebase" (outside set A read four "Replace moment with date-fns" titles as ordinary work); the same swap
     * confined to one helper is ordinary work. Neither ask is in the corpus.
     */
    @Test
    void aNamedLibrarySwapIsArchitectureUnlessConfinedToOnePlace() {
        assertEquals(Intent.ARCHITECTURE, classify("Replace winston with pino").intent());
        assertEquals(Intent.ARCHITECTURE, classify("Migrate from Karma to Vitest").intent());
        assertEquals(Intent.SUBSTANTIVE, classify("Swap nodemailer for the SES SDK in the signup email helper").intent());
    }

    private Classification classify(String ask) {
        return classifier.classify(input(ask));
    }

    private static ClassifierInput input(String ask) {
        return new ClassifierInput(Corpus.AGENT_PROMPT, ask, "", Corpus.AGENT_TOOLS, 1, "m");
    }
}
