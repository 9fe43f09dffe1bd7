package dev.srooter.server.providers;

import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import java.util.Set;

/**
 * Where a model is served: a provider account (without its credentials, which {@link Credentials} hands
 * out per call), the plugin that speaks to it, the model's id there, its price and capabilities, and the wire formats srooter sends it (the plugin's, or the one an admin pinned for the
 * account, e.g. Chat Completions for a server that copies only that part of OpenAI's API).
 */
public record Target(String providerId, ProviderConfig account, Provider provider, String modelId, String displayName,
                     Price price, Set<WireFormat> formats, Capabilities capabilities, Integer timeoutSeconds) {

    public boolean speaks(WireFormat format) {
        return formats.contains(format);
    }

    /** The name a client may use to pick this target explicitly. */
    public String qualifiedName() {
        return account.name() + "/" + modelId;
    }
}
