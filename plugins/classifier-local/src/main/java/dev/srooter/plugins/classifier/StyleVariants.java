package dev.srooter.plugins.classifier;

import dev.srooter.api.ClassifierInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Variants of each labelled ask in the styles other people write in, added to the training set: the same ask with
 * typos, wrapped in small talk, cut down to its content words, or with a pasted snippet that says nothing about the
 * intent. The intent of an ask does not change with its style, so the model should not learn style as a signal; the
 * corpus has each ask in one style only, and a model trained on it alone leans on the words of that style (the
 * cross-source figure is what measures this).
 */
final class StyleVariants {

    private static final List<String> OPENINGS = List.of("hey, ", "hi! ", "quick one: ", "can you ", "could you please ",
            "pls ", "ok so ", "hmm, ", "one more thing: ", "so ", "I need you to ", "when you get a chance, ",
            "help: ", "question: ", "next: ", "alright, ");
    private static final List<String> CLOSINGS = List.of(" thanks!", " thx", " ty", " 🙏", " please.", " asap",
            " when you can", " no rush", " - cheers", " :)", " (see above)", " if possible", " for the demo tomorrow",
            " it's blocking me");
    /** Words that carry no intent: a terse writer leaves them out. */
    private static final Set<String> FILLER = Set.of("the", "a", "an", "please", "can", "you", "could", "would", "i",
            "we", "to", "of", "it", "is", "that", "this", "so", "just", "for", "in", "on", "and", "be", "our", "my",
            "me", "do", "will", "there", "some", "with", "are", "want", "need", "like");
    /** Pasted text that belongs to no intent in particular: a build log, a diff header, a shell prompt. */
    private static final List<String> PASTES = List.of(
            "\n\n```\n$ npm run build\n> app@1.4.2 build\n> tsc -p .\n\nDone in 4.21s.\n```",
            "\n\n```\ndiff --git a/src/main.py b/src/main.py\nindex 3f2a1c0..9b7e4d2 100644\n--- a/src/main.py\n+++ b/src/main.py\n```",
            "\n\n```\n$ git status\nOn branch main\nChanges not staged for commit:\n  modified:   src/app.ts\n```",
            "\n\n    at Object.<anonymous> (/app/index.js:12:5)\n    at Module._compile (node:internal/modules/cjs/loader:1256:14)",
            "\n\n```java\npublic final class Orders {\n    private final List<Order> items = new ArrayList<>();\n}\n```",
            "\n\n(running on macOS 14, node 20, pnpm 9)");

    private StyleVariants() {
    }

    /** The examples and, for each ask a developer typed (not a client's side call), {@code per} variants. */
    static List<IntentModel.Example> with(List<IntentModel.Example> examples, int per, long seed) {
        Random random = new Random(seed);
        List<IntentModel.Example> out = new ArrayList<>(examples);
        for (IntentModel.Example e : examples) {
            ClassifierInput in = e.input();
            if (in.sideCall() || in.lastUser() == null || in.lastUser().isBlank()) {
                continue;
            }
            for (int k = 0; k < per; k++) {
                String text = switch (random.nextInt(4)) {
                    case 0 -> typos(in.lastUser(), random);
                    case 1 -> pick(OPENINGS, random) + in.lastUser() + pick(CLOSINGS, random);
                    case 2 -> terse(in.lastUser());
                    default -> in.lastUser() + pick(PASTES, random);
                };
                out.add(new IntentModel.Example(e.intent(), new ClassifierInput(in.system(), text, in.toolResults(),
                        in.toolNames(), in.turns(), in.model())));
            }
        }
        return out;
    }

    private static String pick(List<String> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }

    /** Two neighbouring letters swapped in about one word of six of five letters or more. */
    static String typos(String text, Random random) {
        StringBuilder out = new StringBuilder(text.length());
        for (String word : text.split(" ", -1)) {
            if (out.length() > 0) {
                out.append(' ');
            }
            if (word.length() >= 5 && word.chars().allMatch(Character::isLetter) && random.nextInt(6) == 0) {
                int at = 1 + random.nextInt(word.length() - 3);
                out.append(word, 0, at).append(word.charAt(at + 1)).append(word.charAt(at)).append(word, at + 2,
                        word.length());
            } else {
                out.append(word);
            }
        }
        return out.toString();
    }

    /** The ask without its filler words. */
    static String terse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String word : text.split(" ")) {
            if (!FILLER.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                out.append(out.length() > 0 ? " " : "").append(word);
            }
        }
        return out.length() == 0 ? text : out.toString();
    }
}
