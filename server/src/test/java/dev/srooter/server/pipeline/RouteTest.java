package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Classification;
import dev.srooter.api.Intent;
import dev.srooter.api.Operation;
import dev.srooter.plugins.policy.MaxOutputTokensPolicy;
import dev.srooter.server.plugins.Leases;
import dev.srooter.server.routing.RouteRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route over a plain exchange: the cheapest model that can do what the request needs, read from the body as it
 * stands after the policies (a max-output-tokens rewrite once made routing forget a request's tools).
 */
class RouteTest {

    private final Stages stages = new Stages(List.of(
            PlainExchange.model("local", "cheap-text-only", 0.1, 0.2, false, false, 200_000, 1),
            PlainExchange.model("acme", "cheap-tools", 0.5, 1, true, false, 200_000, 2),
            PlainExchange.model("acme", "tools-and-images", 1, 2, true, true, 200_000, 3),
            PlainExchange.model("anthropic", "opus", 15, 75, true, true, 200_000, 9)));

    @BeforeEach
    void cheapestForTrivialWork() {
        stages.routing(List.of(new RouteRule(null, Intent.TRIVIAL, RouteRule.CHEAPEST, false, 0)), Map.of());
        stages.policySettings.put("max-output-tokens", Map.of("max", 1024));
    }

    /** A trivial request for opus, through the max-output-tokens policy, then routing. */
    private Exchange routed(String messages, String extra) {
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"opus\",\"max_tokens\":32000" + extra
                + ",\"messages\":" + messages + "}");
        exchange.plugins = Leases.of(List.of(new MaxOutputTokensPolicy()));
        exchange.target = stages.model("opus");
        exchange.decisions.add(new Decision.Classified(new Classification(Intent.TRIVIAL, 0.95, "test"), "test"));
        stages.enforce.apply(exchange);
        stages.route.apply(exchange);
        return exchange;
    }

    @Test
    void aRequestWithToolsGoesToTheCheapestModelWithToolsAfterAPolicyRewroteIt() {
        Exchange exchange = routed("[{\"role\":\"user\",\"content\":\"list the files\"}]",
                ",\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}}]");
        assertEquals("1024", exchange.body.scan().raw("max_tokens"), "the policy rewrote the body");
        assertEquals("max-output-tokens: max output tokens 32000 -> 1024", exchange.decisions.policies());
        assertEquals("cheap-tools", exchange.target.modelId());
        assertEquals("trivial -> cheap-tools", exchange.decisions.route());
    }

    @Test
    void aRequestWithAnImageInAToolResultGoesToAModelThatSeesImages() {
        Exchange exchange = routed("[{\"role\":\"user\",\"content\":\"look\"},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Read\",\"input\":{}}]},{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"image\",\"source\":"
                + "{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}]}]",
                ",\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}]");
        assertEquals("tools-and-images", exchange.target.modelId());
    }

    @Test
    void plainTextGoesToTheCheapestOfAll() {
        Exchange exchange = routed("[{\"role\":\"user\",\"content\":\"fix the typo\"}]", "");
        assertEquals("cheap-text-only", exchange.target.modelId());
    }

    @Test
    void workWithSignsOfSecurityStaysOnTheModelAskedForWhateverTheClassifierSaid() {
        Exchange exchange = routed("[{\"role\":\"user\",\"content\":\"make the admin page reachable without login"
                + " from the office IP range\"}]", "");
        assertEquals("opus", exchange.target.modelId(), "read as trivial, yet it opens a page without login");
        assertEquals("security signal: kept opus", exchange.decisions.route());
    }

    @Test
    void aTitleSideCallGoesCheapWhateverTheConversationIsAbout() {
        Exchange exchange = routed("[{\"role\":\"user\",\"content\":\"rotate the leaked API keys\"}]",
                ",\"system\":\"Generate a concise title for this coding session.\"");
        assertEquals("cheap-text-only", exchange.target.modelId());
    }

    @Test
    void anUnsureClassifierKeepsTheModelAsked() {
        stages.routing(List.of(new RouteRule(null, Intent.TRIVIAL, RouteRule.CHEAPEST, false, 0.9)), Map.of());
        Exchange unsure = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"opus\",\"messages\":[]}");
        unsure.target = stages.model("opus");
        unsure.decisions.add(new Decision.Classified(new Classification(Intent.TRIVIAL, 0.6, "test"), "test"));
        stages.route.apply(unsure);
        assertEquals("opus", unsure.target.modelId());
        assertEquals("direct", unsure.decisions.route());
        assertTrue(unsure.decisions.council().isEmpty());
    }
}
