package dev.srooter.server.council;

import dev.srooter.server.providers.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A council is worth most when its members were trained apart: srooter prefers members from different vendors (the
 * makers of the models, whoever serves them: a DeepSeek model through an OpenAI-compatible account is DeepSeek's).
 * It suggests one such council from what is served, and says when the configured one is all one vendor although
 * others are at hand.
 */
public final class Diversity {

    /** Model id beginnings and their makers; a model none matches is its provider plugin's kind's. */
    private static final String[][] MAKERS = {{"claude", "anthropic"}, {"gpt", "openai"}, {"o1", "openai"},
        {"o3", "openai"}, {"o4", "openai"}, {"codex", "openai"}, {"chatgpt", "openai"}, {"deepseek", "deepseek"},
        {"grok", "xai"}, {"gemini", "google"}, {"gemma", "google"}, {"qwen", "alibaba"}, {"llama", "meta"},
        {"mistral", "mistral"}, {"codestral", "mistral"}, {"devstral", "mistral"}, {"kimi", "moonshot"},
        {"glm", "zhipu"}};

    /** Best first: the catalogue's rank, then the higher price (a dearer model of a vendor is usually its best). */
    private static final Comparator<Target> BEST = Comparator.comparingInt((Target t) -> t.capabilities().rank())
            .thenComparingDouble(t -> t.price().known() ? t.price().unit() : -1).reversed();

    private Diversity() {
    }

    /** Each vendor's best tool-capable model, the strongest vendors first, at most {@code size}. */
    public static List<String> suggest(List<Target> served, int size) {
        Map<String, Target> bestOfVendor = new LinkedHashMap<>();
        served.stream().filter(t -> t.capabilities().tools() || !t.capabilities().known()).sorted(BEST)
                .forEach(t -> bestOfVendor.putIfAbsent(vendor(t), t));
        List<Target> picked = new ArrayList<>(bestOfVendor.values());
        picked.sort(BEST);
        return picked.stream().limit(size).map(Target::qualifiedName).toList();
    }

    /** Who made a model. */
    public static String vendor(Target t) {
        String id = t.modelId().toLowerCase(java.util.Locale.ROOT);
        id = id.substring(id.lastIndexOf('/') + 1);
        for (String[] maker : MAKERS) {
            if (id.startsWith(maker[0])) {
                return maker[1];
            }
        }
        return t.provider().kind();
    }

    /** The vendors of the members that resolve, in order. */
    public static Set<String> vendors(List<Target> members) {
        Set<String> vendors = new LinkedHashSet<>();
        members.forEach(t -> vendors.add(vendor(t)));
        return vendors;
    }

    /** A warning when every member is of one vendor and another vendor serves models; null otherwise. */
    public static String warning(List<Target> members, List<Target> served) {
        Set<String> vendors = vendors(members);
        if (members.size() < 2 || vendors.size() != 1) {
            return null;
        }
        Set<String> available = vendors(served);
        available.removeAll(vendors);
        return available.isEmpty() ? null : "every member is served by " + vendors.iterator().next()
                + "; members from different vendors (" + String.join(", ", available) + " also serve here) catch"
                + " more of each other's blind spots";
    }
}
