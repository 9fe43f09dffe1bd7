package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Capabilities;
import dev.srooter.server.providers.Price;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 2: a negative {@code max_tokens} fitted under any hard cap and lowered everyone's holds. The
 * fields srooter reads are refused up front when absurd, the estimate reads the field the client's format sends
 * and never exceeds the model's output limit, and a model nobody priced is not free to budgets.
 */
class RequestLimitsTest {

    private static void check(Operation operation, String json) {
        Exchange exchange = PlainExchange.of(operation, json);
        RequestLimits.check(exchange.clientFormat(), exchange.body.scan(), exchange.requestedModel);
    }

    private static GatewayError refused(Operation operation, String json) {
        return assertThrows(GatewayError.class, () -> check(operation, json), json);
    }

    @Test
    void nonPositiveWronglyTypedAndAbsurdOutputLimitsAreRefusedWithA400() {
        for (String value : new String[] {"-1", "0", "-99999999999999999999", "1.5", "\"100\"", "true", "2000000"}) {
            GatewayError e = refused(Operation.MESSAGES, "{\"model\":\"m\",\"max_tokens\":" + value + ",\"messages\":[]}");
            assertEquals(400, e.status());
            assertEquals("invalid_max_tokens", e.code());
        }
        assertEquals("invalid_max_tokens", refused(Operation.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"max_completion_tokens\":-5,\"messages\":[]}").code());
        assertEquals("invalid_max_tokens", refused(Operation.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"max_tokens\":-5,\"messages\":[]}").code());
        assertEquals("invalid_max_tokens", refused(Operation.RESPONSES,
                "{\"model\":\"m\",\"max_output_tokens\":-5,\"input\":\"hi\"}").code());
        assertDoesNotThrow(() -> check(Operation.MESSAGES, "{\"model\":\"m\",\"max_tokens\":8192,\"messages\":[]}"));
        assertDoesNotThrow(() -> check(Operation.RESPONSES, "{\"model\":\"m\",\"input\":\"hi\"}"));
    }

    @Test
    void absurdModelNamesAndStreamFlagsAreRefused() {
        assertEquals("invalid_model", refused(Operation.MESSAGES,
                "{\"model\":\"" + "m".repeat(201) + "\",\"max_tokens\":10,\"messages\":[]}").code());
        assertEquals("invalid_model", refused(Operation.MESSAGES,
                "{\"model\":\"m\\u0000x\",\"max_tokens\":10,\"messages\":[]}").code());
        assertEquals("invalid_stream", refused(Operation.MESSAGES,
                "{\"model\":\"m\",\"stream\":\"yes\",\"max_tokens\":10,\"messages\":[]}").code());
    }

    @Test
    void theEstimateReadsTheFieldTheFormatSendsAndIsCappedByTheModel() {
        Target capped = target(new Price(3, 15, 0, 0, true, "test"), 8_000);
        // Chat Completions sends max_completion_tokens when both are set; a stray max_tokens must not lower it
        Exchange chat = PlainExchange.of(Operation.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"max_tokens\":1,\"max_completion_tokens\":5000,\"messages\":[]}");
        assertEquals(5000, RequestLimits.outputTokens(chat, capped));
        Exchange huge = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"m\",\"max_tokens\":900000,\"messages\":[]}");
        assertEquals(8_000, RequestLimits.outputTokens(huge, capped));
        // Responses: max_tokens is not a field of that format; the default applies
        Exchange responses = PlainExchange.of(Operation.RESPONSES, "{\"model\":\"m\",\"max_tokens\":1,\"input\":\"x\"}");
        assertEquals(4096, RequestLimits.outputTokens(responses, target(Price.FREE, null)));
    }

    @Test
    void aModelWithAnUnknownPriceIsHeldAtTheAssumedPrice() {
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"m\",\"max_tokens\":1000,\"messages\":[]}");
        BigDecimal estimate = Budget.estimate(exchange, target(Price.UNKNOWN, null));
        // 1,000 output tokens at USD 75 per million, plus a few input tokens at 15
        assertEquals(0.075, estimate.doubleValue(), 0.001);
    }

    private static Target target(Price price, Integer maxOutput) {
        return new Target("p-id", new ProviderConfig("p", "http://127.0.0.1:1", null),
                new dev.srooter.plugins.anthropic.AnthropicProvider(), "m", "m", price,
                Set.of(WireFormat.ANTHROPIC_MESSAGES), new Capabilities(200_000, maxOutput, true, false, false, 5, true),
                null);
    }
}
