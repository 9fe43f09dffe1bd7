package dev.srooter.server.routing;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.Optional;

/**
 * Turns a rule's target into a served model. {@code cheapest}: the model with the lowest known price
 * (input plus output per million tokens; free local models first) that can do what the request needs (tools,
 * when it carries tools). {@code best}: the one with the highest known price, the catalogue's stand-in for
 * capability. A named model resolves like a client's model name.
 */
@ApplicationScoped
public class TargetPicker {

    @Inject
    ModelDirectory directory;

    public Optional<Target> pick(String target, boolean needsTools, WireFormat clientFormat) {
        if (RouteRule.CHEAPEST.equals(target) || RouteRule.BEST.equals(target)) {
            Comparator<Target> byPrice = Comparator.comparingDouble(t -> t.price().input() + t.price().output());
            var candidates = directory.all().stream().filter(t -> t.price().known())
                    .filter(t -> !needsTools || t.capabilities().tools());
            return RouteRule.CHEAPEST.equals(target) ? candidates.min(byPrice) : candidates.max(byPrice);
        }
        return directory.resolveWithAliases(target, clientFormat).map(ModelDirectory.Resolution::target);
    }
}
