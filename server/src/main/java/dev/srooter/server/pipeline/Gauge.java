package dev.srooter.server.pipeline;

import dev.srooter.server.cortex.BlastRadius;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gauges the blast radius of the request's change in Cortex's graph (when a registered repository knows what it
 * touches) for routing, the audit log and {@code x-srooter-risk}.
 */
@ApplicationScoped
public class Gauge implements Stage {

    @Inject
    BlastRadius blastRadius;

    @Override
    public void apply(Exchange exchange) {
        if (exchange.operation == dev.srooter.api.Operation.COUNT_TOKENS) {
            return;
        }
        BlastRadius.Risk risk = blastRadius.gauge(exchange.body::text);
        if (risk != null) {
            exchange.decisions.add(new Decision.Gauged(risk));
        }
    }
}
