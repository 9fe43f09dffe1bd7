package dev.srooter.server.plugins;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.ProviderPreset;
import dev.srooter.api.WireFormat;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A preset's kind, spoken by its base kind's provider: every call goes to the base, only names and defaults differ. */
final class PresetProvider implements Provider {

    private final ProviderPreset preset;
    private final Provider base;

    PresetProvider(ProviderPreset preset, Provider base) {
        this.preset = preset;
        this.base = base;
    }

    @Override
    public String kind() {
        return preset.kind();
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.ofNullable(preset.defaultBaseUrl());
    }

    @Override
    public Set<WireFormat> formats() {
        return base.formats();
    }

    @Override
    public boolean free() {
        return base.free();
    }

    @Override
    public boolean needsCredential() {
        return base.needsCredential();
    }

    @Override
    public Optional<URI> endpoint(ProviderConfig account, Operation operation) {
        return base.endpoint(account, operation);
    }

    @Override
    public Map<String, String> authHeaders(ProviderConfig account) {
        return base.authHeaders(account);
    }

    @Override
    public Map<String, String> requiredHeaders() {
        return base.requiredHeaders();
    }

    @Override
    public String chatMaxTokensField(ProviderConfig account) {
        return base.chatMaxTokensField(account);
    }

    @Override
    public List<DiscoveredModel> parseModels(String body) {
        return base.parseModels(body);
    }
}
