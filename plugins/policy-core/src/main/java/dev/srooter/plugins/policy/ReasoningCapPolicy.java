package dev.srooter.plugins.policy;

import dev.srooter.api.Policy;
import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicyRequest;
import dev.srooter.api.PolicySettings;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Caps how hard a model may think: {@code {"maxBudgetTokens": 8000, "maxEffort": "medium"}}. Anthropic's
 * {@code thinking.budget_tokens} is lowered to the cap (thinking is turned off when the cap is below Anthropic's
 * minimum of 1024); OpenAI's {@code reasoning_effort} / {@code reasoning.effort} is lowered to the cap. Requests
 * are rewritten, never refused.
 */
@Extension
public class ReasoningCapPolicy implements Policy {

    /** Anthropic refuses a thinking budget below this. */
    static final int MIN_BUDGET = 1024;
    private static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh");

    @Override
    public String description() {
        return "Caps how hard a model may think. Requests are rewritten to the cap, never refused.";
    }

    @Override
    public List<dev.srooter.api.SettingSpec> settings() {
        return List.of(dev.srooter.api.SettingSpec.integer("maxBudgetTokens", "Max thinking tokens",
                "Anthropic's thinking budget is lowered to this; below 1024 thinking is turned off.", 0),
                dev.srooter.api.SettingSpec.choice("maxEffort", "Max reasoning effort",
                "OpenAI's reasoning effort is lowered to this.", EFFORTS));
    }

    @Override
    public String name() {
        return "reasoning-cap";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public PolicyDecision evaluate(PolicyRequest request, PolicySettings settings) {
        if (settings.isEmpty()) {
            return PolicyDecision.allow();
        }
        StringBuilder changes = new StringBuilder();
        Integer cap = Levels.smallest(settings, "maxBudgetTokens");
        Integer budget = cap == null ? null : request.reasoningBudgetTokens();
        if (budget != null && budget > cap) {
            if (cap < MIN_BUDGET) {
                request.setReasoningBudgetTokens(null);
                changes.append("thinking off (cap ").append(cap).append(" is below ").append(MIN_BUDGET).append(')');
            } else {
                request.setReasoningBudgetTokens(cap);
                changes.append("thinking.budget_tokens ").append(budget).append(" -> ").append(cap);
            }
        }
        String maxEffort = lowestEffort(settings);
        String effort = maxEffort == null ? null : request.reasoningEffort();
        if (effort != null && EFFORTS.indexOf(effort) > EFFORTS.indexOf(maxEffort)) {
            request.setReasoningEffort(maxEffort);
            changes.append(changes.isEmpty() ? "" : ", ").append("reasoning effort ").append(effort).append(" -> ")
                    .append(maxEffort);
        }
        return changes.isEmpty() ? PolicyDecision.allow() : PolicyDecision.rewrote(changes.toString());
    }

    private static String lowestEffort(PolicySettings settings) {
        String lowest = null;
        for (Map<String, Object> level : settings.levels()) {
            if (level.get("maxEffort") instanceof String effort && EFFORTS.contains(effort)
                    && (lowest == null || EFFORTS.indexOf(effort) < EFFORTS.indexOf(lowest))) {
                lowest = effort;
            }
        }
        return lowest;
    }
}
