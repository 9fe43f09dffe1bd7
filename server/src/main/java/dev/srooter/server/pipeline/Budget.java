package dev.srooter.server.pipeline;

import dev.srooter.server.budget.Budgets;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Price;
import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps spend under the caller's caps (org, team, user, key). A request on a paid model holds its estimated
 * cost under each cap; when that does not fit, the request moves down its model's fallback chain to the first
 * cheaper model that fits, or a free one, and says so in its route ({@code budget -> qwen3-coder}). When nothing
 * fits, the cheapest step takes what is left of the cap. Work stops only once a cap is spent, no free model is
 * in the chain and an admin set a hard stop on that cap: then a 403 in the caller's format.
 * Settling (the hold released, the actual cost added) is {@link #settle}, run when the request has ended.
 */
@ApplicationScoped
public class Budget implements Stage {

    /** Output tokens assumed when a request sets no limit. */
    private static final int DEFAULT_OUTPUT_TOKENS = 4096;

    @Inject
    Budgets budgets;

    @Inject
    dev.srooter.server.budget.SpendLedger ledger;

    @Inject
    RuleBook rules;

    @Inject
    ModelDirectory directory;

    @Override
    public void apply(Exchange exchange) {
        List<String> caps = budgets.applicable(exchange.caller);
        if (caps.isEmpty() || isFree(exchange.target) || exchange.operation == dev.srooter.api.Operation.COUNT_TOKENS) {
            return; // counting tokens costs nothing
        }
        Target asked = exchange.target;
        Budgets.Result first = budgets.hold(caps, estimate(exchange, asked), true);
        if (first.hold() != null) {
            exchange.budgetHold = first.hold();
            return;
        }
        Budgets.Over over = first.over();
        // down the chain: the first cheaper model whose whole estimate fits, or a free one
        List<Target> steps = cheaperSteps(exchange, asked);
        for (Target step : steps) {
            if (isFree(step)) {
                moveTo(exchange, step, over, asked);
                return;
            }
            Budgets.Result held = budgets.hold(caps, estimate(exchange, step), true);
            if (held.hold() != null) {
                exchange.budgetHold = held.hold();
                moveTo(exchange, step, over, asked);
                return;
            }
            over = held.over();
        }
        // nothing fits whole: the cheapest step takes what is left, if anything is
        Target cheapest = steps.isEmpty() ? asked : steps.get(steps.size() - 1);
        Budgets.Result rest = budgets.hold(caps, estimate(exchange, cheapest), false);
        if (rest.hold() != null) {
            exchange.budgetHold = rest.hold();
            if (cheapest != asked) {
                moveTo(exchange, cheapest, over, asked);
            }
            return;
        }
        over = rest.over();
        if (over.hardStop()) {
            exchange.policyNotes.add("budget: " + over.budgetId() + " spent; hard stop");
            throw new GatewayError(403, "budget_exhausted", "Refused by srooter budget '" + over.budgetId()
                    + "': its cap for this period is spent, no free model is in the fallback chain of '"
                    + asked.modelId() + "', and its admin set a hard stop.");
        }
        // work does not stop: the cheapest step serves, over the cap, and audit says so
        if (cheapest != asked) {
            moveTo(exchange, cheapest, over, asked);
        }
        exchange.policyNotes.add("budget: " + over.budgetId() + " spent; nothing cheaper fits, served over the cap");
    }

    /** Called when the request has ended: its hold is released and its actual cost added (by the ledger, soon). */
    public void settle(Exchange exchange) {
        List<String> caps = budgets.applicable(exchange.caller);
        if (exchange.budgetHold == null && (caps.isEmpty() || exchange.costUsd <= 0)) {
            return;
        }
        ledger.add(caps, exchange.budgetHold, exchange.costUsd);
    }

    private static void moveTo(Exchange exchange, Target to, Budgets.Over over, Target from) {
        exchange.target = to;
        exchange.route = "budget -> " + to.modelId();
        exchange.policyNotes.add("budget: " + over.budgetId() + (over.exhausted() ? " spent; " : " nearly spent; ")
                + from.modelId() + " -> " + to.modelId());
    }

    /** The steps of the model's fallback chain that cost less than it, permitted by policy, dearest first. */
    private List<Target> cheaperSteps(Exchange exchange, Target from) {
        List<String> chain = rules.chainFor(from, exchange.requestedModel);
        double fromPrice = unitPrice(from.price());
        List<Target> steps = new ArrayList<>();
        for (String step : chain) {
            directory.resolveWithAliases(step, exchange.clientFormat()).map(ModelDirectory.Resolution::target)
                    .filter(t -> t.price().known() && unitPrice(t.price()) < fromPrice)
                    .filter(t -> Route.permitted(exchange, t))
                    .filter(t -> steps.stream().noneMatch(s -> s.qualifiedName().equals(t.qualifiedName())))
                    .ifPresent(steps::add);
        }
        steps.sort(Comparator.comparingDouble((Target t) -> unitPrice(t.price())).reversed());
        return steps;
    }

    private static boolean isFree(Target target) {
        return target.price().known() && unitPrice(target.price()) == 0;
    }

    private static double unitPrice(Price price) {
        return price.input() + price.output();
    }

    /**
     * An upper estimate of the request's cost on {@code target}: a token per three bytes of request (tokens
     * average about four) and the full output limit the request sets.
     */
    static BigDecimal estimate(Exchange exchange, Target target) {
        long input = exchange.body.length / 3 + 1;
        long output = maxOutputTokens(exchange);
        Price price = target.price();
        double usd = (input * price.input() + output * price.output()) / 1_000_000.0;
        return BigDecimal.valueOf(usd);
    }

    private static long maxOutputTokens(Exchange exchange) {
        for (String field : new String[] {"max_tokens", "max_completion_tokens", "max_output_tokens"}) {
            String raw = exchange.json.raw(field);
            if (raw != null) {
                try {
                    return Long.parseLong(raw.trim());
                } catch (NumberFormatException ignored) {
                    // not a number: the provider will refuse it; assume the default
                }
            }
        }
        return DEFAULT_OUTPUT_TOKENS;
    }
}
