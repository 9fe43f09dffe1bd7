package dev.srooter.server.pipeline;

import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.tasks.TaskGuard;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin's task guard ({@code PUT /api/routing/task-guard}, org-wide or per team) over a task that has run too
 * many turns or spent too much: {@code warn} lets it go on with a header ({@code x-srooter-task-guard}) and a flag
 * on the task; {@code downgrade} moves it to the cheapest model of its chain, where the task then stays;
 * {@code stop} refuses it with an error in the client's format that says why and how to go on.
 */
@ApplicationScoped
public class LoopGuard implements Stage {

    @Inject
    RuleBook rules;

    @Inject
    FallbackChains chains;

    @Override
    public void apply(Exchange exchange) {
        if (exchange.task == null || exchange.operation == dev.srooter.api.Operation.COUNT_TOKENS) {
            return;
        }
        Optional<TaskGuard> guard = rules.taskGuard(exchange.caller == null ? null : exchange.caller.team());
        if (guard.isEmpty()) {
            return;
        }
        // the turn comes from the conversation itself, so any node counts it alike; spend is what this node saw
        String why = guard.get().exceededBy(exchange.turn, exchange.task.costUsd());
        if (why == null) {
            return;
        }
        TaskGuard.Action action = guard.get().action();
        exchange.decisions.add(new Decision.TaskGuarded(action.name().toLowerCase(Locale.ROOT), why));
        if (action == TaskGuard.Action.STOP) {
            throw new GatewayError(403, "task_guard_stopped", "srooter stopped this agent task: " + why
                    + " (your admin's task guard). Send a new message to start a new task, or ask an admin to raise"
                    + " the limit (PUT /api/routing/task-guard).");
        }
        if (action == TaskGuard.Action.DOWNGRADE) {
            List<Target> cheaper = chains.cheaperSteps(exchange, exchange.target);
            if (!cheaper.isEmpty()) {
                exchange.target = cheaper.get(cheaper.size() - 1);
                exchange.decisions.add(new Decision.GuardStepped(exchange.target.modelId()));
            }
        }
    }
}
