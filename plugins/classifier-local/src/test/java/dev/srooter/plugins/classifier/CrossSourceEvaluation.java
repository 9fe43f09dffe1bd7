package dev.srooter.plugins.classifier;

import dev.srooter.api.Classification;
import dev.srooter.api.Intent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Trains on every source but one and tests on the one left out, for each source in turn: the figure that says
 * how the classifier does on requests written in a style it has never seen. Beside it, for contrast, the
 * flattering figure: five folds over all sources mixed, where every style is in training. Run as a program by
 * {@code bench/classifiers.py}; {@link CrossSourceEvaluationTest} holds the figures to their floors.
 */
final class CrossSourceEvaluation {

    /** The default rule sends trivial work to the cheapest model at this confidence or above. */
    static final double CHEAP_CONFIDENCE = 0.7;

    /** One prediction: the truth, the guess, its confidence, the source, the text. */
    record Prediction(String source, Intent truth, Classification guess, String text) {
        boolean correct() {
            return truth == guess.intent();
        }

        boolean routedCheaper() {
            return guess.intent() == Intent.TRIVIAL && guess.confidence() >= CHEAP_CONFIDENCE;
        }
    }

    private CrossSourceEvaluation() {
    }

    static List<Prediction> leaveOneSourceOut(Map<String, List<IntentModel.Example>> sources,
                                             Function<List<IntentModel.Example>, LocalClassifier> trainer) {
        // one fold per source, folds trained side by side (training is seeded and shares nothing); the predictions in
        // the order of the sources
        return new ArrayList<>(sources.keySet()).parallelStream().flatMap(held -> {
            List<IntentModel.Example> train = new ArrayList<>();
            sources.forEach((name, examples) -> {
                if (!name.equals(held)) {
                    train.addAll(examples);
                }
            });
            LocalClassifier classifier = trainer.apply(train);
            return sources.get(held).stream().map(e -> new Prediction(held, e.intent(), classifier.classify(e.input()),
                    e.input().lastUser()));
        }).toList();
    }

