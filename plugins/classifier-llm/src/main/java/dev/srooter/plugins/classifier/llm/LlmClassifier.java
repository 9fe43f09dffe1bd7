package dev.srooter.plugins.classifier.llm;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierContext;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import dev.srooter.api.IntentClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * Asks a cheap model which intent a request has. The answer must be one of the four words; anything else
 * (and any error or delay) is thrown back to srooter, which then uses the local classifier.
 */
@Extension
public class LlmClassifier implements IntentClassifier {

    static final String PROMPT = "You sort requests that developers send to a coding assistant. Answer with"
            + " exactly one word: trivial (titles, summaries, formatting, renames, quick questions), substantive"
            + " (writing, fixing or testing code), architecture (design, module or service boundaries, data"
            + " migrations, cross-cutting changes) or security (authentication, secrets, permissions,"
            + " vulnerabilities, encryption).";

    /** The request shown to the model is cut to this many characters: classification needs the gist. */
    static final int MAX_CHARS = 2000;

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public Classification classify(ClassifierInput input, ClassifierContext context) {
        if (context == null || context.model() == null) {
            throw new IllegalStateException("no model is configured for the llm classifier");
        }
        String ask = "Request: " + cut(input.lastUser()) + (input.toolResults() == null || input.toolResults().isBlank()
                ? "" : "\nTool output: " + cut(input.toolResults()))
                + (input.toolNames() == null || input.toolNames().isEmpty() ? "\n(no tools offered)" : "");
        String answer;
        try {
            answer = context.complete(PROMPT, ask);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Classification(parse(answer), 0.8, "llm " + context.model());
    }

    static Intent parse(String answer) {
        String word = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z].*$", "");
        for (Intent intent : Intent.values()) {
            if (intent.name().toLowerCase(Locale.ROOT).equals(word)) {
                return intent;
            }
        }
        throw new IllegalArgumentException("the classifier model did not answer with an intent");
    }

    private static String cut(String text) {
        return text == null ? "" : text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }
}
