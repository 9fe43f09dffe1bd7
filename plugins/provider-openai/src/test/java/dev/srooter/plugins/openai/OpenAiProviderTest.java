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

    /** OpenRouter's listing says context, prices per token, parameters and modalities; they are kept. */
    @Test
    void keepsWhatARichListingSaysOfEachModel() {
        List<DiscoveredModel> models = new OpenAiProvider().parseModels("""
                {"data":[{"id":"acme/coder-9","name":"Acme: Coder 9","context_length":262144,
                  "architecture":{"input_modalities":["text","image"],"output_modalities":["text"]},
                  "pricing":{"prompt":"0.0000012","completion":"0.000006","request":"0"},
                  "top_provider":{"context_length":262144,"max_completion_tokens":65536},
                  "supported_parameters":["max_tokens","temperature","tools","tool_choice"]},
                 {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"}]}""");
        assertEquals(new DiscoveredModel("acme/coder-9", "Acme: Coder 9", 262144, 65536, true, true, false, 1.2, 6.0),
                models.get(0));
        assertEquals(new DiscoveredModel("gpt-4o", "gpt-4o"), models.get(1), "OpenAI's own listing says nothing more");
    }

    @Test
    void aChatGptPlanSpeaksResponsesOnlyAsAStreamForItsAccount() {
        ChatGptProvider chatgpt = new ChatGptProvider();
        ProviderConfig plan = new ProviderConfig("chatgpt", "https://backend.test/codex", "jwt-token",
                java.util.Map.of(ChatGptProvider.ACCOUNT_ID, "acct-1"));
        assertEquals("https://backend.test/codex/responses",
                chatgpt.endpoint(plan, Operation.RESPONSES).orElseThrow().toString());
        assertTrue(chatgpt.endpoint(plan, Operation.LIST_MODELS).isEmpty(), "the backend has no listing");
        assertTrue(chatgpt.knownModels().stream().anyMatch(m -> m.id().equals("gpt-5.1-codex")));
        assertTrue(chatgpt.streamsOnly());
        assertEquals(java.util.Map.of("authorization", "Bearer jwt-token", "chatgpt-account-id", "acct-1"),
                chatgpt.authHeaders(plan));
    }
}
