package dev.srooter.server.pipeline;

import dev.srooter.server.routing.RuleBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Blocking mode: a task under review for a trigger the admin named (an intent, or {@code risk}) has its answer held
 * ({@link HeldResponse}) until the council concludes; {@link Convene} releases it, or refuses it on a reject.
 */
@ApplicationScoped
public class HoldForCouncil implements Stage {

    @Inject
    RuleBook rules;

    @Override
    public void apply(Exchange exchange) {
        if (!exchange.decisions.councilSits()) {
            return; // most requests: not under review, and the blocking setting is not even read
        }
        RuleBook.CouncilBlocking blocking = rules.councilBlocking();
        if (blocking == null || !blocking.covers(exchange.decisions.councilTrigger())) {
            return;
        }
        exchange.response = new HeldResponse(exchange.response);
    }
}
