package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Classification;
import dev.srooter.api.Intent;
import dev.srooter.api.Operation;
import dev.srooter.server.routing.RouteRule;
import dev.srooter.server.tasks.Task;
import dev.srooter.server.tasks.TaskBook;
import dev.srooter.server.tasks.TaskGuard;
import dev.srooter.server.wire.GatewayError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing per task over a plain exchange: a follow-up stays on the model that served its task, whatever its rule
 * would pick; and the task guard warns, moves the task down its chain, or stops it.
 */
class TaskRoutingTest {

    private final Stages stages = new Stages(List.of(
            PlainExchange.model("anthropic", "opus", 15, 75, true, true, 200_000, 9),
            PlainExchange.model("anthropic", "haiku", 1, 5, true, true, 200_000, 5),
            PlainExchange.model("openai", "gpt", 2, 8, true, true, 200_000, 8)));
    private final TaskBook book = new TaskBook();

    @BeforeEach
    void securityToTheBestModel() {
        stages.routing(List.of(new RouteRule(null, Intent.SECURITY, RouteRule.BEST, false, 0)),
                Map.of("opus", List.of("haiku")));
    }

    /** Turn {@code turn} of task "t1", asked for {@code asked}, classified security, routed. */
    private Exchange turn(int turn, String asked) {
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"" + asked + "\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"rotate the signing keys\"}]}");
        exchange.task = book.open("t1");
        exchange.turn = turn;
        exchange.decisions.add(new Decision.Tasked("t1", turn));
        exchange.target = stages.model(asked);
        exchange.decisions.add(new Decision.Classified(new Classification(Intent.SECURITY, 0.9, "test"), "test"));
        stages.route.apply(exchange);
        stages.loopGuard.apply(exchange);
        return exchange;
    }

    @Test
    void aFollowUpStaysOnTheModelThatServedItsTask() {
        Exchange first = turn(0, "haiku");
        assertEquals("opus", first.target.modelId(), "the human turn is routed by its rule");
        first.task.ended(0, 0.01, "openai/gpt"); // say a fallback served it: the task now stays there

        Exchange followUp = turn(1, "haiku");
        assertEquals("gpt", followUp.target.modelId());
        assertEquals("task -> gpt", followUp.decisions.route());
    }

    @Test
    void aFollowUpIsNotClassifiedAgain() {
        Task task = book.open("t3");
        task.classified(new Classification(Intent.SECURITY, 0.8, "local"), "local");
        Classify classify = new Classify(); // no classifier runner at all: calling one would fail
        classify.rules = stages.rules;
        Exchange followUp = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"opus\",\"messages\":[]}");
        followUp.task = task;
        followUp.turn = 1;
        classify.apply(followUp);
        assertEquals(Intent.SECURITY, followUp.decisions.classification().intent());
        assertEquals(0.8, followUp.decisions.classification().confidence());
    }

    @Test
    void aTaskWithNoServedTurnYetIsRoutedByItsRule() {
        Exchange followUp = turn(1, "haiku");
        assertEquals("opus", followUp.target.modelId());
        assertEquals("security -> opus", followUp.decisions.route());
    }

    @Test
    void theGuardWarnsAndLetsTheTaskGoOn() {
        stages.rules.use(List.of(new RouteRule(null, Intent.SECURITY, RouteRule.BEST, false, 0)), Map.of(),
                Map.of("task-guard", new TaskGuard(3, null, TaskGuard.Action.WARN).stored()));
        assertNull(turn(2, "opus").decisions.policies(), "the third turn is within the guard");
        Exchange fourth = turn(3, "opus");
        assertEquals("task-guard: warn; 4 turns > 3", fourth.decisions.policies());
        assertEquals("opus", fourth.target.modelId());
    }

    @Test
    void theGuardMovesARunawayTaskDownItsChain() {
        stages.rules.use(List.of(new RouteRule(null, Intent.SECURITY, RouteRule.BEST, false, 0)),
                Map.of("opus", List.of("gpt", "haiku")),
                Map.of("task-guard", new TaskGuard(null, 1.0, TaskGuard.Action.DOWNGRADE).stored()));
        Task task = book.open("t1");
        task.ended(0, 0.6, "anthropic/opus");
        assertEquals("opus", turn(1, "opus").target.modelId(), "$0.60 of $1.00");
        task.ended(1, 0.6, "anthropic/opus");
        Exchange over = turn(2, "opus");
        assertEquals("haiku", over.target.modelId(), "the cheapest model of the chain");
        assertEquals("task-guard -> haiku", over.decisions.route(), "the task was on opus already: no move but the guard's");
        assertTrue(over.decisions.policies().startsWith("task-guard: downgrade; $1.2000 spent >= $1.0000"),
                over.decisions.policies());
    }

    @Test
    void theGuardStopsARunawayTaskWithAnErrorThatSaysHowToGoOn() {
        stages.rules.use(List.of(), Map.of(), Map.of("task-guard", new TaskGuard(5, null, TaskGuard.Action.DOWNGRADE)
                .stored(), "task-guard.team.payments", new TaskGuard(2, null, TaskGuard.Action.STOP).stored()));
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"opus\",\"messages\":[]}");
        exchange.caller = new dev.srooter.server.keys.Caller("k", "k", "u", "dana", "payments");
        exchange.task = book.open("t2");
        exchange.turn = 2;
        exchange.target = stages.model("opus");
        GatewayError stopped = assertThrows(GatewayError.class, () -> stages.loopGuard.apply(exchange));
        assertEquals(403, stopped.status());
        assertEquals("task_guard_stopped", stopped.code());
        assertTrue(stopped.getMessage().contains("3 turns > 2") && stopped.getMessage().contains("new message"),
                stopped.getMessage());
    }
}
