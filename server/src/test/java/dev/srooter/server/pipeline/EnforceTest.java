package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Operation;
import dev.srooter.api.Policy;
import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicyRequest;
import dev.srooter.api.PolicySettings;
import dev.srooter.plugins.policy.AllowlistPolicy;
import dev.srooter.server.plugins.Leases;
import dev.srooter.server.wire.GatewayError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policies over a plain exchange: what they permit, refuse and rewrite, each a recorded decision. */
class EnforceTest {

    private final Stages stages = new Stages(List.of(
            PlainExchange.model("anthropic", "claude-x", 3, 15, true, true, 200_000, 8),
            PlainExchange.model("openai", "gpt-x", 3, 15, true, true, 200_000, 8)));

    private Exchange enforce(String model, Policy... policies) {
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"" + model + "\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        exchange.plugins = Leases.of(List.of(policies));
        exchange.target = stages.model(model);
        stages.enforce.apply(exchange);
        return exchange;
    }

    @Test
    void anAllowlistPermitsItsModelsForRoutingBudgetsAndFallbacks() {
        stages.policySettings.put("allowlist", Map.of("models", List.of("claude-*")));
        Exchange exchange = enforce("claude-x", new AllowlistPolicy());
        assertTrue(Route.permitted(exchange, stages.model("claude-x")));
        assertFalse(Route.permitted(exchange, stages.model("gpt-x")));
        assertEquals(null, exchange.decisions.policies(), "a plain allow is no decision to show");
    }

    @Test
    void aModelOutsideTheAllowlistIsRefusedNamingThePolicy() {
        stages.policySettings.put("allowlist", Map.of("models", List.of("claude-*")));
        Exchange[] seen = new Exchange[1];
        GatewayError refused = assertThrows(GatewayError.class, () -> {
            Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"gpt-x\",\"messages\":[]}");
            seen[0] = exchange;
            exchange.plugins = Leases.of(List.of(new AllowlistPolicy()));
            exchange.target = stages.model("gpt-x");
            stages.enforce.apply(exchange);
        });
        assertEquals(403, refused.status());
        assertEquals("policy_denied", refused.code());
        assertTrue(refused.getMessage().contains("'allowlist'"), refused.getMessage());
        assertTrue(seen[0].decisions.policies().startsWith("allowlist: "), seen[0].decisions.policies());
    }

    @Test
    void aPolicyThatFailsRefusesTheRequestRatherThanLettingItThrough() {
        Policy broken = new Policy() {
            public String name() {
                return "broken";
            }

            public PolicyDecision evaluate(PolicyRequest request, PolicySettings settings) {
                throw new IllegalStateException("bug");
            }
        };
        GatewayError refused = assertThrows(GatewayError.class, () -> enforce("claude-x", broken));
        assertEquals(500, refused.status());
        assertEquals("policy_failed", refused.code());
    }
}
