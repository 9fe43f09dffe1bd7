package dev.srooter.server.providers;

import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;

/**
 * Where a model is served: a provider account, the plugin that speaks to it, the model's id there,
 * and its price.
 */
public record Target(String providerId, ProviderConfig account, Provider provider, String modelId, String displayName,
                     Price price) {

    public boolean speaks(WireFormat format) {
        return provider.formats().contains(format);
    }

    /** The name a client may use to pick this target explicitly. */
    public String qualifiedName() {
        return account.name() + "/" + modelId;
    }
}
