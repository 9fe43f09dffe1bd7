package dev.srooter.plugins.classifier;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.srooter.api.Intent;
import java.nio.file.*;
import java.util.*;

/**
 * An experiment, not part of the build: a softmax layer over all-MiniLM-L6-v2 embeddings (quantized) trained on the
 * classifier's corpus, alone and averaged with the word classifier's probabilities, on labelled files in the corpus
 * format and (with --cross) across sources. In the plugin's package, to reach its corpus and model. From the repository
 * root, after mvn install -DskipTests:
 * <pre>
 * cd bench/outside/embeddings && mvn -q dependency:copy-dependencies -DoutputDirectory=lib
 * P=../../../plugins/classifier-local && (cd $P && mvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt)
 * CP="lib/*:$P/target/classes:$P/target/test-classes:$(cat /tmp/cp.txt)"
 * javac -d classes -cp "$CP" EmbedEval.java && java -Dmix=0.5 -cp "classes:$CP" \
 *     dev.srooter.plugins.classifier.EmbedEval [--cross] file.tsv ...
 * </pre>
 * Results (2026-12-05) are in bench/outside/README.md, "Three changes tried on H's misses".
 */
public class EmbedEval {
    static AllMiniLmL6V2QuantizedEmbeddingModel EMB = new AllMiniLmL6V2QuantizedEmbeddingModel();
    static Map<String, float[]> cache = new HashMap<>();

    static float[] embed(String text) {
        return cache.computeIfAbsent(text, t -> EMB.embed(t.length() > 2000 ? t.substring(0, 2000) : t).content().vector());
    }

    static final class Softmax {
        final double[][] w = new double[4][385];
        Softmax(List<float[]> xs, List<Integer> ys, double l2, int epochs) {
            Random r = new Random(42);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) order.add(i);
            for (int e = 0; e < epochs; e++) {
                Collections.shuffle(order, r);
                double lr = 0.5 / (1 + e * 0.1);
                for (int i : order) {
                    double[] p = prob(xs.get(i));
                    for (int c = 0; c < 4; c++) {
                        double g = (c == ys.get(i) ? 1 : 0) - p[c];
                        for (int d = 0; d < 384; d++) w[c][d] += lr * (g * xs.get(i)[d] - l2 * w[c][d]);
                        w[c][384] += lr * g;
                    }
                }
            }
        }
        double[] prob(float[] x) {
            double[] s = new double[4]; double max = -1e9;
            for (int c = 0; c < 4; c++) { double v = w[c][384]; for (int d = 0; d < 384; d++) v += w[c][d] * x[d]; s[c] = v * T; max = Math.max(max, v * T); }
            double sum = 0; for (int c = 0; c < 4; c++) { s[c] = Math.exp(s[c] - max); sum += s[c]; }
            for (int c = 0; c < 4; c++) s[c] /= sum;
            return s;
        }
    }
    static double T = 1;

    static Softmax train(List<IntentModel.Example> ex, double l2, int epochs) {
        List<float[]> xs = new ArrayList<>(); List<Integer> ys = new ArrayList<>();
        for (IntentModel.Example e : ex) { xs.add(embed(e.input().lastUser())); ys.add(e.intent().ordinal()); }
        return new Softmax(xs, ys, l2, epochs);
    }

    static double[] wordProbs(IntentModel m, IntentModel.Example e) {
        return m.probabilities(Features.of(e.input(), Features.words(e.input().lastUser())), LocalClassifier.TEMPERATURE);
    }

    /** The two classifiers' probabilities averaged, {@code mix} of the embeddings' and the rest of the words'. */
    static double[] combined(double[] embeddings, double[] words, double mix) {
        double[] p = new double[4];
        for (int c = 0; c < 4; c++) p[c] = mix * embeddings[c] + (1 - mix) * words[c];
        return p;
    }

    static int argmax(double[] p) { int b = 0; for (int c = 1; c < 4; c++) if (p[c] > p[b]) b = c; return b; }

    public static void main(String[] a) throws Exception {
        double l2 = Double.parseDouble(System.getProperty("l2", "1e-4"));
        int epochs = Integer.getInteger("epochs", 20);
        double mix = Double.parseDouble(System.getProperty("mix", "0.5"));
        Map<String, List<IntentModel.Example>> sources = Corpus.sources();
        List<IntentModel.Example> all = Corpus.all();
        long t0 = System.nanoTime();
        for (IntentModel.Example e : all) embed(e.input().lastUser());
        System.out.printf("embedded %d in %.1f s%n", all.size(), (System.nanoTime() - t0) / 1e9);
        if (a.length > 0 && a[0].equals("--cross")) {
            int n = 0, okE = 0, okW = 0, okC = 0;
            for (String held : sources.keySet()) {
                List<IntentModel.Example> train = new ArrayList<>();
                sources.forEach((k, v) -> { if (!k.equals(held)) train.addAll(v); });
                Softmax s = train(train, l2, epochs);
                IntentModel w = LocalClassifier.train(train);
                for (IntentModel.Example e : sources.get(held)) {
                    double[] pe = s.prob(embed(e.input().lastUser()));
                    double[] pw = wordProbs(w, e);
                    double[] pc = combined(pe, pw, mix);
                    int t = e.intent().ordinal(); n++;
                    if (argmax(pe) == t) okE++; if (argmax(pw) == t) okW++; if (argmax(pc) == t) okC++;
                }
            }
            System.out.printf("cross-source %d: embeddings %.1f%%, words %.1f%%, combined %.1f%%%n", n, 100.0 * okE / n, 100.0 * okW / n, 100.0 * okC / n);
        }
        Softmax s = train(all, l2, epochs);
        IntentModel shipped = ShippedModel.load();
        for (int i = a.length > 0 && a[0].equals("--cross") ? 1 : 0; i < a.length; i++) {
            List<IntentModel.Example> test = Corpus.parse(Files.readAllLines(Path.of(a[i])));
            int n = 0, okE = 0, okW = 0, okC = 0; int[] secCheap = new int[3];
            int[][] per = new int[4][2];
            for (IntentModel.Example e : test) {
                double[] pe = s.prob(embed(e.input().lastUser()));
                double[] pw = wordProbs(shipped, e);
                double[] pc = combined(pe, pw, mix);
                int t = e.intent().ordinal(); n++;
                if (argmax(pe) == t) okE++; if (argmax(pw) == t) okW++; if (argmax(pc) == t) okC++;
                per[t][1]++; if (argmax(pc) == t) per[t][0]++;
                if (t == 3 && argmax(pc) == 0 && pc[0] >= 0.7) secCheap[0]++;
                if (System.getProperty("misses") != null && argmax(pc) != t)
                    System.out.printf("  %s as %s (%.2f): %s%n", Intent.values()[t], Intent.values()[argmax(pc)], pc[argmax(pc)], e.input().lastUser().substring(0, Math.min(120, e.input().lastUser().length())));
            }
            System.out.printf("%s %d: embeddings %.1f%%, words %.1f%%, combined %.1f%% (recall t/s/a/x %d/%d %d/%d %d/%d %d/%d; security cheap %d)%n", a[i], n, 100.0 * okE / n, 100.0 * okW / n, 100.0 * okC / n,
                per[0][0], per[0][1], per[1][0], per[1][1], per[2][0], per[2][1], per[3][0], per[3][1], secCheap[0]);
        }
    }
}
