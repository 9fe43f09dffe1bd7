package dev.srooter.server.pipeline;

import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Decides which provider serves the model the client asked for. */
@ApplicationScoped
public class ResolveModel implements Stage {

    @Inject
    ModelDirectory directory;

    @Override
    public void apply(Exchange exchange) {
        Target target = directory.resolve(exchange.requestedModel, exchange.clientFormat())
                .orElseThrow(() -> new GatewayError(404, "model_not_found", "The model '" + exchange.requestedModel
                        + "' is not offered by any provider configured in srooter."));
        if (!target.speaks(exchange.clientFormat())) {
            throw new GatewayError(400, "format_not_supported", "The model '" + exchange.requestedModel
                    + "' is served by provider '" + target.account().name() + "', which does not accept "
                    + exchange.clientFormat() + " requests.");
        }
        exchange.target = target;
        exchange.route = "direct";
    }
}
