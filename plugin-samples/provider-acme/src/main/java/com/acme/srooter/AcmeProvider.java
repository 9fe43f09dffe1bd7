package com.acme.srooter;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Acme AI, a made-up vendor whose API copies OpenAI's Chat Completions but authenticates with its own
 * header. A provider plugin states only how its service differs; srooter does the HTTP, streaming,
 * translation from other wire formats, credentials, accounting and audit.
 *
 * <p>One instance serves every Acme account: keep no state here. Never log {@code account.apiKey()}.
 */
@Extension
public class AcmeProvider implements Provider {

    /** What admins write as {@code kind} when they add an Acme account. */
    @Override
    public String kind() {
        return "acme";
    }

    /**
     * The wire formats Acme accepts. Clients of these formats are passed through untouched; clients of
     * other formats (Claude Code's Anthropic Messages, Codex's Responses) are translated by srooter.
     */
    @Override
    public Set<WireFormat> formats() {
        return Set.of(WireFormat.OPENAI_CHAT);
    }

    /** Lets admins leave the base URL out. */
    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("https://api.acme.example/v1");
    }

    /** Where each call goes; an empty answer means Acme has no such call (srooter then says so). */
    @Override
    public Optional<URI> endpoint(ProviderConfig account, Operation operation) {
        String path = switch (operation) {
            case CHAT_COMPLETIONS -> "/chat/completions";
            case LIST_MODELS -> "/models";
            default -> null;
        };
        return Optional.ofNullable(path).map(p -> URI.create(account.base() + p));
    }

    /** Acme's difference: the key goes in its own header, not {@code authorization}. */
    @Override
    public Map<String, String> authHeaders(ProviderConfig account) {
        return Map.of("x-acme-key", account.apiKey());
    }

    /** Reads {@code GET /models}; every model listed here becomes servable as {@code <account>/<id>}. */
    @Override
    public List<DiscoveredModel> parseModels(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            List<DiscoveredModel> models = new ArrayList<>();
            for (JsonValue item : reader.readObject().getJsonArray("data")) {
                JsonObject model = item.asJsonObject();
                String id = model.getString("id");
                models.add(new DiscoveredModel(id, model.getString("name", id)));
            }
            return models;
        }
    }
}
