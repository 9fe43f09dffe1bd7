package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Operation;
import dev.srooter.server.plugins.Leases;
import dev.srooter.server.wire.GatewayError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attempt chain over a plain exchange: every candidate, the first and each fallback, passes the circuit,
 * policy, capability and budget checks before it is sent; a skipped one is recorded with its reason.
 */
class DispatchTest {

    private final Stages stages = new Stages(List.of(
            PlainExchange.model("acme", "first", 0.5, 1, true, false, 200_000, 2),
            PlainExchange.model("acme", "circuit-open", 0.5, 1, true, false, 200_000, 2),
            PlainExchange.model("acme", "forbidden", 0.5, 1, true, false, 200_000, 2),
            PlainExchange.model("acme", "text-only", 0.5, 1, false, false, 200_000, 2),
            PlainExchange.model("anthropic", "opus", 15, 75, true, true, 200_000, 9),
            PlainExchange.model("acme", "good", 0.5, 1, true, false, 200_000, 2)));
    private final PlainExchange.Written written = new PlainExchange.Written();

    /** A request with tools for {@code model}, 4,000 output tokens, budget decided, then dispatched. */
    private Exchange dispatch(String model) {
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"" + model + "\",\"max_tokens\":4000,"
                + "\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"run the tests\"}]}", written);
        exchange.plugins = Leases.of(List.of());
        exchange.modelPermitted = m -> !m.contains("forbidden");
        exchange.target = stages.model(model);
        stages.budget.apply(exchange);
        stages.dispatch.apply(exchange);
        return exchange;
    }

    @Test
    void aBodyInTheProvidersFormatGoesOnAsItsOwnBytesAndIsNeverDecoded() {
        Exchange exchange = dispatch("first");

        assertEquals(200, written.status);
        assertSame(exchange.body.bytes(), exchange.upstreamBody, "the client's bytes, not a copy");
        assertFalse(exchange.body.textRead(), "looking for srooter's envelopes reads the bytes");
    }

    @Test
    void eachFallbackPassesTheSameChecksAndEachSkipIsRecordedWithItsReason() {
        stages.routing(null, Map.of("first", List.of("circuit-open", "forbidden", "text-only", "opus", "good")));
        stages.budgets.left = new BigDecimal("0.01");
        stages.budgets.hardStop = true;
        stages.client.answer("first", 529);
        stages.client.circuitsOpen.add("circuit-open");

        Exchange exchange = dispatch("first");

        assertEquals(List.of("first", "good"), stages.client.called, "no skipped model is sent the request");
        assertEquals("good", exchange.target.modelId());
        assertEquals(200, written.status);
        assertEquals("fallback -> good", exchange.decisions.route());
        String attempts = exchange.decisions.attempts().replaceAll(" \\d+ms", "");
        assertEquals("acme/first 529, acme/circuit-open - (circuit open), acme/forbidden - (not permitted by policy), "
                + "acme/text-only - (no tools), anthropic/opus - (budget org: over its hard cap), acme/good 200", attempts);
        assertEquals(attempts, written.headers.get("x-srooter-attempts").replaceAll(" \\d+ms", ""),
                "the header renders the same decisions");
        assertEquals(1, stages.released.size(), "the first model's hold was given back when it failed");
        assertEquals(exchange.target, exchange.budgetDecidedFor);
        assertTrue(exchange.budgetHold != null, "good holds its own estimate");
    }

    @Test
    void aFallbackToADearerModelThatDoesNotFitAHardCapIsNotServedAndTheClientSeesTheFailure() {
        // Seen before: under a $0.01 hard cap a 529 from a cheap model fell back to opus with 4,000 output tokens
        // asked, and opus served it, under the cheap model's hold.
        stages.routing(null, Map.of("first", List.of("opus")));
        stages.budgets.left = new BigDecimal("0.01");
        stages.budgets.hardStop = true;
        stages.client.answer("first", 529);

        Exchange exchange = dispatch("first");

        assertEquals(List.of("first"), stages.client.called, "opus was never asked");
        assertEquals(529, written.status, "the client gets the first model's failure");
        assertEquals(529, exchange.status);
        assertEquals("first", exchange.target.modelId());
        assertTrue(exchange.decisions.attempts().contains("anthropic/opus - 0ms (budget org: over its hard cap)"),
                exchange.decisions.attempts());
        assertEquals("direct", exchange.decisions.route(), "nothing moved the request");
    }

    @Test
    void aFallbackUnderASoftCapServesOverTheCapAndSaysSo() {
        stages.routing(null, Map.of("first", List.of("opus")));
        stages.budgets.left = new BigDecimal("0.01");
        stages.client.answer("first", 503);

        Exchange exchange = dispatch("first");

        assertEquals("opus", exchange.target.modelId());
        assertEquals("budget: org nearly spent; opus served over the cap", exchange.decisions.policies());
    }

    @Test
    void whenNoCandidateCanServeTheLastReasonIsTheClientsError() {
        GatewayError error = assertThrows(GatewayError.class, () -> dispatch("text-only"));
        assertEquals(400, error.status());
        assertEquals("model_cannot_serve", error.code());
        assertTrue(stages.client.called.isEmpty());
    }

    @Test
    void theLastCandidatesFailureIsRelayed() {
        stages.routing(null, Map.of("first", List.of("good")));
        stages.client.answer("first", 500);
        stages.client.answer("good", 503);

        Exchange exchange = dispatch("first");

        assertEquals(503, written.status);
        assertEquals("fallback -> good", exchange.decisions.route());
        assertEquals("acme/first 500, acme/good 503", exchange.decisions.attempts().replaceAll(" \\d+ms", ""));
    }

    @Test
    void aProvidersOverloadedOrContextAnswersMoveOnAndAClientErrorDoesNot() {
        assertTrue(Dispatch.isFailure(529, new Stages.Answer(529, new dev.srooter.server.providers.UpstreamBody.Whole(
                new byte[0]))));
        assertTrue(Dispatch.isFailure(400, new Stages.Answer(400, new dev.srooter.server.providers.UpstreamBody.Whole(
                "{\"error\":{\"message\":\"prompt is too long: 250000 tokens\"}}".getBytes()))));
        assertTrue(!Dispatch.isFailure(400, new Stages.Answer(400, new dev.srooter.server.providers.UpstreamBody.Whole(
                "{\"error\":{\"message\":\"max_tokens: must be positive\"}}".getBytes()))));
    }
}
