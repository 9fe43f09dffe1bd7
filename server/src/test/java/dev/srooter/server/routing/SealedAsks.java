package dev.srooter.server.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The classifier plugin's sealed sets (labelled asks it was never trained on: every {@code intents-sealed*.tsv} of its
 * test resources), read by the routing tests that measure what cheap routing would do with them.
 */
final class SealedAsks {

    /** One labelled ask: its intent, its shape ({@code chat} or {@code title}) and the developer's text. */
    record Ask(String intent, String shape, String text) {
    }

    private static final Path DIR = Path.of("..", "plugins", "classifier-local", "src", "test", "resources");

    private SealedAsks() {
    }

    /** Every ask of every sealed set, with {@code \n} in the text turned into line breaks. */
    static List<Ask> all() throws IOException {
        List<Path> sets;
        try (Stream<Path> files = Files.list(DIR)) {
            sets = files.filter(f -> f.getFileName().toString().matches("intents-sealed(-\\d+)?\\.tsv")).sorted()
                    .toList();
        }
        if (sets.size() < 7) { // seven when this was written; fewer means the plugin's resources moved
            throw new IllegalStateException("sealed sets in " + DIR.toAbsolutePath() + ": " + sets);
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
