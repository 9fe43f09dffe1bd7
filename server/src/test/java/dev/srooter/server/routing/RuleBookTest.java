package dev.srooter.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Intent;
import dev.srooter.api.ProviderConfig;
import dev.srooter.server.providers.Capabilities;
import dev.srooter.server.providers.Price;
import dev.srooter.server.providers.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule lookup and fallback chains, with no database. */
class RuleBookTest {

    private final RuleBook rules = new RuleBook();

    @Test
    void aTeamsRuleComesBeforeTheOrgsAndDefaultsServeUntilAnAdminSetsRules() {
        rules.use(null, Map.of(), Map.of());
        assertEquals(RouteRule.CHEAPEST, rules.ruleFor("payments", Intent.TRIVIAL).orElseThrow().target());
        assertEquals(RouteRule.BEST, rules.ruleFor(null, Intent.SECURITY).orElseThrow().target());
        assertTrue(rules.ruleFor(null, Intent.SECURITY).orElseThrow().council());

        rules.use(List.of(new RouteRule(null, Intent.TRIVIAL, RouteRule.CHEAPEST, false, 0.7),
                new RouteRule("payments", Intent.TRIVIAL, RouteRule.REQUESTED, false, 0)), Map.of(), Map.of());
        assertEquals(RouteRule.REQUESTED, rules.ruleFor("payments", Intent.TRIVIAL).orElseThrow().target());
        assertEquals(RouteRule.CHEAPEST, rules.ruleFor("web", Intent.TRIVIAL).orElseThrow().target());
        assertEquals(RouteRule.CHEAPEST, rules.ruleFor(null, Intent.TRIVIAL).orElseThrow().target());
        assertTrue(rules.ruleFor(null, Intent.SECURITY).isEmpty(), "set rules replace the defaults");
    }

    @Test
    void aModelsChainIsFoundByProviderAndModelThenByModelThenByTheNameAsked() {
        Target sonnet = new Target("p1", new ProviderConfig("anthropic", "http://h", null), null, "sonnet", "sonnet",
                Price.UNKNOWN, Set.of(), Capabilities.UNKNOWN, null);
        rules.use(null, Map.of("anthropic/sonnet", List.of("a"), "sonnet", List.of("b"), "claude-*", List.of("c")),
                Map.of());
        assertEquals(List.of("a"), rules.chainFor(sonnet, "claude-x"));
        rules.use(null, Map.of("sonnet", List.of("b"), "claude-x", List.of("c")), Map.of());
        assertEquals(List.of("b"), rules.chainFor(sonnet, "claude-x"));
        rules.use(null, Map.of("claude-x", List.of("c")), Map.of());
        assertEquals(List.of("c"), rules.chainFor(sonnet, "claude-x"));
        assertEquals(List.of(), rules.chainFor(sonnet, "other"));
    }
}
