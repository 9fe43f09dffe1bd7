package dev.srooter.plugins.classifier;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierContext;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import dev.srooter.api.IntentClassifier;
import java.util.List;
import org.pf4j.Extension;

/**
 * The default intent classifier: no network, no model files, a fraction of a millisecond. First the cheap
 * signals that need no learning (a client's side call asking for a session title is trivial whatever the
 * session is about), then a small trained layer over word features ({@link IntentModel}), trained when the
 * plugin loads from the labelled examples it ships ({@link Corpus}).
 */
@Extension
public class LocalClassifier implements IntentClassifier {

    private final IntentModel model;

    public LocalClassifier() {
        this(Corpus.all());
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
}
