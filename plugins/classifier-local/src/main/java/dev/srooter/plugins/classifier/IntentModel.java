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
 * Beside the weights, the words its examples were written in ({@link #wordsKnown}): what it can tell of an ask
 * written mostly in words it never saw (a language it was not taught) is little, whatever its scores say.
 */
final class IntentModel {

    /** One labelled example. */
    record Example(Intent intent, ClassifierInput input) {
    }

    private static final Intent[] INTENTS = Intent.values();

    private final float[][] weights = new float[INTENTS.length][Features.DIMENSIONS];

    /** The words of the labelled examples, hashed into a bit set (3,000 words in 262,144 bits: ~1% read as known). */
    private static final int WORD_BITS = 1 << 18;
    private final long[] known = new long[WORD_BITS / Long.SIZE];

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
        return probabilities(x, 1);
    }

    /** The probabilities with the scores divided by {@code temperature} first (above 1: less sure of everything). */
    double[] probabilities(int[] x, double temperature) {
        double scale = 1.0 / Math.sqrt(x.length) / temperature;
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

    /** Remembers the words these examples were written in (their labelled text, not the style variants' typos). */
    void learnWords(List<Example> examples) {
        for (Example e : examples) {
            for (String w : Features.words(e.input().lastUser())) {
                if (counts(w)) {
                    int bit = wordBit(w);
                    known[bit >>> 6] |= 1L << bit;
                }
            }
        }
    }

    /**
     * The share of an ask's {@link Features#words} (those of three letters or more, or a pair of ideographs) the
     * examples had; 1 if it has none.
     */
    double wordsKnown(List<String> askWords) {
        int words = 0;
        int seen = 0;
        for (String w : askWords) {
            if (counts(w)) {
                words++;
                int bit = wordBit(w);
                seen += (known[bit >>> 6] & (1L << bit)) != 0 ? 1 : 0;
            }
        }
        return words == 0 ? 1 : (double) seen / words;
    }

    private static boolean counts(String word) {
        return (word.length() >= 3 || Features.ideographic(word.charAt(0)))
                && !word.chars().allMatch(Character::isDigit);
    }

    private static int wordBit(String word) {
        return Math.floorMod(word.hashCode() * 0x9E3779B1, WORD_BITS);
    }

    private static final int SIZE = INTENTS.length * Features.DIMENSIONS * Float.BYTES + WORD_BITS / Byte.SIZE;

    /**
     * The weights, intent by intent, as big-endian floats, then the known words' bits: what {@link ShippedModel}
     * writes into the plugin's jar.
     */
    byte[] bytes() {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(SIZE);
        for (float[] w : weights) {
            for (float f : w) {
                out.putFloat(f);
            }
        }
        for (long bits : known) {
            out.putLong(bits);
        }
        return out.array();
    }

    /** The model whose {@link #bytes()} these are. */
    static IntentModel of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("not a model of " + INTENTS.length + " x " + Features.DIMENSIONS
                    + " weights and " + WORD_BITS + " word bits: " + bytes.length + " bytes");
        }
        IntentModel model = new IntentModel();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        for (float[] w : model.weights) {
            for (int i = 0; i < w.length; i++) {
                w[i] = in.getFloat();
            }
        }
        for (int i = 0; i < model.known.length; i++) {
            model.known[i] = in.getLong();
        }
        return model;
    }

    static Intent intent(int ordinal) {
        return INTENTS[ordinal];
    }
}
