package dev.srooter.server.pipeline;

import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
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

    /** {@code first}, then each step of its chain that a model serves (by provider/model, id or alias), once each. */
    List<Target> withFallbacks(Exchange exchange, Target first) {
        List<Target> models = new ArrayList<>(2);
        models.add(first);
        for (String step : rules.chainFor(first, exchange.requestedModel)) {
            directory.resolveWithAliases(step, exchange.clientFormat()).map(ModelDirectory.Resolution::target)
                    .filter(t -> models.stream().noneMatch(m -> m.qualifiedName().equals(t.qualifiedName())))
                    .ifPresent(models::add);
        }
        return models;
    }

    /** The steps of {@code from}'s chain with a known price below its own, permitted by policy, dearest first. */
    List<Target> cheaperSteps(Exchange exchange, Target from) {
        double fromPrice = from.price().unit();
        List<Target> chain = withFallbacks(exchange, from);
        List<Target> steps = new ArrayList<>(chain.subList(1, chain.size()));
        steps.removeIf(t -> !t.price().known() || t.price().unit() >= fromPrice || !Route.permitted(exchange, t));
        steps.sort(Comparator.comparingDouble((Target t) -> t.price().unit()).reversed());
        return steps;
    }

    static boolean isFree(Target target) {
        return target.price().known() && target.price().unit() == 0;
    }
}
