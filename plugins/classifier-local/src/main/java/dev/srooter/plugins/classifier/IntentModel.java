package dev.srooter.plugins.classifier;

import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A multinomial logistic regression over the hashed features: one weight per feature and intent, trained
 * by stochastic gradient descent with L2 regularisation. Small (4 x 65,536 floats, 1 MB), trained from the
 * labelled examples in about a second, deterministic (fixed seed, one thread), and thread-safe once built.
 */
final class IntentModel {

    /** One labelled example. */
    record Example(Intent intent, ClassifierInput input) {
    }

    private static final Intent[] INTENTS = Intent.values();

    private final float[][] weights = new float[INTENTS.length][Features.DIMENSIONS];

    static IntentModel train(List<Example> examples, int epochs, double rate, double l2, long seed) {
        IntentModel model = new IntentModel();
        List<int[]> features = new ArrayList<>();
        for (Example e : examples) {
            features.add(Features.of(e.input()));
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < examples.size(); k++) {
            order.add(k);
        }
        Random random = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            java.util.Collections.shuffle(order, random);
            double step = rate / (1 + epoch * 0.1);
            for (int k : order) {
                int[] x = features.get(k);
                double[] p = model.probabilities(x);
                int truth = examples.get(k).intent().ordinal();
                double scale = 1.0 / Math.sqrt(x.length);
                for (int c = 0; c < INTENTS.length; c++) {
                    double gradient = (c == truth ? 1 : 0) - p[c];
                    float[] w = model.weights[c];
                    for (int i : x) {
                        w[i] += (float) (step * (gradient * scale - l2 * w[i]));
                    }
                }
            }
        }
        return model;
    }

    double[] probabilities(int[] x) {
        double scale = 1.0 / Math.sqrt(x.length);
        double[] scores = new double[INTENTS.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < INTENTS.length; c++) {
            double s = 0;
            float[] w = weights[c];
            for (int i : x) {
                s += w[i];
            }
            scores[c] = s * scale;
            max = Math.max(max, scores[c]);
        }
        double sum = 0;
        for (int c = 0; c < INTENTS.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < INTENTS.length; c++) {
            scores[c] /= sum;
        }
        return scores;
    }

    /** The weights, intent by intent, as big-endian floats: what {@link ShippedModel} writes into the plugin's jar. */
    byte[] bytes() {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(INTENTS.length * Features.DIMENSIONS * Float.BYTES);
        java.nio.FloatBuffer floats = out.asFloatBuffer();
        for (float[] w : weights) {
            floats.put(w);
        }
        return out.array();
    }

    /** The model whose {@link #bytes()} these are. */
    static IntentModel of(byte[] bytes) {
        if (bytes.length != INTENTS.length * Features.DIMENSIONS * Float.BYTES) {
            throw new IllegalArgumentException("not a model of " + INTENTS.length + " x " + Features.DIMENSIONS
                    + " weights: " + bytes.length + " bytes");
        }
        IntentModel model = new IntentModel();
        java.nio.FloatBuffer in = java.nio.ByteBuffer.wrap(bytes).asFloatBuffer();
        for (float[] w : model.weights) {
            in.get(w);
        }
        return model;
    }

    static Intent intent(int ordinal) {
        return INTENTS[ordinal];
    }
}
