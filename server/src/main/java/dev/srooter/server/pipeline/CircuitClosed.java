package dev.srooter.server.pipeline;

import dev.srooter.server.providers.ProviderClient;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A provider that keeps failing is skipped at once while its circuit is open, unless no other candidate is left. */
@ApplicationScoped
public class CircuitClosed implements AttemptStep {

    @Inject
    ProviderClient client;

    @Override
    public Skip check(Exchange exchange, Target candidate, boolean last) {
        if (last || client.circuitAllows(candidate)) {
            return null;
        }
        return new Skip("circuit open", new GatewayError(503, "circuit_open", "Provider '"
                + candidate.account().name() + "' is failing; srooter is holding calls to it for a while."));
    }
}
