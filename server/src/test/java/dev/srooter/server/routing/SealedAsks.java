package dev.srooter.server.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classifier plugin's sealed sets (labelled asks it was never trained on), read by the routing tests that measure
 * what cheap routing would do with them. A new set is added here once.
 */
final class SealedAsks {

    /** One labelled ask: its intent, its shape ({@code chat} or {@code title}) and the developer's text. */
    record Ask(String intent, String shape, String text) {
    }

    private static final Path DIR = Path.of("..", "plugins", "classifier-local", "src", "test", "resources");
    private static final List<String> SETS = List.of("intents-sealed.tsv", "intents-sealed-2.tsv",
            "intents-sealed-3.tsv", "intents-sealed-4.tsv", "intents-sealed-5.tsv", "intents-sealed-6.tsv",
            "intents-sealed-7.tsv");

    private SealedAsks() {
    }

    /** Every ask of every sealed set, with {@code \n} in the text turned into line breaks. */
    static List<Ask> all() throws IOException {
        List<Ask> asks = new ArrayList<>();
        for (String set : SETS) {
            for (String line : Files.readAllLines(DIR.resolve(set))) {
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
