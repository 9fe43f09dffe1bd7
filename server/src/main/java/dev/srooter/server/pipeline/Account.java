package dev.srooter.server.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

/** Turns the tokens a call used into its cost, at the served model's price. */
@ApplicationScoped
public class Account implements Stage {

    @Override
    public void apply(Exchange exchange) {
        if (exchange.target == null) {
            return;
        }
        exchange.priceKnown = exchange.target.price().known();
        // an unknown price held at the provider's dearest is for budgets only: its cost is recorded as unknown
        exchange.costUsd = exchange.priceKnown ? exchange.target.price().cost(exchange.usage) : 0;
    }
}
