package dev.srooter.plugins.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest {

    private final AnthropicProvider provider = new AnthropicProvider();
    private final ProviderConfig account = new ProviderConfig("claude", "http://127.0.0.1:8000/", "sk-ant-test");

    @Test
    void messagesLiveUnderV1BecauseTheBaseUrlHasNoVersion() {
        assertEquals("http://127.0.0.1:8000/v1/messages",
                provider.endpoint(account, Operation.MESSAGES).orElseThrow().toString());
        assertEquals("http://127.0.0.1:8000/v1/messages/count_tokens",
                provider.endpoint(account, Operation.COUNT_TOKENS).orElseThrow().toString());
    }

    @Test
    void hasNoOpenAiEndpoints() {
        assertTrue(provider.endpoint(account, Operation.CHAT_COMPLETIONS).isEmpty());
        assertTrue(provider.endpoint(account, Operation.RESPONSES).isEmpty());
    }

    @Test
    void authenticatesWithXApiKey() {
        assertEquals("sk-ant-test", provider.authHeaders(account).get("x-api-key"));
        assertEquals("2023-06-01", provider.requiredHeaders().get("anthropic-version"));
    }

    @Test
    void aClaudeSubscriptionTokenGoesAsBearerWithTheOAuthBeta() {
        var headers = provider.authHeaders(new ProviderConfig("max", "https://example.test", "sk-ant-oat01-abc"));
        assertEquals("Bearer sk-ant-oat01-abc", headers.get("authorization"));
        assertEquals("oauth-2025-04-20", headers.get("anthropic-beta"));
        assertEquals(null, headers.get("x-api-key"), "an OAuth token is not an API key");
    }

    @Test
    void readsModelListingWithDisplayNames() {
        List<DiscoveredModel> models = provider.parseModels("""
                {"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5",
                "created_at":"2025-09-29T00:00:00Z"},{"type":"model","id":"claude-haiku-4-5"}],
                "has_more":false}""");
        assertEquals(List.of(new DiscoveredModel("claude-sonnet-4-5", "Claude Sonnet 4.5"),
                new DiscoveredModel("claude-haiku-4-5", "claude-haiku-4-5")), models);
    }
}
