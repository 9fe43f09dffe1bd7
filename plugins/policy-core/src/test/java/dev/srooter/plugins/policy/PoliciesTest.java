package dev.srooter.plugins.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicyRequest;
import dev.srooter.api.PolicySettings;
import dev.srooter.api.WireFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    /** A request whose capped fields are plain values. */
    static final class Fake implements PolicyRequest {
        String model = "claude-sonnet-4-5";
        String requested = "claude-sonnet-4-5";
        Integer maxOutput;
        Integer budget;
        String effort;
        String tier;

        @Override public String username() { return "dana"; }
        @Override public String team() { return "payments"; }
        @Override public String keyId() { return "k1"; }
        @Override public String intent() { return "substantive"; }
        @Override public String model() { return model; }
        @Override public String requestedModel() { return requested; }
        @Override public WireFormat format() { return WireFormat.ANTHROPIC_MESSAGES; }
        @Override public int bodyBytes() { return 100; }
        @Override public Integer maxOutputTokens() { return maxOutput; }
        @Override public void setMaxOutputTokens(Integer tokens) { maxOutput = tokens; }
        @Override public Integer reasoningBudgetTokens() { return budget; }
        @Override public void setReasoningBudgetTokens(Integer tokens) { budget = tokens; }
        @Override public String reasoningEffort() { return effort; }
        @Override public void setReasoningEffort(String e) { effort = e; }
        @Override public String serviceTier() { return tier; }
        @Override public void setServiceTier(String t) { tier = t; }
    }

    private static PolicySettings org(Map<String, Object> org) {
        return new PolicySettings(org, null, null);
    }

    @Test
    void allowlistNeedsEveryLevelThatIsSet() {
        AllowlistPolicy allowlist = new AllowlistPolicy();
        Fake request = new Fake();
        assertEquals(PolicyDecision.Verdict.ALLOW, allowlist.evaluate(request, PolicySettings.NONE).verdict());
        assertEquals(PolicyDecision.Verdict.ALLOW, allowlist.evaluate(request, org(Map.of("models", List.of()))).verdict());
        PolicySettings both = new PolicySettings(Map.of("models", List.of("claude-*", "gpt-5")),
                Map.of("models", List.of("claude-haiku-*")), null);
        PolicyDecision denied = allowlist.evaluate(request, both);
        assertEquals(PolicyDecision.Verdict.DENY, denied.verdict());
        assertTrue(denied.detail().contains("claude-sonnet-4-5"), denied.detail());
        assertTrue(allowlist.permits("claude-haiku-4-5", request, both));
        assertFalse(allowlist.permits("gpt-5", request, both));
        assertFalse(allowlist.permits("claude-sonnet-4-5", request, both));
    }

    @Test
    void serviceTierIsRemovedOrRefused() {
        ServiceTierPolicy policy = new ServiceTierPolicy();
        Fake request = new Fake();
        request.tier = "priority";
        PolicyDecision rewrote = policy.evaluate(request, org(Map.of("allowed", List.of("auto", "default"))));
        assertEquals(PolicyDecision.Verdict.REWRITE, rewrote.verdict());
        assertNull(request.tier);
        request.tier = "priority";
        assertEquals(PolicyDecision.Verdict.DENY, policy.evaluate(request,
                org(Map.of("allowed", List.of("auto"), "deny", true))).verdict());
        request.tier = "auto";
        assertEquals(PolicyDecision.Verdict.ALLOW, policy.evaluate(request,
                org(Map.of("allowed", List.of("auto")))).verdict());
    }

    @Test
    void reasoningIsCappedToTheStrictestLevel() {
        ReasoningCapPolicy policy = new ReasoningCapPolicy();
        Fake request = new Fake();
        request.budget = 32000;
        request.effort = "high";
        PolicySettings settings = new PolicySettings(Map.of("maxBudgetTokens", 16000L, "maxEffort", "medium"),
                Map.of("maxBudgetTokens", 4000L), null);
        PolicyDecision decision = policy.evaluate(request, settings);
        assertEquals(PolicyDecision.Verdict.REWRITE, decision.verdict());
        assertEquals(4000, request.budget);
        assertEquals("medium", request.effort);
        request.budget = 4000;
        request.effort = "low";
        assertEquals(PolicyDecision.Verdict.ALLOW, policy.evaluate(request, settings).verdict());
        request.budget = 2000;
        policy.evaluate(request, org(Map.of("maxBudgetTokens", 500L)));
        assertNull(request.budget, "a cap below Anthropic's minimum turns thinking off");
    }

    @Test
    void outputIsCappedAndThinkingKeptBelowIt() {
        MaxOutputTokensPolicy policy = new MaxOutputTokensPolicy();
        Fake request = new Fake();
        request.maxOutput = 32000;
        request.budget = 10000;
        PolicyDecision decision = policy.evaluate(request, org(Map.of("max", 8192L)));
        assertEquals(PolicyDecision.Verdict.REWRITE, decision.verdict());
        assertEquals(8192, request.maxOutput);
        assertEquals(8191, request.budget);
        Fake unset = new Fake();
        policy.evaluate(unset, org(Map.of("max", 1000L)));
        assertEquals(1000, unset.maxOutput);
        Fake under = new Fake();
        under.maxOutput = 500;
        assertEquals(PolicyDecision.Verdict.ALLOW, policy.evaluate(under, org(Map.of("max", 1000L))).verdict());
    }
}
