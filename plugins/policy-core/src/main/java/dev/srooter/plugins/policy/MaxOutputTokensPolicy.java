package dev.srooter.plugins.policy;

import dev.srooter.api.Policy;
import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicyRequest;
import dev.srooter.api.PolicySettings;
import java.util.List;
import org.pf4j.Extension;

/**
 * Caps the output a request may ask for: {@code {"max": 8192}}. A higher (or missing) limit is set to the cap;
 * an Anthropic thinking budget is kept below the new limit, as Anthropic requires.
 */
@Extension
public class MaxOutputTokensPolicy implements Policy {

    @Override
    public String description() {
        return "Caps the output a request may ask for: a higher or missing limit is set to the cap, and an Anthropic thinking budget is kept below it.";
    }

    @Override
    public List<dev.srooter.api.SettingSpec> settings() {
        return List.of(dev.srooter.api.SettingSpec.integer("max", "Max output tokens",
                "The most output tokens a request may ask for; the smallest cap set at any level applies.", 1));
    }

    @Override
    public String name() {
        return "max-output-tokens";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public PolicyDecision evaluate(PolicyRequest request, PolicySettings settings) {
        Integer cap = Levels.smallest(settings, "max");
        if (cap == null || cap < 1) {
            return PolicyDecision.allow();
        }
        Integer asked = request.maxOutputTokens();
        if (asked != null && asked <= cap) {
            return PolicyDecision.allow();
        }
        request.setMaxOutputTokens(cap);
        String detail = "max output tokens " + (asked == null ? "unset" : asked) + " -> " + cap;
        Integer budget = request.reasoningBudgetTokens();
        if (budget != null && budget >= cap) {
            int lowered = cap - 1;
            request.setReasoningBudgetTokens(lowered < ReasoningCapPolicy.MIN_BUDGET ? null : lowered);
            detail += lowered < ReasoningCapPolicy.MIN_BUDGET ? ", thinking off" : ", thinking.budget_tokens -> "
                    + lowered;
        }
        return PolicyDecision.rewrote(detail);
    }
}
