package dev.srooter.plugins.openai;

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

    /**
     * OpenAI's listing names ids only; listings of compatible services say more, and what they say is kept:
     * OpenRouter's {@code context_length}, {@code pricing} (USD per token, as strings), {@code supported_parameters}
     * and {@code architecture.input_modalities}; others' {@code context_window} or {@code max_model_len} (vLLM).
     */
    @Override
    public List<DiscoveredModel> parseModels(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            List<DiscoveredModel> models = new ArrayList<>();
            for (JsonValue item : reader.readObject().getJsonArray("data")) {
                JsonObject model = item.asJsonObject();
                String id = model.getString("id");
                // Gemini's OpenAI-compatible listing names models "models/gemini-..."; requests take the bare id
                if (id.startsWith("models/")) {
                    id = id.substring("models/".length());
                }
                String name = model.getString("name", id); // OpenRouter gives names
                models.add(details(new DiscoveredModel(id, name), model));
            }
            return models;
        }
    }

    private static DiscoveredModel details(DiscoveredModel listed, JsonObject model) {
        Integer context = integer(model, "context_length", "context_window", "max_model_len");
        JsonObject top = model.get("top_provider") instanceof JsonObject o ? o : null;
        Integer maxOutput = top == null ? null : integer(top, "max_completion_tokens");
        Boolean tools = null;
        Boolean reasoning = null;
        if (model.get("supported_parameters") instanceof JsonArray params) {
            List<String> names = params.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            tools = names.contains("tools");
            reasoning = names.contains("reasoning");
        }
        Boolean vision = null;
        if (model.get("architecture") instanceof JsonObject arch
                && arch.get("input_modalities") instanceof JsonArray modalities) {
            vision = modalities.getValuesAs(JsonString.class).stream().anyMatch(m -> m.getString().equals("image"));
        }
        DiscoveredModel described = listed.withAbilities(context, maxOutput, tools, vision, reasoning);
        if (model.get("pricing") instanceof JsonObject pricing) {
            Double in = perMillion(pricing.get("prompt"));
            Double out = perMillion(pricing.get("completion"));
            if (in != null && out != null && in >= 0 && out >= 0) {
                described = described.withPrice(in, out);
            }
        }
        return described;
    }

    private static Integer integer(JsonObject object, String... names) {
        for (String name : names) {
            if (object.get(name) instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0
                    && n.longValue() <= Integer.MAX_VALUE) {
                return n.intValue();
            }
        }
        return null;
    }

    /** A price per token (a number, or a string as OpenRouter writes it) in USD per million tokens. */
    private static Double perMillion(JsonValue value) {
        try {
            double perToken = value instanceof JsonNumber n ? n.doubleValue()
                    : value instanceof JsonString s ? Double.parseDouble(s.getString()) : Double.NaN;
            return Double.isFinite(perToken) ? Math.round(perToken * 1_000_000_000.0) / 1000.0 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
