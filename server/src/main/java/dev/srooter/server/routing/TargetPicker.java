package dev.srooter.server.routing;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Capabilities;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.Optional;

/**
 * Turns a rule's target into a served model. {@code cheapest}: the model with the lowest known price
 * (input plus output per million tokens; free local models first) that can do what the request needs: tools
 * and images when it carries them, and a context window (when known) that holds it. {@code best}: among the
 * models that can, the highest rank in srooter's catalogue (its judgement of capability for coding agents),
 * then the highest price. A named model resolves like a client's model name.
 */
@ApplicationScoped
public class TargetPicker {

    @Inject
    ModelDirectory directory;

    /** What a request needs of the model that serves it. */
    public record Needs(boolean tools, boolean vision, long estimatedTokens) {
        public boolean metBy(Target t) {
            Integer window = t.capabilities().contextWindow();
            return (!tools || t.capabilities().tools()) && (!vision || t.capabilities().vision())
                    && (window == null || estimatedTokens <= window);
        }

        /**
         * Why a model srooter's catalogue knows cannot serve the request at all ("no tools", "no images"), or null
         * when it can or the catalogue does not know it (then its provider judges). The context window is left to
         * the provider here: the size estimate is an upper bound (base64 images alone inflate it many times), good
         * for choosing among models but not for refusing the one asked for; a provider's context-length error
         * moves the request on down its chain anyway.
         */
        public String unmetBy(Target t) {
            Capabilities can = t.capabilities();
            if (!can.known()) {
                return null;
            }
            if (tools && !can.tools()) {
                return "no tools";
            }
            return vision && !can.vision() ? "no images" : null;
        }
    }

    /** The model a rule's target names, among those {@code permitted} (by the caller's policies). */
    public Optional<Target> pick(String target, Needs needs, WireFormat clientFormat,
                                 java.util.function.Predicate<Target> permitted) {
        if (RouteRule.CHEAPEST.equals(target) || RouteRule.BEST.equals(target)) {
            Comparator<Target> byPrice = Comparator.comparingDouble(t -> t.price().unit());
            var candidates = directory.all().stream().filter(needs::metBy).filter(permitted);
            if (RouteRule.CHEAPEST.equals(target)) {
                return candidates.filter(t -> t.price().known()).min(byPrice);
            }
            // the catalogue's rank first (a newer model can cost less than an older one), then price
            return candidates.filter(t -> t.capabilities().rank() > 0 || t.price().known())
                    .max(Comparator.comparingInt((Target t) -> t.capabilities().rank()).thenComparing(byPrice));
        }
        return directory.resolveWithAliases(target, clientFormat).map(ModelDirectory.Resolution::target)
                .filter(permitted);
    }
}
