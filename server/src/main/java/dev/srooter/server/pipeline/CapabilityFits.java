package dev.srooter.server.pipeline;

import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The candidate must be able to do what the request needs, as it stands after any policy's rewrite: take tools and
 * images when it carries them (as far as srooter's catalogue knows the model).
 */
@ApplicationScoped
public class CapabilityFits implements AttemptStep {

    @Override
    public Skip check(Exchange exchange, Target candidate, boolean last) {
        var can = candidate.capabilities();
        if (!can.known() || can.tools() && can.vision()) {
            return null; // nothing the request could carry rules it out: no need to read what it carries
        }
        String unmet = exchange.body.needs().unmetBy(candidate);
        if (unmet == null) {
            return null;
        }
        return new Skip(unmet, new GatewayError(400, "model_cannot_serve", "Model '" + candidate.modelId()
                + "' cannot serve this request (" + unmet + "), and no model of its fallback chain can either."));
    }
}