    static List<Prediction> mixedFolds(Map<String, List<IntentModel.Example>> sources, int folds,
                                      Function<List<IntentModel.Example>, LocalClassifier> trainer) {
        List<IntentModel.Example> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        sources.forEach((name, examples) -> examples.forEach(e -> {
            all.add(e);
            names.add(name);
        }));
        List<Prediction> predictions = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            List<IntentModel.Example> train = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                if (k % folds != fold) {
                    train.add(all.get(k));
                }
            }
            LocalClassifier classifier = trainer.apply(train);
            for (int k = fold; k < all.size(); k += folds) {
                IntentModel.Example e = all.get(k);
                predictions.add(new Prediction(names.get(k), e.intent(), classifier.classify(e.input()),
                        e.input().lastUser()));
            }
        }
        return predictions;
    }

    /**
     * The sealed sets (the plugin's test resources {@code intents-<name>.tsv}), never trained on, and when each was
     * written. Those in {@link #READ_SETS} were read ask by ask after they were run ({@code --misses} prints what they
     * miss); of the others only the totals are read. The seven sets before sealed-8 were folded into training on
     * 2026-12-04 (the sources mixed-1 to mixed-7): held out in turn they had shown that the sets written since the
     * corpus was settled teach what it lacks (87.1% to 90.9%), and sealed-8, written before the fold, went from 83.8%
     * to 90.0% with it. sealed-9, written after the fold, scored 91.3% on its first run, 93.8% after the sources
     * languages and features, and 93.8% after borderline-2, context-first and languages-2. sealed-8 was known when those
     * five were written, so its 96.3% since flatters; a few of their asks echo asks of sealed-9 in other words (a
     * tenant id on every table), so its first run is the clean figure. sealed-10 (languages no source has) scored 66.3%
     * before the cue stems of more languages (OtherLanguages) and 71.3% after. sealed-11 (eight languages the corpus
     * has) 87.5% as shipped; a source of 96 more asks in its languages (languages-3) took it to 85.4% and sealed-10 to
     * 68.8%, and was not kept.
     */
    static final List<Map.Entry<String, String>> SEALED_SETS = List.of(
            Map.entry("sealed-8", "written 2026-12-04 before the seven older sets were folded into training"),
            Map.entry("sealed-9", "written 2026-12-04 after the fold, before the sources languages, features,"
                    + " borderline-2, context-first and languages-2"),
            Map.entry("sealed-10", "written 2026-12-04 in languages no source has, before their cue stems"),
            Map.entry("sealed-11", "written 2026-12-04 in the eight languages most written to agents besides"
                    + " English"));

    /** The sealed sets whose misses were read after their first run: their later figures flatter. */
    static final Set<String> READ_SETS = Set.of();

    /** The classifier on the sealed set {@code name} (one of {@link #SEALED_SETS}). */
    static List<Prediction> sealed(LocalClassifier classifier, String name) {
        List<Prediction> predictions = new ArrayList<>();
        for (IntentModel.Example e : Corpus.load("/intents-" + name + ".tsv")) {
            predictions.add(new Prediction(name, e.intent(), classifier.classify(e.input()), e.input().lastUser()));
        }
        return predictions;
    }

    static double accuracy(List<Prediction> predictions) {
        return (double) predictions.stream().filter(Prediction::correct).count() / predictions.size();
    }

    static double recall(List<Prediction> predictions, Intent intent) {
        List<Prediction> of = predictions.stream().filter(p -> p.truth() == intent).toList();
        return of.isEmpty() ? 0 : accuracy(of);
    }

    /** Expected calibration error over ten confidence bins: how far confidence is from accuracy, on average. */
    static double calibrationError(List<Prediction> predictions) {
        double error = 0;
        for (int bin = 0; bin < 10; bin++) {
            double low = bin / 10.0;
            double high = (bin + 1) / 10.0;
            List<Prediction> in = predictions.stream().filter(p -> p.guess().confidence() >= low
                    && (p.guess().confidence() < high || high == 1.0)).toList();
            if (!in.isEmpty()) {
                double confidence = in.stream().mapToDouble(p -> p.guess().confidence()).average().orElse(0);
                error += Math.abs(confidence - accuracy(in)) * in.size() / predictions.size();
            }
        }
        return error;
    }

    static String report(String title, List<Prediction> predictions, boolean perSource) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s: %d requests, accuracy %.1f%%%n", title,
                predictions.size(), 100 * accuracy(predictions)));
        for (Intent intent : Intent.values()) {
            out.append(String.format(Locale.ROOT, "  recall %-12s %.1f%%%n", intent.name().toLowerCase(Locale.ROOT),
                    100 * recall(predictions, intent)));
        }
        List<Prediction> security = predictions.stream().filter(p -> p.truth() == Intent.SECURITY).toList();
        out.append(String.format(Locale.ROOT, "  security classified trivial at >= %.1f (cheaper by the classifier"
                + " alone): %d of %d%n", CHEAP_CONFIDENCE, security.stream().filter(Prediction::routedCheaper).count(),
                security.size()));
        List<Prediction> cheap = predictions.stream().filter(Prediction::routedCheaper).toList();
        out.append(String.format(Locale.ROOT, "  sent cheap (trivial at >= %.1f): %d, of which truly trivial %.1f%%%n",
                CHEAP_CONFIDENCE, cheap.size(), cheap.isEmpty() ? 0 : 100.0 * cheap.stream()
                        .filter(p -> p.truth() == Intent.TRIVIAL).count() / cheap.size()));
        out.append(String.format(Locale.ROOT, "  calibration error (ECE, 10 bins): %.3f%n",
                calibrationError(predictions)));
        if (perSource) {
            predictions.stream().map(Prediction::source).distinct().forEach(source -> {
                List<Prediction> of = predictions.stream().filter(p -> p.source().equals(source)).toList();
                out.append(String.format(Locale.ROOT, "  source %-13s %3d requests, accuracy %.1f%%%n", source,
                        of.size(), 100 * accuracy(of)));
            });
        }
        return out.toString();
    }

    /** Time per classification, warmed, over the corpus's requests: what a task's first request pays. */
    static String latency(LocalClassifier classifier, List<IntentModel.Example> examples) {
        for (int k = 0; k < 50_000; k++) {
            classifier.classify(examples.get(k % examples.size()).input());
        }
        long[] nanos = new long[20_000];
        for (int k = 0; k < nanos.length; k++) {
            dev.srooter.api.ClassifierInput input = examples.get(k % examples.size()).input();
            long start = System.nanoTime();
            classifier.classify(input);
            nanos[k] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return String.format(Locale.ROOT, "classification latency: p50 %.1f us, p99 %.1f us (%d requests)%n",
                nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3, nanos.length);
    }

    static String misses(List<Prediction> predictions) {
        StringBuilder out = new StringBuilder();
        for (Prediction p : predictions) {
            if (!p.correct()) {
                out.append(String.format(Locale.ROOT, "  [%s] %s as %s (%.2f): %s%n", p.source(), p.truth(),
                        p.guess().intent(), p.guess().confidence(), p.text().replace("\n", "\\n")));
            }
        }
        return out.toString();
    }

    /**
     * The shipped classifier on a file of labelled requests in the sources' format (intent, shape, text): requests
     * written by other people, or an organisation's own, none of them trained on. {@code --file <path> [--misses]}.
     */
    static List<Prediction> file(LocalClassifier classifier, Path path) throws IOException {
        List<Prediction> predictions = new ArrayList<>();
        String name = path.getFileName().toString();
        for (IntentModel.Example e : Corpus.parse(Files.readAllLines(path))) {
            predictions.add(new Prediction(name, e.intent(), classifier.classify(e.input()), e.input().lastUser()));
        }
        return predictions;
    }

    public static void main(String[] args) throws IOException {
        List<String> options = List.of(args);
        if (options.contains("--file")) {
            Path path = Path.of(options.get(options.indexOf("--file") + 1));
            List<Prediction> predictions = file(new LocalClassifier(), path);
            System.out.print(report(path + " (the shipped classifier)", predictions, false));
            if (options.contains("--misses")) {
                System.out.print(misses(predictions));
            }
            return;
        }
        Map<String, List<IntentModel.Example>> sources = Corpus.sources();
        List<Prediction> crossSource = leaveOneSourceOut(sources, LocalClassifier::new);
        System.out.print(report("cross-source (train on the other sources, test on the one left out)", crossSource,
                true));
        System.out.print(report("mixed 5-fold (every style in training; the flattering figure)",
                mixedFolds(sources, 5, LocalClassifier::new), false));
        LocalClassifier shipped = new LocalClassifier();
        List<Prediction> read = new ArrayList<>();
        for (Map.Entry<String, String> set : SEALED_SETS) {
            List<Prediction> predictions = sealed(shipped, set.getKey());
            System.out.print(report(set.getKey() + " (" + set.getValue()
                    + ", never trained on; the shipped classifier)", predictions, false));
            if (READ_SETS.contains(set.getKey())) {
                read.addAll(predictions);
            }
        }
        System.out.print(latency(new LocalClassifier(), Corpus.all()));
        if (options.contains("--misses")) {
            System.out.print(misses(crossSource));
            System.out.print(misses(read));
        }
    }
}
