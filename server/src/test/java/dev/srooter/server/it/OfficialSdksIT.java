package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official npm SDKs ({@code @anthropic-ai/sdk}, {@code openai}) parse every answer srooter relays,
 * plain and streamed, and its errors ({@code testkit/clients/sdk-check.mjs}).
 */
class OfficialSdksIT {

    private final Gateway gateway = Gateway.get();

    @TempDir
    Path work;

    @BeforeEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    @Test
    void theOfficialSdksParseEveryAnswer() throws Exception {
        Path clients = Path.of(System.getProperty("srooter.clients.dir", "../testkit/clients")).toAbsolutePath();
        CliRun node = CliRun.run(work, clients, Map.of("SROOTER_URL", gateway.url, "SROOTER_KEY", gateway.key,
                "CLAUDE_MODEL", Gateway.CLAUDE, "OPENAI_MODEL", Gateway.GPT), "node", "sdk-check.mjs");
        assertEquals(0, node.exitCode(), node.toString());
        JsonObject out = Gateway.object(node.stdout());

        String claudeText = "Hello from the fake Anthropic provider.";
        String openAiText = "Hello from the fake OpenAI provider.";
        assertEquals(claudeText, out.getString("anthropicText"));
        assertEquals(1200, out.getJsonObject("anthropicUsage").getInt("input_tokens"));
        assertEquals(claudeText, out.getString("anthropicStreamText"));
        assertEquals("end_turn", out.getString("anthropicStreamStop"));
        List<String> events = strings(out, "anthropicStreamEvents");
        assertEquals("message_start", events.get(0));
        assertEquals("message_stop", events.get(events.size() - 1));
        assertTrue(out.getInt("anthropicCountTokens") > 0);

        assertEquals(openAiText, out.getString("chatText"));
        assertEquals(80, out.getJsonObject("chatUsage").getInt("completion_tokens"));
        assertEquals(openAiText, out.getString("chatStreamText"));
        assertEquals(1500, out.getJsonObject("chatStreamUsage").getInt("prompt_tokens"));
        assertEquals(openAiText, out.getString("responsesText"));
        assertEquals(openAiText, out.getString("responsesStreamText"));
        assertEquals(80, out.getJsonObject("responsesStreamUsage").getInt("output_tokens"));

        assertEquals(404, out.getInt("openAiErrorStatus"));
        assertEquals("model_not_found", out.getString("openAiErrorCode"));
        assertEquals(404, out.getInt("anthropicErrorStatus"));
        assertEquals("not_found_error", out.getString("anthropicErrorType"));

        // models.list through each SDK's pager, and models.retrieve (GET /v1/models/{id}), which was a 404 before
        assertTrue(strings(out, "anthropicListed").contains(Gateway.CLAUDE), out.toString());
        assertTrue(strings(out, "openAiListed").contains(Gateway.GPT), out.toString());
        JsonObject claude = out.getJsonObject("anthropicRetrieved");
        assertEquals(Gateway.CLAUDE, claude.getString("id"));
        assertEquals("model", claude.getString("type"));
        JsonObject gpt = out.getJsonObject("openAiRetrieved");
        assertEquals(Gateway.GPT, gpt.getString("id"));
        assertEquals("model", gpt.getString("object"));
        assertEquals(404, out.getInt("openAiRetrieveMissing"));
        assertEquals(404, out.getInt("anthropicRetrieveMissing"));
    }

    private static List<String> strings(JsonObject out, String name) {
        return out.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }
}
