package dev.srooter.server.pipeline;

import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.DerivedChains;
import dev.srooter.server.routing.RuleBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A model's fallback chain resolved to served models, for the stages that walk it: the attempt chain (every
 * step, in order) and the ones that move work to a cheaper model (budgets, the task guard).
 */
@ApplicationScoped
public class FallbackChains {

    @Inject
    RuleBook rules;

    @Inject
    ModelDirectory directory;

    /**
     * {@code first}, then each step of its chain that a model serves (by provider/model, id or alias), once each.
     * A model an admin gave no chain has a derived one ({@link DerivedChains}) unless the admin turned those off.
     */
    public List<Target> withFallbacks(Exchange exchange, Target first) {
        List<Target> models = new ArrayList<>(2);
        models.add(first);
        for (String step : chainOf(first, exchange.requestedModel)) {
            directory.resolveWithAliases(step, exchange.clientFormat()).map(ModelDirectory.Resolution::target)
                    .filter(t -> models.stream().noneMatch(m -> m.qualifiedName().equals(t.qualifiedName())))
                    .ifPresent(models::add);
        }
        return models;
    }

    /** The steps of {@code from}'s chain with a known price below its own, permitted by policy, dearest first. */
    public List<Target> cheaperSteps(Exchange exchange, Target from) {
        double fromPrice = from.price().unit();
        List<Target> chain = withFallbacks(exchange, from);
        List<Target> steps = new ArrayList<>(chain.subList(1, chain.size()));
        steps.removeIf(t -> !t.price().known() || t.price().unit() >= fromPrice || !Route.permitted(exchange, t));
        steps.sort(Comparator.comparingDouble((Target t) -> t.price().unit()).reversed());
        return steps;
    }

    /** The admin's chain for the model, else the derived one (when derived chains are on), else none. */
    public List<String> chainOf(Target first, String requestedModel) {
        List<String> set = rules.chainFor(first, requestedModel);
        if (!set.isEmpty() || !rules.derivesChains()) {
            return set;
        }
        List<Target> served = directory.all();
        Derived d = derived;
        if (d == null || d.served() != served) {
            d = new Derived(served, new java.util.concurrent.ConcurrentHashMap<>());
            derived = d;
        }
        return d.chains().computeIfAbsent(first.qualifiedName(), k -> DerivedChains.of(first, served));
    }

    /** Derived chains, kept while the served models stay the same list. */
    private record Derived(List<Target> served, java.util.Map<String, List<String>> chains) {
    }

    private volatile Derived derived;

    static boolean isFree(Target target) {
        return target.price().known() && target.price().unit() == 0;
    }
}
