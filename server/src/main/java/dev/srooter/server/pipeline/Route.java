package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.server.cortex.BlastRadius;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.RouteRule;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.routing.SecuritySignals;
import dev.srooter.server.routing.TargetPicker;
import dev.srooter.server.learn.Candidate;
import dev.srooter.server.learn.LearnContext;
import dev.srooter.server.learn.LearnSettings;
import dev.srooter.server.learn.LearnedRoutes;
import dev.srooter.server.learn.Learner;
import dev.srooter.server.skills.ActiveSkill;
import dev.srooter.server.skills.Skills;
import dev.srooter.server.tasks.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the routing rule for the request's intent (the caller's team's rule, else the org-wide one):
 * the model asked for, or the cheapest or best capable model, or a named one. The route says what happened
 * ({@code trivial -> qwen3-coder}); architecture and security work may be flagged for a council, and so is work
 * inside a hard skill's paths ({@code skill <name>}) unless the admin turned that off. Cortex's blast
 * radius weighs in: a high-risk change goes to the best model with the council; trivial work is sent to the
 * cheapest model only when its risk is low. What a model must be able to do is read from the body as it is now,
 * after any policy's rewrite.
 */
@ApplicationScoped
public class Route implements Stage {

    @Inject
    Skills skills;

    @Inject
    LearnedRoutes learned;

    @Inject
    RuleBook rules;

    @Inject
    TargetPicker picker;

    @Inject
    ModelDirectory directory;

    /** Whether the caller's policies let this model serve (by its name or provider/name). */
    static boolean permitted(Exchange exchange, Target target) {
        return exchange.modelPermitted.test(target.modelId()) || exchange.modelPermitted.test(target.qualifiedName());
    }

    @Override
    public void apply(Exchange exchange) {
        BlastRadius.Risk risk = exchange.decisions.risk();
        if (risk != null && "high".equals(risk.level()) && rules.escalatesRisk()) {
            escalate(exchange, risk);
            return;
        }
        Classification classification = exchange.decisions.classification();
        Optional<RouteRule> rule = classification == null ? Optional.empty()
                : rules.ruleFor(exchange.caller == null ? null : exchange.caller.team(), classification.intent());
        if (rule.isPresent() && rule.get().council()) {
            exchange.decisions.add(new Decision.CouncilFlagged(rules.councilMembers(),
                    classification.intent().name().toLowerCase(java.util.Locale.ROOT)));
        } else if (rules.councilOnHardSkills()) {
            ActiveSkill scope = skills.hardScope(exchange.plugins == null ? java.util.List.of() : exchange.plugins.skills(),
                    () -> Instruct.view(exchange, exchange.decisions.intent()));
            if (scope != null) {
                exchange.decisions.add(new Decision.CouncilFlagged(rules.councilMembers(), "skill " + scope.name()));
            }
        }
        if (keepTasksModel(exchange)) {
            return;
        }
        if (rule.isEmpty()) {
            return;
        }
        String target = rule.get().target();
        if (RouteRule.REQUESTED.equals(target) || classification.confidence() < rule.get().minConfidence()) {
            return;
        }
        if (RouteRule.LEARNED.equals(target)) {
            learned(exchange, rule.get(), risk);
            return;
        }
        if (RouteRule.CHEAPEST.equals(target) && risk != null && !"low".equals(risk.level())) {
            exchange.decisions.add(new Decision.RiskRouted(risk.level(), exchange.target.modelId(), false));
            return; // cheap models are for trivial work that is also low-risk
        }
        Optional<Target> chosen = picker.pick(target, exchange.body.needs(), exchange.clientFormat(),
                t -> permitted(exchange, t));
        if (chosen.isEmpty() || chosen.get().qualifiedName().equals(exchange.target.qualifiedName())) {
            return; // nothing serves the rule's target (or it is the model asked for): the request goes as asked
        }
        if (!RouteRule.BEST.equals(target) && cheaper(chosen.get(), exchange.target) && securitySignals(exchange)) {
            exchange.decisions.add(new Decision.SecurityKept(exchange.target.modelId()));
            return;
        }
        exchange.target = chosen.get();
        exchange.decisions.add(new Decision.RuleRouted(exchange.decisions.intent(), chosen.get().modelId()));
    }

