package dev.srooter.server.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When a turn of a task has ended: its cost counts toward the task (the loop guard reads it), and the model that
 * answered it is the one the task's next turns stay on, on whichever node serves them.
 */
@ApplicationScoped
public class EndTurn implements Stage {

    @jakarta.inject.Inject
    dev.srooter.server.tasks.TaskBook tasks;

    @Override
    public void apply(Exchange exchange) {
        if (exchange.task == null || exchange.operation == dev.srooter.api.Operation.COUNT_TOKENS) {
            return;
        }
        boolean served = exchange.status >= 200 && exchange.status < 300 && exchange.target != null;
        exchange.task.ended(exchange.turn, exchange.costUsd, served ? exchange.target.qualifiedName() : null);
        tasks.turnEnded(exchange.task); // shared now when another node may serve the next turn
    }
}
