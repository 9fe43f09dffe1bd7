package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.srooter.api.Operation;
import dev.srooter.server.wire.GatewayError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The budget ladder over a plain exchange: a request that does not fit what is left of a cap moves down its
 * model's chain to the first cheaper model that fits, or a free one; the cheapest takes the rest; a hard stop refuses.
 */
class BudgetTest {

    private final Stages stages = new Stages(List.of(
            PlainExchange.model("anthropic", "opus", 15, 75, true, true, 200_000, 9),
            PlainExchange.model("anthropic", "sonnet", 3, 15, true, true, 200_000, 8),
            PlainExchange.model("anthropic", "haiku", 1, 5, true, true, 200_000, 5),
            PlainExchange.model("local", "qwen", 0, 0, true, false, 32_768, 1)));

    /** Opus asked, 1,000 output tokens: opus about $0.075, sonnet $0.015, haiku $0.005. */
    private Exchange ask(BigDecimal left, boolean hardStop, String... chain) {
        stages.routing(null, Map.of("opus", List.of(chain)));
        stages.budgets.left = left;
        stages.budgets.hardStop = hardStop;
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"opus\",\"max_tokens\":1000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        exchange.target = stages.model("opus");
        stages.budget.apply(exchange);
        return exchange;
    }

    @Test
    void aRequestThatFitsStaysOnItsModelUnderAHold() {
        Exchange exchange = ask(new BigDecimal("1.00"), false, "sonnet", "haiku", "qwen");
        assertEquals("opus", exchange.target.modelId());
        assertEquals("direct", exchange.decisions.route());
        assertEquals(1, stages.budgets.holds.size());
        assertEquals(exchange.target, exchange.budgetDecidedFor);
    }

    @Test
    void aRequestThatDoesNotFitMovesToTheFirstCheaperModelThatDoes() {
        Exchange exchange = ask(new BigDecimal("0.02"), false, "sonnet", "haiku", "qwen");
        assertEquals("sonnet", exchange.target.modelId());
        assertEquals("budget -> sonnet", exchange.decisions.route());
        assertEquals("budget: org nearly spent; opus -> sonnet", exchange.decisions.policies());
        assertEquals(exchange.target, exchange.budgetDecidedFor, "the attempt chain need not check sonnet again");

        assertEquals("haiku", ask(new BigDecimal("0.006"), false, "sonnet", "haiku", "qwen").target.modelId());
    }

    @Test
    void whenNoPaidModelFitsAFreeOneServes() {
        Exchange exchange = ask(new BigDecimal("0.001"), true, "sonnet", "haiku", "qwen");
        assertEquals("qwen", exchange.target.modelId());
        assertNull(exchange.budgetHold, "a free model holds nothing");
    }

    @Test
    void withoutAFreeModelTheCheapestTakesWhatIsLeft() {
        Exchange exchange = ask(new BigDecimal("0.001"), false, "sonnet", "haiku");
        assertEquals("haiku", exchange.target.modelId());
        assertEquals(new BigDecimal("0.001"), exchange.budgetHold.amounts().get("org"));
    }

    @Test
    void aSpentCapWithAHardStopAndNoFreeModelRefuses() {
        GatewayError refused = assertThrows(GatewayError.class, () -> ask(BigDecimal.ZERO, true, "sonnet", "haiku"));
        assertEquals(403, refused.status());
        assertEquals("budget_exhausted", refused.code());
    }

    @Test
    void aSpentSoftCapServesTheCheapestOverTheCapAndSaysSo() {
        Exchange exchange = ask(BigDecimal.ZERO, false, "sonnet", "haiku");
        assertEquals("haiku", exchange.target.modelId());
        assertEquals("budget: org spent; opus -> haiku; budget: org spent; nothing cheaper fits, served over the cap",
                exchange.decisions.policies());
    }
}
