package dev.srooter.plugins.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
