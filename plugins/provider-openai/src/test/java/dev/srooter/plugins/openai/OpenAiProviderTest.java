package dev.srooter.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {

    private final OpenAiProvider provider = new OpenAiProvider();
    private final ProviderConfig account = new ProviderConfig("local", "http://127.0.0.1:8001/v1", "sk-test");

    @Test
    void endpointsHangOffTheVersionedBaseUrl() {
        assertEquals("http://127.0.0.1:8001/v1/chat/completions",
                provider.endpoint(account, Operation.CHAT_COMPLETIONS).orElseThrow().toString());
        assertEquals("http://127.0.0.1:8001/v1/responses",
                provider.endpoint(account, Operation.RESPONSES).orElseThrow().toString());
        assertEquals("http://127.0.0.1:8001/v1/models",
                provider.endpoint(account, Operation.LIST_MODELS).orElseThrow().toString());
        assertTrue(provider.endpoint(account, Operation.MESSAGES).isEmpty());
    }

    @Test
    void openAiItselfGetsMaxCompletionTokensAndCompatibleServersMaxTokens() {
        assertEquals("max_completion_tokens", provider.chatMaxTokensField(
                new ProviderConfig("openai", "https://api.openai.com/v1", "sk-test")));
        assertEquals("max_tokens", provider.chatMaxTokensField(account));
        assertEquals("max_tokens", provider.chatMaxTokensField(
                new ProviderConfig("deepseek", "https://api.deepseek.com/v1", "sk-test")));
    }

    @Test
    void presetsAreDataOverTheOpenAiKind() {
        var presets = new OpenAiPresets().presets();
        var kinds = presets.stream().map(dev.srooter.api.ProviderPreset::kind).toList();
        assertTrue(kinds.containsAll(List.of("deepseek", "xai", "gemini", "openrouter")), kinds.toString());
        assertTrue(presets.stream().allMatch(p -> p.baseKind().equals("openai") && p.defaultBaseUrl().startsWith("http")));
    }

    @Test
    void geminisModelPrefixAndOpenRoutersNamesAreRead() {
        List<DiscoveredModel> models = provider.parseModels("""
                {"object":"list","data":[{"id":"models/gemini-2.5-pro","object":"model"},
                {"id":"anthropic/claude-sonnet-4.5","name":"Anthropic: Claude Sonnet 4.5"}]}""");
        assertEquals(List.of(new DiscoveredModel("gemini-2.5-pro", "gemini-2.5-pro"),
                new DiscoveredModel("anthropic/claude-sonnet-4.5", "Anthropic: Claude Sonnet 4.5")), models);
    }

    @Test
    void authenticatesWithBearerToken() {
        assertEquals("Bearer sk-test", provider.authHeaders(account).get("authorization"));
    }

    @Test
    void readsModelListing() {
        List<DiscoveredModel> models = provider.parseModels("""
                {"object":"list","data":[{"id":"gpt-4o","object":"model","created":1,"owned_by":"openai"},
                {"id":"qwen2.5-coder","object":"model","created":2,"owned_by":"library"}]}""");
        assertEquals(List.of(new DiscoveredModel("gpt-4o", "gpt-4o"),
                new DiscoveredModel("qwen2.5-coder", "qwen2.5-coder")), models);
    }
}
