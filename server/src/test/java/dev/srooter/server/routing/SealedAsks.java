package dev.srooter.server.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Labelled asks of the classifier plugin, read by the routing tests that measure what cheap routing would do with
 * them: its sealed sets (every {@code intents-sealed*.tsv} of its test resources, never trained on), and the sets
 * that were sealed until they were folded into its training (its sources {@code mixed-*.tsv}), which still test
 * what is not trained, such as the security screen.
 */
final class SealedAsks {

    /** One labelled ask: its intent, its shape ({@code chat} or {@code title}) and the developer's text. */
    record Ask(String intent, String shape, String text) {
    }

    private static final Path PLUGIN = Path.of("..", "plugins", "classifier-local", "src");
    private static final Path SEALED = PLUGIN.resolve(Path.of("test", "resources"));
    private static final Path CORPUS = PLUGIN.resolve(Path.of("main", "resources", "intents"));

    private SealedAsks() {
    }

    /** Every ask of the sealed sets: what the shipped classifier never saw. */
    static List<Ask> sealed() throws IOException {
        return read(SEALED, "intents-sealed(-\\d+)?\\.tsv", 1); // sealed-8 when this was written
    }

    /** The sealed sets and those folded into training since: for what the classifier's training does not touch. */
    static List<Ask> sealedOnceOrStill() throws IOException {
        List<Ask> asks = new ArrayList<>(read(CORPUS, "mixed-\\d+\\.tsv", 7));
        asks.addAll(sealed());
        return asks;
    }

    private static List<Ask> read(Path dir, String names, int atLeast) throws IOException {
        List<Path> sets;
        try (Stream<Path> files = Files.list(dir)) {
            sets = files.filter(f -> f.getFileName().toString().matches(names)).sorted().toList();
        }
        if (sets.size() < atLeast) { // fewer means the plugin's resources moved
            throw new IllegalStateException(names + " in " + dir.toAbsolutePath() + ": " + sets);
        }
        List<Ask> asks = new ArrayList<>();
        for (Path set : sets) {
            for (String line : Files.readAllLines(set)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                asks.add(new Ask(f[0], f[1], f[2].replace("\\n", "\n")));
            }
        }
        return asks;
    }
}
