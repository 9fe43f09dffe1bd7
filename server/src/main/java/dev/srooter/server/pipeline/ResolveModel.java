package dev.srooter.server.pipeline;

import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Decides which provider serves the model the client asked for: a provider offering that name, or the
 * target of an alias matching it. Whether the provider speaks the client's format is Translate's concern.
 */
@ApplicationScoped
public class ResolveModel implements Stage {

    @Inject
    ModelDirectory directory;

    @Override
    public void apply(Exchange exchange) {
        ModelDirectory.Resolution resolution = directory.resolveWithAliases(exchange.requestedModel,
                exchange.clientFormat()).orElseThrow(() -> new GatewayError(404, "model_not_found", "The model '"
                + exchange.requestedModel + "' is not offered by any provider configured in srooter."));
        exchange.target = resolution.target();
        if (resolution.alias() != null) {
            exchange.decisions.add(new Decision.Aliased(resolution.alias().pattern(), resolution.target().modelId()));
        }
    }
}
