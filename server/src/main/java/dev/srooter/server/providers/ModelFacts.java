package dev.srooter.server.providers;

import dev.srooter.api.Provider;
import dev.srooter.server.store.ProviderModel;

/**
 * What srooter takes a model's price and abilities to be, by precedence: an admin's override, then what the
 * provider's listing said, then the catalogue, then "unknown". A model on the team's own hardware costs nothing.
 */
final class ModelFacts {

    private ModelFacts() {
    }

    static Price price(ProviderModel model, ModelCatalog.Entry entry, Provider provider) {
        Price base = provider.free() ? Price.FREE
                : model.listedInput != null && model.listedOutput != null
                ? new Price(model.listedInput, model.listedOutput, entry.price().known() ? entry.price().cacheRead()
                        : model.listedInput, entry.price().known() ? entry.price().cacheWrite() : model.listedInput,
                        true, "listing")
                : entry.price();
        boolean overridden = model.overrideInput != null || model.overrideOutput != null
                || model.overrideCacheRead != null || model.overrideCacheWrite != null;
        if (!overridden) {
            return base;
        }
        return new Price(or(model.overrideInput, base.input()), or(model.overrideOutput, base.output()),
                or(model.overrideCacheRead, base.cacheRead()), or(model.overrideCacheWrite, base.cacheWrite()), true,
                "override");
    }

    /**
     * The catalogue's abilities with what the provider said on top (a local model's tools and context length come
     * from the server itself), and the admin's context window on top of both. A model the catalogue does not know
     * but its provider described counts as known, unranked.
     */
    static Capabilities capabilities(ProviderModel model, ModelCatalog.Entry entry) {
        Capabilities c = entry.capabilities();
        boolean said = model.listedContext != null || model.listedMaxOutput != null || model.listedTools != null
                || model.listedVision != null || model.listedReasoning != null;
        if (said) {
            c = new Capabilities(or(model.listedContext, c.contextWindow()), or(model.listedMaxOutput, c.maxOutput()),
                    or(model.listedTools, c.tools()), or(model.listedVision, c.vision()),
                    or(model.listedReasoning, c.reasoning()), c.rank(), true);
        }
        return c.withContextWindow(model.overrideContext);
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
