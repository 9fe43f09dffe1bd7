package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.RecordedRequest;
import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI Chat Completions and Responses clients against an OpenAI-compatible provider, and model listings. */
class OpenAiFormatsIT {

    private final Gateway gateway = Gateway.get();

    @BeforeEach
    void resetFakes() {
        gateway.openAi.reset();
    }

    @Test
    void answersAChatCompletion() {
        HttpResponse<String> response = gateway.openAi("/v1/chat/completions", """
                {"model":"gpt-4o","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}]}""");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject completion = Gateway.object(response.body());
        assertEquals("chat.completion", completion.getString("object"));
        assertEquals("Hello from the fake OpenAI provider.", completion.getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertEquals("Bearer " + Gateway.PROVIDER_SECRET_OPENAI, gateway.openAi.lastRequest().header("authorization"));
        assertEquals("/v1/chat/completions", gateway.openAi.lastRequest().pathAndQuery());
    }

    /** Issue 17, item 8: a developer's openai-organization or openai-project picked which org the admin's key bills. */
    @Test
    void theClientsOrganisationAndProjectHeadersDoNotReachTheProvider() {
        HttpResponse<String> response = gateway.openAi("/v1/chat/completions", """
                {"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""", "openai-organization", "org-theirs",
                "openai-project", "proj-theirs", "openai-beta", "assistants=v2");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(null, gateway.openAi.lastRequest().header("openai-organization"));
        assertEquals(null, gateway.openAi.lastRequest().header("openai-project"));
        assertEquals("assistants=v2", gateway.openAi.lastRequest().header("openai-beta"), "other headers still pass");
    }

    @Test
    void streamsAChatCompletionWithUsageAndDone() {
        HttpResponse<String> response = gateway.openAi("/v1/chat/completions", """
                {"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertEquals(200, response.statusCode(), response.body());
        Sse sse = Sse.parse(response.body());
        assertEquals("[DONE]", sse.last().data());
        JsonObject usageChunk = sse.events().get(sse.events().size() - 2).json();
        assertEquals(0, usageChunk.getJsonArray("choices").size());
        assertEquals(Reply.DEFAULT_USAGE.output(), usageChunk.getJsonObject("usage").getInt("completion_tokens"));
        String text = sse.events().stream().filter(e -> !e.data().equals("[DONE]"))
                .map(Sse.Event::json).filter(j -> !j.getJsonArray("choices").isEmpty())
                .map(j -> j.getJsonArray("choices").getJsonObject(0).getJsonObject("delta"))
                .filter(d -> d.containsKey("content")).map(d -> d.getString("content")).reduce("", String::concat);
        assertEquals("Hello from the fake OpenAI provider.", text);
    }

    @Test
    void answersAResponsesCall() {
        HttpResponse<String> response = gateway.openAi("/v1/responses", """
                {"model":"gpt-4o","input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]}]}""");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject answer = Gateway.object(response.body());
        assertEquals("response", answer.getString("object"));
        assertEquals("completed", answer.getString("status"));
        assertEquals("/v1/responses", gateway.openAi.lastRequest().pathAndQuery());
    }

    @Test
    void streamsAResponsesCallToResponseCompleted() {
        gateway.openAi.enqueue(Reply.toolCall("call_1", "shell", "{\"command\":[\"ls\"]}"));

        HttpResponse<String> response = gateway.openAi("/v1/responses", """
                {"model":"gpt-4o","stream":true,"input":[{"role":"user","content":[{"type":"input_text","text":"ls"}]}]}""");

        assertEquals(200, response.statusCode(), response.body());
        Sse sse = Sse.parse(response.body());
        assertEquals("response.created", sse.names().get(0));
        assertEquals("response.completed", sse.last().name());
        assertTrue(sse.names().contains("response.function_call_arguments.delta"));
        JsonObject item = sse.last().json().getJsonObject("response").getJsonArray("output").getJsonObject(0);
        assertEquals("function_call", item.getString("type"));
        assertEquals("call_1", item.getString("call_id"));
    }

    @Test
    void listsModelsInOpenAiShapeByDefault() {
        HttpResponse<String> response = gateway.send("GET", "/v1/models", List.of("authorization", "Bearer " + gateway.key),
                null);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject list = Gateway.object(response.body());
        assertEquals("list", list.getString("object"));
        List<String> ids = list.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList();
        assertTrue(ids.containsAll(List.of(Gateway.CLAUDE, Gateway.GPT)), ids.toString());
        assertEquals("model", list.getJsonArray("data").getJsonObject(0).getString("object"));
    }

    @Test
    void listsModelsInAnthropicShapeWhenAnthropicVersionIsSent() {
        HttpResponse<String> response = gateway.send("GET", "/v1/models",
                List.of("x-api-key", gateway.key, "anthropic-version", "2023-06-01"), null);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject list = Gateway.object(response.body());
        assertEquals(JsonValue.FALSE, list.get("has_more"));
        JsonObject first = list.getJsonArray("data").getJsonObject(0);
        assertEquals("model", first.getString("type"));
        assertTrue(first.containsKey("display_name"));
        assertNull(list.get("object"));
    }

    @Test
    void modelsNeedAKey() {
        HttpResponse<String> response = gateway.send("GET", "/v1/models", List.of(), null);

        assertEquals(401, response.statusCode());
        assertEquals("authentication_error",
                Gateway.object(response.body()).getJsonObject("error").getString("type"));
    }

    @Test
    void forwardsCodexHeadersUntouched() {
        String body = "{\"model\":\"gpt-5-codex\",\"stream\":false,\"input\":[],\"store\":false,"
                + "\"client_metadata\":{\"x\":\"y\"},\"prompt_cache_key\":\"pck\"}";

        HttpResponse<String> response = gateway.openAi("/v1/responses", body, "originator", "codex_exec",
                "session-id", "s-1", "x-codex-window-id", "w-1");

        assertEquals(200, response.statusCode(), response.body());
        RecordedRequest forwarded = gateway.openAi.lastRequest();
        assertEquals(body, forwarded.body());
        assertEquals("codex_exec", forwarded.header("originator"));
        assertEquals("s-1", forwarded.header("session-id"));
        assertEquals("w-1", forwarded.header("x-codex-window-id"));
    }
}
