package dev.srooter.plugins.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaProviderTest {

    private final OllamaProvider provider = new OllamaProvider();
    private final ProviderConfig account = new ProviderConfig("local", "http://127.0.0.1:11434/", "");

    @Test
    void listsNativelyAndChatsThroughTheOpenAiCompatibleEndpoint() {
        assertEquals("http://127.0.0.1:11434/api/tags",
                provider.endpoint(account, Operation.LIST_MODELS).orElseThrow().toString());
        assertEquals("http://127.0.0.1:11434/v1/chat/completions",
                provider.endpoint(account, Operation.CHAT_COMPLETIONS).orElseThrow().toString());
        assertTrue(provider.endpoint(account, Operation.MESSAGES).isEmpty());
        assertTrue(provider.free());
    }

    @Test
    void sendsAKeyOnlyWhenThereIsOne() {
        assertEquals(Map.of(), provider.authHeaders(account));
        assertEquals("Bearer proxy-key", provider.authHeaders(new ProviderConfig("p", "http://h", "proxy-key"))
                .get("authorization"));
    }

    @Test
    void readsTheTagListing() {
        List<DiscoveredModel> models = provider.parseModels("""
                {"models":[{"name":"qwen3-coder:30b","model":"qwen3-coder:30b","size":18556688736,
                 "details":{"family":"qwen3moe","parameter_size":"30.5B","quantization_level":"Q4_K_M"}},
                 {"name":"llama3.2:latest","model":"llama3.2:latest"}]}""");
        assertEquals(List.of(new DiscoveredModel("qwen3-coder:30b", "qwen3-coder:30b (30.5B)"),
                new DiscoveredModel("llama3.2:latest", "llama3.2:latest")), models);
    }
}
