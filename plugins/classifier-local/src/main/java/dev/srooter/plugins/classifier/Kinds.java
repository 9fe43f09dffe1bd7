package dev.srooter.plugins.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named things an ask mentions (frameworks, databases, queues, deployment tools, architecture patterns,
 * vulnerability classes, security controls, repository chores), as features of their kind ({@code kinds.tsv}).
 * Other people's asks name the thing and not the kind of work: "Change from Express to Fastify", "Istio mesh",
 * "optimistic locking on all entities", "ObjectInputStream not validated". Words the corpus never had weigh nothing;
 * a kind it has taught does, so a name learnt nowhere counts as what its kind has meant. Two different names of one
 * kind in an ask ("Express" and "Fastify") are a cue of their own: one thing swapped for another.
 */
final class Kinds {

    /** Kinds whose two names in one ask mean a swap (not patterns, vulnerabilities, controls or chores). */
    private static final Set<String> SWAPPABLE = Set.of("framework", "statelib", "library", "orm", "database",
            "messaging", "infra", "protocol", "build", "testing", "observability");

    private static final Map<String, String> KIND_OF = load();
    private static final int LONGEST = KIND_OF.keySet().stream().mapToInt(n -> n.split(" ").length).max().orElse(1);

    private Kinds() {
    }

    /** The kind features of an ask's {@link Features#words}: each kind once, and a kind named twice over. */
    static void add(List<String> names, List<String> words) {
        Map<String, String> firstName = new LinkedHashMap<>();
        Set<String> twice = new java.util.HashSet<>();
        int k = 0;
        while (k < words.size()) {
            int matched = 0;
            // the longest name first: "dependency injection" is a pattern before "injection" is a vulnerability
            for (int n = Math.min(LONGEST, words.size() - k); n >= 1 && matched == 0; n--) {
                String name = String.join(" ", words.subList(k, k + n));
                String kind = KIND_OF.get(name);
                if (kind != null) {
                    String first = firstName.putIfAbsent(kind, name);
                    if (first != null && !first.equals(name) && SWAPPABLE.contains(kind)) {
                        twice.add(kind);
                    }
                    matched = n;
                }
            }
            k += Math.max(matched, 1);
        }
        for (String kind : firstName.keySet()) {
            names.add("kind:" + kind);
            names.add("kind:" + kind);
        }
        for (String kind : twice) {
            names.add("kind:" + kind + ":two");
            names.add("kind:" + kind + ":two");
        }
    }

    /** What {@code kinds.tsv} names, by name. */
    static Map<String, String> kindOf() {
        return KIND_OF;
    }

    private static Map<String, String> load() {
        Map<String, String> kinds = new HashMap<>();
        InputStream in = Kinds.class.getResourceAsStream("/kinds.tsv");
        if (in == null) {
            throw new IllegalStateException("missing resource /kinds.tsv");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line : reader.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                for (String name : f[1].split(",")) {
                    kinds.put(name.strip(), f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(kinds);
    }
}
