package dev.srooter.server.pipeline;

import dev.srooter.server.limits.RateLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** When a request has ended: its cost goes against the caller's budgets, its tokens against their rate limits. */
@ApplicationScoped
public class Settle implements Stage {

    @Inject
    Budget budget;

    @Inject
    RateLimits limits;

    @Override
    public void apply(Exchange exchange) {
        if (exchange.caller == null) {
            return;
        }
        limits.count(exchange.caller, exchange.usage.input() + exchange.usage.output());
        budget.settle(exchange);
    }
}
