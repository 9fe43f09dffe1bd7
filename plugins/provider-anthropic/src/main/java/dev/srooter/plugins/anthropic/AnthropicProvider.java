package dev.srooter.plugins.anthropic;

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
 * Anthropic's Messages API. An API key goes in {@code x-api-key}; a Claude subscription's OAuth access
 * token ({@code sk-ant-oat...}, as Claude Code stores it for Claude Max) goes as a bearer token with the
 * OAuth beta flag, which Anthropic requires for such tokens.
 */
@Extension
public class AnthropicProvider implements Provider {

    /** The API version every Anthropic call must name; a client's own header wins. */
    static final String API_VERSION = "2023-06-01";

    /** The beta flag Anthropic requires alongside an OAuth access token. */
    static final String OAUTH_BETA = "oauth-2025-04-20";

    static boolean isOAuthToken(String credential) {
        return credential != null && credential.startsWith("sk-ant-oat");
    }

    @Override
    public String kind() {
        return "anthropic";
    }

    @Override
    public Set<WireFormat> formats() {
        return Set.of(WireFormat.ANTHROPIC_MESSAGES);
    }

    @Override
    public Optional<URI> endpoint(ProviderConfig account, Operation operation) {
        String path = switch (operation) {
            case MESSAGES -> "/v1/messages";
            case COUNT_TOKENS -> "/v1/messages/count_tokens";
            case LIST_MODELS -> "/v1/models?limit=1000";
            default -> null;
        };
        return Optional.ofNullable(path).map(p -> URI.create(account.base() + p));
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("https://api.anthropic.com");
    }

    @Override
    public Map<String, String> authHeaders(ProviderConfig account) {
        if (isOAuthToken(account.apiKey())) {
            return Map.of("authorization", "Bearer " + account.apiKey(), "anthropic-beta", OAUTH_BETA);
        }
        return Map.of("x-api-key", account.apiKey());
    }

    @Override
    public Map<String, String> requiredHeaders() {
        return Map.of("anthropic-version", API_VERSION);
    }

    @Override
    public List<DiscoveredModel> parseModels(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            List<DiscoveredModel> models = new ArrayList<>();
            for (JsonValue item : reader.readObject().getJsonArray("data")) {
                JsonObject model = item.asJsonObject();
                String id = model.getString("id");
                DiscoveredModel listed = new DiscoveredModel(id, model.getString("display_name", id));
                // newer listings say the limits; older ones name the model only
                models.add(listed.withAbilities(limit(model, "max_input_tokens"), limit(model, "max_tokens"), null,
                        null, null));
            }
            return models;
        }
    }

    private static Integer limit(JsonObject model, String name) {
        return model.get(name) instanceof jakarta.json.JsonNumber n && n.isIntegral() && n.longValue() > 0
                ? n.intValue() : null;
    }
}
