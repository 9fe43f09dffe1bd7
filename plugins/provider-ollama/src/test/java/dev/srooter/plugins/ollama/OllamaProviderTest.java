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

    /** Ollama's /api/show, as version 0.12 answers it for a tool-capable model (trimmed). */
    @Test
    void readsWhatTheServerSaysAModelCanDo() {
        assertEquals("http://127.0.0.1:11434/api/show",
                provider.endpoint(account, Operation.MODEL_DETAILS).orElseThrow().toString());
        assertEquals("{\"model\":\"qwen3:8b\"}", provider.detailsRequest("qwen3:8b").orElseThrow());
        DiscoveredModel listed = new DiscoveredModel("qwen3:8b", "qwen3:8b (8.2B)");
        DiscoveredModel described = provider.parseDetails(listed, """
                {"modelfile":"FROM qwen3:8b","details":{"family":"qwen3","parameter_size":"8.2B"},
                 "model_info":{"general.architecture":"qwen3","general.parameter_count":8190735360,
                   "qwen3.context_length":40960,"qwen3.embedding_length":4096},
                 "capabilities":["completion","tools","thinking"]}""");
        assertEquals(new DiscoveredModel("qwen3:8b", "qwen3:8b (8.2B)", 40960, null, true, false, true, null, null),
                described);
        DiscoveredModel older = provider.parseDetails(listed, "{\"details\":{}}"); // before capabilities were said
        assertEquals(listed, older);
    }
}
