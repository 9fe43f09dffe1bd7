package dev.srooter.plugins.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classifier's weights, trained from the whole corpus when the plugin is built and shipped in its jar, so that
 * loading the plugins (at start, and again on every plugin change an admin makes, on every node) reads a megabyte
 * instead of training for a second or more. Training is seeded and single-threaded, so the shipped weights are exactly
 * what training on the corpus gives ({@code ShippedModelTest} holds them to it). Public only for the build to run it.
 */
public final class ShippedModel {

    static final String RESOURCE = "/intent-model.bin";

    private ShippedModel() {
    }

    /** The shipped weights; trained here and now when the jar has none (a build that skipped the step). */
    static IntentModel load() {
        try (InputStream in = ShippedModel.class.getResourceAsStream(RESOURCE)) {
            return in == null ? LocalClassifier.train(Corpus.all()) : IntentModel.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Run by the build (exec-maven-plugin, process-classes): trains on the corpus and writes the weights to args[0]. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.write(out, LocalClassifier.train(Corpus.all()).bytes());
    }
}
