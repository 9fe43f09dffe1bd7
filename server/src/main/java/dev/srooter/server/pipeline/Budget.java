package dev.srooter.server.pipeline;

import dev.srooter.server.budget.Budgets;
import dev.srooter.server.providers.Price;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.TokenEstimate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;

/**
 * Keeps spend under the caller's caps (org, team, user, key). A request on a paid model holds its estimated
 * cost under each cap; when that does not fit, the request moves down its model's fallback chain to the first
 * cheaper model that fits, or a free one, and says so in its route ({@code budget -> qwen3-coder}). When nothing
 * fits, the cheapest step takes what is left of the cap. Work stops only once a cap is spent, no free model is
 * in the chain and an admin set a hard stop on that cap: then a 403 in the caller's format.
 * Any other model the attempt chain tries (a fallback) passes {@link #check}: the hold moves to it only if it fits.
 * Settling (the hold released, the actual cost added) is {@link #settle}, run when the request has ended.
 */
@ApplicationScoped
public class Budget implements Stage, AttemptStep {

    @Inject
    Budgets budgets;

    @Inject
    dev.srooter.server.budget.SpendLedger ledger;

    @Inject
    FallbackChains chains;

    @Override
    public void apply(Exchange exchange) {
        ladder(exchange);
        exchange.budgetDecidedFor = exchange.target; // the attempt chain checks any other model it tries
    }

    private void ladder(Exchange exchange) {
        List<String> caps = budgets.applicable(exchange.caller);
        if (caps.isEmpty() || FallbackChains.isFree(exchange.target) || exchange.operation == dev.srooter.api.Operation.COUNT_TOKENS) {
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
        List<Target> steps = chains.cheaperSteps(exchange, asked);
        for (Target step : steps) {
            if (FallbackChains.isFree(step)) {
                moveTo(exchange, step, over, asked);
                return;
            }
            Budgets.Result fits = budgets.hold(caps, estimate(exchange, step), true);
            if (fits.hold() != null) {
                exchange.budgetHold = fits.hold();
                moveTo(exchange, step, over, asked);
                return;
            }
            over = fits.over();
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
            throw hardStop(exchange, over, asked);
        }
        // work does not stop: the cheapest step serves, over the cap, and audit says so
        if (cheapest != asked) {
            moveTo(exchange, cheapest, over, asked);
        }
        exchange.decisions.add(new Decision.BudgetNote(over.budgetId(), "spent; nothing cheaper fits, served over the cap"));
    }

    /**
     * The budget check of the attempt chain, for a candidate other than the one this stage held for (a fallback):
     * the hold moves to the candidate when its whole estimate fits. A candidate that does not fit under a hard cap
     * is skipped (the reason is returned); under a soft cap it serves over the cap, as above, and audit says so.
     */
    @Override
    public Skip check(Exchange exchange, Target candidate, boolean last) {
        if (exchange.budgetDecidedFor == candidate || exchange.operation == dev.srooter.api.Operation.COUNT_TOKENS) {
            return null;
        }
        List<String> caps = budgets.applicable(exchange.caller);
        if (caps.isEmpty()) {
            return null;
        }
        release(exchange, caps);
        Skip skip = FallbackChains.isFree(candidate) ? null : holdFor(exchange, caps, candidate);
        if (skip == null) {
            exchange.budgetDecidedFor = candidate;
        }
        return skip;
    }

    private Skip holdFor(Exchange exchange, List<String> caps, Target candidate) {
        Budgets.Result fits = budgets.hold(caps, estimate(exchange, candidate), true);
        if (fits.hold() != null) {
            exchange.budgetHold = fits.hold();
            return null;
        }
        Budgets.Over over = fits.over();
        if (over.hardStop()) {
            return new Skip("budget " + over.budgetId() + ": over its hard cap", new GatewayError(403,
                    "budget_exhausted", "Refused by srooter budget '" + over.budgetId() + "': '" + candidate.modelId()
                    + "' does not fit what is left of its cap for this period, and its admin set a hard stop."));
        }
        exchange.decisions.add(new Decision.BudgetNote(over.budgetId(), (over.exhausted() ? "spent; " : "nearly spent; ")
                + candidate.modelId() + " served over the cap"));
        return null;
    }

    /** A hold taken for a model that is not going to serve is given back at once (settled at no cost). */
    private void release(Exchange exchange, List<String> caps) {
        if (exchange.budgetHold != null) {
            ledger.add(caps, exchange.budgetHold, 0);
            exchange.budgetHold = null;
        }
    }

    private static GatewayError hardStop(Exchange exchange, Budgets.Over over, Target asked) {
        exchange.decisions.add(new Decision.BudgetNote(over.budgetId(), "spent; hard stop"));
        return new GatewayError(403, "budget_exhausted", "Refused by srooter budget '" + over.budgetId()
                + "': its cap for this period is spent, no free model is in the fallback chain of '"
                + asked.modelId() + "', and its admin set a hard stop.");
    }

    /** Called when the request has ended: its hold is released and its actual cost added (by the ledger, soon). */
    public void settle(Exchange exchange) {
        List<String> caps = budgets.applicable(exchange.caller);
        // a model whose price nobody knows counts at the assumed price: unknown must not mean free
        double cost = exchange.target != null && !exchange.target.price().known()
                ? exchange.target.price().forBudgets().cost(exchange.usage) : exchange.costUsd;
        if (exchange.budgetHold == null && (caps.isEmpty() || cost <= 0)) {
            return;
        }
        ledger.add(caps, exchange.budgetHold, cost);
    }

    private static void moveTo(Exchange exchange, Target to, Budgets.Over over, Target from) {
        exchange.target = to;
        exchange.decisions.add(new Decision.BudgetStep(over.budgetId(), over.exhausted(), from.modelId(), to.modelId()));
    }

    /**
     * An upper estimate of the request's cost on {@code target}: srooter's token estimate of the request and the
     * full output limit it sets, in the field its format sends, at most the model's own limit. The value was
     * checked when the request was read: never negative, so it cannot fit under a cap by lowering the holds.
     */
    static BigDecimal estimate(Exchange exchange, Target target) {
        long input = TokenEstimate.inputTokens(exchange.body.length());
        long output = RequestLimits.outputTokens(exchange, target);
        Price price = target.price().forBudgets();
        double usd = (input * price.input() + output * price.output()) / 1_000_000.0;
        return BigDecimal.valueOf(usd);
    }
}
