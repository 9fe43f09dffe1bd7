package dev.srooter.server.routing;

import dev.srooter.server.council.Diversity;
import dev.srooter.server.providers.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A fallback chain for a model an admin gave none, so that out of the box a provider's outage or a spent cap moves
 * work down a chain instead of failing or overspending: a cheaper tier of the same vendor, then a comparable model of
 * another connected vendor, then a local model. Only models that can do what the first can (tools, images) are
 * chosen. Derived afresh from what is served; an admin's chain for the model replaces it.
 */
public final class DerivedChains {

    private DerivedChains() {
    }

    /** The chain derived for {@code first} among {@code served}, as provider/model names; empty when none fits. */
    public static List<String> of(Target first, List<Target> served) {
        String vendor = Diversity.vendor(first);
        List<Target> able = served.stream().filter(t -> !t.qualifiedName().equals(first.qualifiedName()))
                .filter(t -> !first.capabilities().tools() || t.capabilities().tools() || !t.capabilities().known())
                .filter(t -> !first.capabilities().vision() || t.capabilities().vision())
                .filter(t -> !t.modelId().equals(first.modelId())) // the same model elsewhere is a credential matter
                .toList();
        List<String> chain = new ArrayList<>(3);
        // a cheaper tier of the same vendor: the strongest of those priced below it
        cheaperTier(first, able.stream().filter(t -> Diversity.vendor(t).equals(vendor)).toList())
                .ifPresent(t -> chain.add(t.qualifiedName()));
        // a comparable model of another vendor: the closest in the catalogue's rank, then in price
        able.stream().filter(t -> !Diversity.vendor(t).equals(vendor) && !local(t) && t.price().known())
                .min(Comparator.comparingInt((Target t) -> Math.abs(t.capabilities().rank() - first.capabilities().rank()))
                        .thenComparingDouble(t -> Math.abs(t.price().unit() - unit(first))))
                .ifPresent(t -> chain.add(t.qualifiedName()));
        // then a local model, if one is served
        if (!local(first)) {
            able.stream().filter(DerivedChains::local).max(Comparator.comparingInt(t -> t.capabilities().rank()))
                    .filter(t -> !chain.contains(t.qualifiedName())).ifPresent(t -> chain.add(t.qualifiedName()));
        }
        return List.copyOf(chain);
    }

    private static Optional<Target> cheaperTier(Target first, List<Target> sameVendor) {
        if (!first.price().known()) {
            return Optional.empty();
        }
        return sameVendor.stream().filter(t -> t.price().known() && t.price().unit() < first.price().unit() && !local(t))
                .max(Comparator.comparingInt((Target t) -> t.capabilities().rank())
                        .thenComparingDouble(t -> t.price().unit()));
    }

    private static double unit(Target t) {
        return t.price().known() ? t.price().unit() : 0;
    }

    /** A model served on this machine or network: Ollama's, or any at no price. */
    static boolean local(Target t) {
        return "ollama".equals(t.provider().kind()) || t.price().known() && t.price().unit() == 0;
    }
}
