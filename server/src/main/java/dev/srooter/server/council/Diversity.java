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
 * A council is worth most when its members were trained apart: srooter prefers members from different vendors
 * (provider plugins). It suggests one such council from what is served, and says when the configured one is all
 * one vendor although others are at hand.
 */
public final class Diversity {

    /** Best first: the catalogue's rank, then the higher price (a dearer model of a vendor is usually its best). */
    private static final Comparator<Target> BEST = Comparator.comparingInt((Target t) -> t.capabilities().rank())
            .thenComparingDouble(t -> t.price().known() ? t.price().unit() : -1).reversed();

    private Diversity() {
    }

    /** Each vendor's best tool-capable model, the strongest vendors first, at most {@code size}. */
    public static List<String> suggest(List<Target> served, int size) {
        Map<String, Target> bestOfVendor = new LinkedHashMap<>();
        served.stream().filter(t -> t.capabilities().tools() || !t.capabilities().known()).sorted(BEST)
                .forEach(t -> bestOfVendor.putIfAbsent(t.providerId(), t));
        List<Target> picked = new ArrayList<>(bestOfVendor.values());
        picked.sort(BEST);
        return picked.stream().limit(size).map(Target::qualifiedName).toList();
    }

    /** The vendors of the members that resolve, in order. */
    public static Set<String> vendors(List<Target> members) {
        Set<String> vendors = new LinkedHashSet<>();
        members.forEach(t -> vendors.add(t.providerId()));
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
