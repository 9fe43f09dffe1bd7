package dev.srooter.plugins.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The evaluation of the local classifier on the held-out examples, which training never sees: prints
 * accuracy, per-intent precision and recall, and latency, and holds the classifier to the 90% target.
 */
class ClassifierEvaluationTest {

    private final LocalClassifier classifier = new LocalClassifier();

    @Test
    void heldOutAccuracyIsAtLeastNinetyPercent() {
        List<IntentModel.Example> heldOut = LocalClassifier.load("/intents-heldout.tsv");
        assertTrue(heldOut.size() >= 80, "held-out examples: " + heldOut.size());
        int n = Intent.values().length;
        int[][] confusion = new int[n][n];
        StringBuilder misses = new StringBuilder();
        for (IntentModel.Example e : heldOut) {
            Classification c = classifier.classify(e.input());
            confusion[e.intent().ordinal()][c.intent().ordinal()]++;
            if (c.intent() != e.intent()) {
                misses.append(String.format(Locale.ROOT, "  %s as %s (%.2f): %s%n", e.intent(), c.intent(),
                        c.confidence(), e.input().lastUser()));
            }
        }
        int correct = 0;
        for (int k = 0; k < n; k++) {
            correct += confusion[k][k];
        }
        double accuracy = (double) correct / heldOut.size();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "local classifier, %d held-out examples: accuracy %.1f%%%n| intent | precision | recall |%n",
                heldOut.size(), accuracy * 100));
        for (Intent intent : Intent.values()) {
            int k = intent.ordinal();
            int predicted = 0;
            int actual = 0;
            for (int j = 0; j < n; j++) {
                predicted += confusion[j][k];
                actual += confusion[k][j];
            }
            report.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", intent.name().toLowerCase(Locale.ROOT),
                    predicted == 0 ? 0 : (double) confusion[k][k] / predicted, (double) confusion[k][k] / actual));
        }
        report.append(latency(heldOut));
        System.out.println(report + (misses.length() > 0 ? "misclassified:\n" + misses : ""));
        assertTrue(accuracy >= 0.90, "held-out accuracy " + accuracy + "\n" + misses);
    }

    /** Latency per classification, warmed, over the held-out requests (figures to read, not asserted). */
    private String latency(List<IntentModel.Example> examples) {
        for (int k = 0; k < 20_000; k++) {
            classifier.classify(examples.get(k % examples.size()).input());
        }
        long[] nanos = new long[20_000];
        for (int k = 0; k < nanos.length; k++) {
            ClassifierInput input = examples.get(k % examples.size()).input();
            long start = System.nanoTime();
            classifier.classify(input);
            nanos[k] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "latency p50 %.1f us, p99 %.1f us%n", nanos[nanos.length / 2] / 1e3,
                nanos[nanos.length * 99 / 100] / 1e3);
    }

    /** Five-fold cross-validation on the training examples: how well it generalises, without the held-out set. */
    @Test
    void crossValidationOnTheTrainingSet() {
        List<IntentModel.Example> all = LocalClassifier.load("/intents-train.tsv");
        int correct = 0;
        for (int fold = 0; fold < 5; fold++) {
            List<IntentModel.Example> train = new java.util.ArrayList<>();
            List<IntentModel.Example> test = new java.util.ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                (k % 5 == fold ? test : train).add(all.get(k));
            }
            LocalClassifier c = new LocalClassifier(train);
            for (IntentModel.Example e : test) {
                correct += c.classify(e.input()).intent() == e.intent() ? 1 : 0;
            }
        }
        double accuracy = (double) correct / all.size();
        System.out.printf(Locale.ROOT, "local classifier, 5-fold cross-validation on %d training examples: %.1f%%%n",
                all.size(), accuracy * 100);
        assertTrue(accuracy > 0.8, "cross-validated accuracy " + accuracy);
    }

    @Test
    void aTitleSideCallIsTrivialWhateverItIsAbout() {
        Classification c = classifier.classify(new ClassifierInput(LocalClassifier.TITLE_PROMPT,
                "Rotate the leaked AWS key and redesign the IAM policies", "", List.of(), 1, "m"));
        assertEquals(Intent.TRIVIAL, c.intent());
        assertEquals("local side call", c.reason());
    }

    @Test
    void toolOutputTouchingSecretsWeighsTowardSecurity() {
        Classification c = classifier.classify(new ClassifierInput(LocalClassifier.AGENT_PROMPT,
                "Look at this and fix it.", "password = request.args['pw']; token = jwt.decode(t, verify=False)",
                LocalClassifier.AGENT_TOOLS, 5, "m"));
        assertEquals(Intent.SECURITY, c.intent(), c.toString());
    }
}
