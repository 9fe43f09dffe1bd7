package dev.srooter.server.pipeline;

import dev.srooter.server.limits.RateLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Refuses a caller over their requests or tokens per minute with 429 and {@code retry-after}, before the body is read. */
@ApplicationScoped
public class Limit implements Stage {

    @Inject
    RateLimits limits;

    @Override
    public void apply(Exchange exchange) {
        limits.admit(exchange.caller);
    }
}
