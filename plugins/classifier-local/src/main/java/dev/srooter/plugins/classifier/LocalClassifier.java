package dev.srooter.plugins.classifier;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierContext;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import dev.srooter.api.IntentClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * The default intent classifier: no network, no model files, well under a millisecond. First the cheap
 * signals that need no learning (a client's side call asking for a session title is trivial whatever the
 * session is about), then a small trained layer over word features ({@link IntentModel}), trained when the
 * plugin loads from the labelled examples it ships ({@code intents-train.tsv}).
 */
@Extension
public class LocalClassifier implements IntentClassifier {

    /** What Claude Code and similar clients say when they ask a small model for a session title. */
    static final String TITLE_PROMPT = "Generate a concise, sentence-case title (3-7 words) that captures the main"
            + " topic or goal of this coding session. Return JSON with a single \"title\" field.";

    /** A coding agent's system prompt, as the examples' "chat" requests carry one. */
    static final String AGENT_PROMPT = "You are an interactive coding agent. Use the tools available to you to"
            + " help the user with software engineering tasks.";

    static final List<String> AGENT_TOOLS = List.of("Read", "Edit", "Write", "Bash", "Grep", "Glob");

    private final IntentModel model;

    public LocalClassifier() {
        this(load("/intents-train.tsv"));
    }

    LocalClassifier(List<IntentModel.Example> training) {
        this.model = IntentModel.train(training, 40, 0.5, 1e-5, 42);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Classification classify(ClassifierInput input, ClassifierContext context) {
        return classify(input);
    }

    public Classification classify(ClassifierInput input) {
        if (input.sideCall()) {
            return new Classification(Intent.TRIVIAL, 0.99, "local side call");
        }
        double[] p = model.probabilities(Features.of(input));
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return new Classification(IntentModel.intent(best), p[best], "local");
    }

    /** Reads labelled examples: intent, shape ({@code title} or {@code chat}), user text, optional tool result. */
    static List<IntentModel.Example> load(String resource) {
        try (InputStream in = LocalClassifier.class.getResourceAsStream(resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<IntentModel.Example> examples = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Intent intent = Intent.valueOf(f[0].toUpperCase(Locale.ROOT));
                boolean title = f[1].equals("title");
                examples.add(new IntentModel.Example(intent, new ClassifierInput(title ? TITLE_PROMPT : AGENT_PROMPT,
                        f[2], f.length > 3 ? f[3] : "", title ? List.of() : AGENT_TOOLS, title ? 1 : 3, "model")));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
