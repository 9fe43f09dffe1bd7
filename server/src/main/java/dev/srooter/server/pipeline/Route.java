package dev.srooter.server.pipeline;

import dev.srooter.api.Intent;
import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.RouteRule;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.routing.TargetPicker;
import dev.srooter.server.translate.Part;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies the routing rule for the request's intent (the caller's team's rule, else the org-wide one):
 * the model asked for, or the cheapest or best capable model, or a named one. The route says what happened
 * ({@code trivial -> qwen3-coder}); architecture and security work may be flagged for a council. Cortex's blast
 * radius weighs in: a high-risk change goes to the best model with the council; trivial work is sent to the
 * cheapest model only when its risk is low.
 */
@ApplicationScoped
public class Route implements Stage {

    @Inject
    RuleBook rules;

    @Inject
    TargetPicker picker;

    /** Tools and images the request carries, and its size in tokens, estimated as a quarter of its bytes. */
    static TargetPicker.Needs needs(Exchange exchange) {
        boolean tools = exchange.canonical != null && !exchange.canonical.tools().isEmpty();
        boolean vision = exchange.canonical != null && exchange.canonical.messages().stream()
                .flatMap(m -> m.parts().stream()).anyMatch(p -> p instanceof Part.Image
                        || p instanceof Part.ToolResult r && r.content().stream().anyMatch(c -> c instanceof Part.Image));
        return new TargetPicker.Needs(tools, vision, exchange.body.length / 4);
    }

    /** Whether the caller's policies let this model serve (by its name or provider/name). */
    static boolean permitted(Exchange exchange, Target target) {
        return exchange.modelPermitted.test(target.modelId()) || exchange.modelPermitted.test(target.qualifiedName());
    }

    @Override
    public void apply(Exchange exchange) {
        if (exchange.risk != null && "high".equals(exchange.risk.level()) && rules.escalatesRisk()) {
            escalate(exchange);
            return;
        }
        if (exchange.classification == null) {
            return;
        }
        Intent intent = exchange.classification.intent();
        Optional<RouteRule> rule = rules.ruleFor(exchange.caller == null ? null : exchange.caller.team(), intent);
        if (rule.isEmpty()) {
            return;
        }
        exchange.council = rule.get().council();
        if (exchange.council) {
            exchange.councilMembers = rules.councilMembers();
        }
        String target = rule.get().target();
        if (RouteRule.REQUESTED.equals(target) || exchange.classification.confidence() < rule.get().minConfidence()) {
            return;
        }
        if (RouteRule.CHEAPEST.equals(target) && exchange.risk != null && !"low".equals(exchange.risk.level())) {
            exchange.route = "risk " + exchange.risk.level() + ": kept " + exchange.target.modelId();
            return; // cheap models are for trivial work that is also low-risk
        }
        Optional<Target> chosen = picker.pick(target, needs(exchange), exchange.clientFormat(),
                t -> permitted(exchange, t));
        if (chosen.isEmpty() || chosen.get().qualifiedName().equals(exchange.target.qualifiedName())) {
            return; // nothing serves the rule's target (or it is the model asked for): the request goes as asked
        }
        exchange.target = chosen.get();
        exchange.route = intent.name().toLowerCase(Locale.ROOT) + " -> " + chosen.get().modelId();
    }

    /**
     * A high-risk change (a wide blast radius or a sensitive area) goes to the best capable model and is flagged
     * for the council, whatever its intent's rule says.
     */
    private void escalate(Exchange exchange) {
        exchange.council = true;
        exchange.councilMembers = rules.councilMembers();
        Optional<Target> best = picker.pick(RouteRule.BEST, needs(exchange), exchange.clientFormat(),
                t -> permitted(exchange, t));
        if (best.isPresent() && !best.get().qualifiedName().equals(exchange.target.qualifiedName())) {
            exchange.target = best.get();
            exchange.route = "risk high -> " + best.get().modelId();
        } else {
            exchange.route = "risk high: kept " + exchange.target.modelId();
        }
    }
}
