package dev.srooter.server.council;

import dev.srooter.server.audit.AuditLog;
import dev.srooter.server.budget.Budgets;
import dev.srooter.server.budget.SpendLedger;
import dev.srooter.server.pipeline.RequestIds;
import dev.srooter.server.providers.Price;
import dev.srooter.server.routing.ModelCompletion;
import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.wire.TokenEstimate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One council member's call, paid for like any other: held against the budgets of the task's user and team before
 * it is made (a member over a hard cap is not asked, and says so), settled at its actual cost, and recorded in the
 * audit log as its own line ({@code endpoint council}, route {@code council : security; review rev_...}), so that
 * spend, usage and the audit export show what reviews cost and for whom.
 */
@ApplicationScoped
public class MemberCalls {

    static final int MAX_OUTPUT_TOKENS = 400;

    @Inject
    ModelCompletion completion;

    @Inject
    Budgets budgets;

    @Inject
    SpendLedger ledger;

    @Inject
    AuditLog audit;

    Review.Member ask(String member, Council.Case c, String system, String prompt, Duration timeout) {
        long start = System.nanoTime();
        Instant at = Instant.now();
        List<String> caps = budgets.applicable(c.caller());
        Budgets.Hold hold = null;
        if (!caps.isEmpty()) {
            Price price = completion.price(member).orElse(Price.ASSUMED_FOR_BUDGETS);
            long input = TokenEstimate.inputTokens(system.length() + prompt.getBytes(StandardCharsets.UTF_8).length);
            BigDecimal estimate = BigDecimal.valueOf((input * price.input() + MAX_OUTPUT_TOKENS * price.output()) / 1e6);
            Budgets.Result held = budgets.hold(caps, estimate, true);
            if (held.hold() == null && held.over() != null && held.over().hardStop()) {
                String why = "not asked: budget " + held.over().budgetId() + " is over its hard cap";
                record(member, c, null, 0, 403, "budget_exhausted", start, at);
                return new Review.Member(member, null, null, why, 0, 0);
            }
            hold = held.hold();
        }
        ModelCompletion.Answer answer = null;
        String error = null;
        try {
            answer = completion.answer(member, system, prompt, MAX_OUTPUT_TOKENS, timeout);
        } catch (Exception failed) {
            error = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
        }
        double cost = answer == null ? 0 : answer.costUsd();
        ledger.add(caps, hold, cost);
        double millis = (System.nanoTime() - start) / 1e6;
        record(member, c, answer, answer != null && answer.priceKnown() ? cost : 0, answer == null ? 502 : 200, answer == null ? "council_member_failed" : null,
                start, at);
        return answer == null ? new Review.Member(member, null, null, error, millis, 0)
                : ReviewPrompt.read(member, answer.text(), millis, cost);
    }

    private void record(String member, Council.Case c, ModelCompletion.Answer answer, double cost, int status,
                        String error, long start, Instant at) {
        AuditRecord r = new AuditRecord();
        r.id = RequestIds.next();
        r.createdAt = at;
        if (c.caller() != null) {
            r.keyId = c.caller().keyId();
            r.username = c.caller().username();
            r.team = c.caller().team();
        }
        r.endpoint = "council";
        r.requestedModel = cut(member, 300);
        if (answer != null) {
            int slash = answer.served().indexOf('/');
            r.provider = cut(answer.served().substring(0, Math.max(0, slash)), 100);
            r.servedModel = cut(answer.served().substring(slash + 1), 300);
            r.inputTokens = answer.usage().input();
            r.outputTokens = answer.usage().output();
            r.cacheReadTokens = answer.usage().cacheRead();
            r.cacheWriteTokens = answer.usage().cacheWrite();
        }
        r.route = cut("council : " + c.trigger() + "; review " + c.id(), 200);
        r.intent = intent(c.trigger());
        r.task = c.task() == null ? null : cut(c.task(), 32);
        r.costUsd = cost;
        r.priceKnown = answer != null && answer.priceKnown();
        r.latencyMs = (System.nanoTime() - start) / 1e6;
        r.status = status;
        r.errorType = error;
        audit.submit(r, null);
    }

    /**
     * The council's conclusion as an audit line of its own ({@code endpoint council-review}, no cost): the audit
     * links the review to the task, and every enabled audit sink is told, a webhook among them. A review that did
     * not approve says so in {@code errorType} ({@code council_concerns}, {@code council_reject}), which a webhook
     * can filter on.
     */
    void concluded(Council.Case c, Verdict verdict) {
        AuditRecord r = new AuditRecord();
        r.id = RequestIds.next();
        r.createdAt = Instant.now();
        if (c.caller() != null) {
            r.keyId = c.caller().keyId();
            r.username = c.caller().username();
            r.team = c.caller().team();
        }
        r.endpoint = "council-review";
        r.route = cut("council : " + c.trigger() + "; review " + c.id() + ": " + verdict.wire(), 200);
        r.intent = intent(c.trigger());
        r.task = c.task() == null ? null : cut(c.task(), 32);
        r.costUsd = 0; // the members' own lines carry the cost; a review's total is in the review
        r.priceKnown = true;
        r.status = 200;
        r.errorType = verdict == Verdict.APPROVE ? null : "council_" + verdict.wire();
        audit.submit(r, null);
    }

    /** The intent a review was for, or null when risk or a hard skill's paths convened it. */
    private static String intent(String trigger) {
        return List.of("trivial", "substantive", "architecture", "security").contains(trigger) ? trigger : null;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
