package dev.srooter.plugins.ollama;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
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
 * Ollama: its models are listed natively ({@code GET /api/tags}, which names every pulled model and tag),
 * and chat goes through its OpenAI-compatible endpoint. The base URL is the server's root, without
 * {@code /v1}. Ollama wants no key; one is sent as a bearer token only when given (a proxy in front).
 * Calls cost nothing: the hardware is the team's own.
 */
@Extension
public class OllamaProvider implements Provider {

    /** Said instead of a key when there is none; never sent. */
    static final String NO_KEY = "";

    @Override
    public String kind() {
        return "ollama";
    }

    @Override
    public Set<WireFormat> formats() {
        return Set.of(WireFormat.OPENAI_CHAT);
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("http://localhost:11434");
    }

    @Override
    public boolean free() {
        return true;
    }

    @Override
    public boolean needsCredential() {
        return false;
    }

    @Override
    public Optional<URI> endpoint(ProviderConfig account, Operation operation) {
        String path = switch (operation) {
            case CHAT_COMPLETIONS -> "/v1/chat/completions";
            case LIST_MODELS -> "/api/tags";
            case MODEL_DETAILS -> "/api/show";
            default -> null;
        };
        return Optional.ofNullable(path).map(p -> URI.create(account.base() + p));
    }

    @Override
    public Map<String, String> authHeaders(ProviderConfig account) {
        String key = account.apiKey();
        return key == null || key.isBlank() ? Map.of() : Map.of("authorization", "Bearer " + key);
    }

    /** {@code {"models":[{"name":"qwen3-coder:30b","model":"qwen3-coder:30b","details":{...}}]}}. */
    @Override
    public List<DiscoveredModel> parseModels(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            List<DiscoveredModel> models = new ArrayList<>();
            for (JsonValue item : reader.readObject().getJsonArray("models")) {
                JsonObject model = item.asJsonObject();
                String id = model.getString("model", model.getString("name"));
                JsonObject details = model.getJsonObject("details");
                String size = details == null ? null : details.getString("parameter_size", null);
                models.add(new DiscoveredModel(id, size == null ? id : id + " (" + size + ")"));
            }
            return models;
        }
    }

    @Override
    public Optional<String> detailsRequest(String modelId) {
        return Optional.of(Json.createObjectBuilder().add("model", modelId).build().toString());
    }

    /**
     * Ollama's {@code /api/show}: {@code capabilities} ({@code completion}, {@code tools}, {@code vision},
     * {@code thinking}) and, in {@code model_info}, the architecture's {@code <arch>.context_length}.
     */
    @Override
    public DiscoveredModel parseDetails(DiscoveredModel listed, String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject show = reader.readObject();
            Boolean tools = null;
            Boolean vision = null;
            Boolean thinking = null;
            if (show.get("capabilities") instanceof JsonArray capabilities) {
                List<String> said = capabilities.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                        .toList();
                tools = said.contains("tools");
                vision = said.contains("vision");
                thinking = said.contains("thinking");
            }
            Integer context = null;
            if (show.get("model_info") instanceof JsonObject info) {
                for (Map.Entry<String, JsonValue> field : info.entrySet()) {
                    if (field.getKey().endsWith(".context_length") && field.getValue() instanceof JsonNumber n) {
                        context = n.intValue();
                    }
                }
            }
            return listed.withAbilities(context, null, tools, vision, thinking);
        }
    }
}
