package dev.srooter.plugins.openai;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import jakarta.json.Json;
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
 * OpenAI's API and any server that copies it (vLLM, LM Studio, DeepSeek, ...): a bearer key and
 * a base URL that already ends in {@code /v1}, as the OpenAI SDKs expect.
 */
@Extension
public class OpenAiProvider implements Provider {

    @Override
    public String kind() {
        return "openai";
    }

    @Override
    public Set<WireFormat> formats() {
        return Set.of(WireFormat.OPENAI_CHAT, WireFormat.OPENAI_RESPONSES);
    }

    @Override
    public Optional<URI> endpoint(ProviderConfig account, Operation operation) {
        String path = switch (operation) {
            case CHAT_COMPLETIONS -> "/chat/completions";
            case RESPONSES -> "/responses";
            case LIST_MODELS -> "/models";
            default -> null;
        };
        return Optional.ofNullable(path).map(p -> URI.create(account.base() + p));
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("https://api.openai.com/v1");
    }

    @Override
    public Map<String, String> authHeaders(ProviderConfig account) {
        return Map.of("authorization", "Bearer " + account.apiKey());
    }

    /** OpenAI's own API takes the newer field; servers that copy the API mostly take only the older one. */
    @Override
    public String chatMaxTokensField(ProviderConfig account) {
        String host = URI.create(account.base()).getHost();
        return host != null && host.endsWith("openai.com") ? "max_completion_tokens" : "max_tokens";
    }

    @Override
    public List<DiscoveredModel> parseModels(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            List<DiscoveredModel> models = new ArrayList<>();
            for (JsonValue item : reader.readObject().getJsonArray("data")) {
                String id = item.asJsonObject().getString("id");
                // Gemini's OpenAI-compatible listing names models "models/gemini-..."; requests take the bare id
                if (id.startsWith("models/")) {
                    id = id.substring("models/".length());
                }
                String name = item.asJsonObject().getString("name", id); // OpenRouter gives names
                models.add(new DiscoveredModel(id, name));
            }
            return models;
        }
    }
}