    /**
     * A learned rule: the learner chooses among the rule's candidates (those served, capable of the request and
     * permitted) for the request's context. Exploration stays away from security work and high-risk changes unless
     * the admin allowed it; a cheaper choice for an ask with signs of security work is held back, as for any rule.
     */
    private void learned(Exchange exchange, RouteRule rule, BlastRadius.Risk risk) {
        String intent = exchange.decisions.intent();
        List<Target> targets = new ArrayList<>();
        for (String c : rule.candidates()) {
            directory.resolveWithAliases(c, exchange.clientFormat()).map(ModelDirectory.Resolution::target)
                    .filter(t -> exchange.body.needs().metBy(t) && permitted(exchange, t))
                    .filter(t -> targets.stream().noneMatch(x -> x.qualifiedName().equals(t.qualifiedName())))
                    .ifPresent(targets::add);
        }
        if (targets.isEmpty()) {
            return; // none of the candidates can serve it: the request goes as asked
        }
        LearnSettings settings = learned.settings();
        String team = exchange.caller == null || exchange.caller.team() == null ? "-" : exchange.caller.team();
        LearnContext context = new LearnContext(intent, risk == null ? "none" : risk.level(),
                risk == null ? "-" : risk.area(), team);
        List<Candidate> candidates = targets.stream().map(Candidate::of).toList();
        Learner.Choice choice;
        if (settings.enabled()) {
            boolean mayExplore = settings.mayExplore("security".equals(intent),
                    risk != null && "high".equals(risk.level()));
            choice = learned.choose(context, candidates, mayExplore);
        } else {
            choice = Learner.standing(candidates);
        }
        Target chosen = targets.stream().filter(t -> t.qualifiedName().equals(choice.model())).findFirst()
                .orElse(targets.get(0));
        if (cheaper(chosen, exchange.target) && securitySignals(exchange)) {
            exchange.decisions.add(new Decision.SecurityKept(exchange.target.modelId()));
            return;
        }
        exchange.target = chosen;
        exchange.decisions.add(new Decision.LearnedRouted(intent, chosen.modelId(), chosen.qualifiedName(),
                choice.explored(), settings.enabled() ? context.key() : null, choice.why()));
    }

    /**
     * Whether the developer's ask shows signs of security work: then no rule sends it to a model cheaper than the
     * one asked for, whatever the classifier said (a misread security task on a cheap model is the costly mistake).
     * A rule for the best model is not held back: the best model is chosen for capability, whatever its price.
     * Side calls (titles, summaries) are the client's bookkeeping and go cheap whatever they are about.
     */
    private static boolean securitySignals(Exchange exchange) {
        return exchange.body.canonical().map(Classify::input)
                .map(input -> !input.sideCall() && SecuritySignals.present(input.lastUser())).orElse(false);
    }

    private static boolean cheaper(Target model, Target than) {
        return !than.price().known() || model.price().known() && model.price().unit() < than.price().unit();
    }

    /**
     * A follow-up of a task stays on the model that served the task's last turn (same model, same provider), so
     * that the provider's prompt cache and reasoning state carry on; only a failure (fallback), a policy, a budget
     * or a risk escalation moves it, each a decision of its own. A new human turn is a new task, routed afresh.
     */
    private boolean keepTasksModel(Exchange exchange) {
        Task task = exchange.task;
        if (task == null || exchange.turn == 0 || task.model() == null) {
            return false;
        }
        Optional<Target> kept = directory.resolve(task.model(), exchange.clientFormat())
                .filter(t -> permitted(exchange, t));
        if (kept.isEmpty()) {
            return false; // the model is gone or no longer permitted: the rules decide again
        }
        if (!kept.get().qualifiedName().equals(exchange.target.qualifiedName())) {
            exchange.target = kept.get();
            exchange.decisions.add(new Decision.TaskKept(kept.get().modelId()));
        }
        return true;
    }

    /**
     * A high-risk change (a wide blast radius or a sensitive area) goes to the best capable model and is flagged
     * for the council, whatever its intent's rule says.
     */
    private void escalate(Exchange exchange, BlastRadius.Risk risk) {
        exchange.decisions.add(new Decision.CouncilFlagged(rules.councilMembers(), "risk"));
        Optional<Target> best = picker.pick(RouteRule.BEST, exchange.body.needs(), exchange.clientFormat(),
                t -> permitted(exchange, t));
        boolean moved = best.isPresent() && !best.get().qualifiedName().equals(exchange.target.qualifiedName());
        if (moved) {
            exchange.target = best.get();
        }
        exchange.decisions.add(new Decision.RiskRouted(risk.level(), exchange.target.modelId(), moved));
    }
}
