package dev.srooter.server.pipeline;

import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;

/** The caller's policies must let the candidate serve (an allowlist, by model name or provider/model). */
@ApplicationScoped
public class PolicyPermits implements AttemptStep {

    @Override
    public Skip check(Exchange exchange, Target candidate, boolean last) {
        if (Route.permitted(exchange, candidate)) {
            return null;
        }
        return new Skip("not permitted by policy", new GatewayError(403, "policy_denied", "Refused by srooter "
                + "policy: model '" + candidate.modelId() + "' may not serve this caller, nor may any fallback."));
    }
}
