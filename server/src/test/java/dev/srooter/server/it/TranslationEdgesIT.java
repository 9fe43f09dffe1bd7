package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Translation at the edges, over raw HTTP: what cannot be carried, what is dropped and said so, provider
 * errors and broken streams in the client's format, the output limit, count_tokens and Claude Code's side
 * model when the model is behind another format, and the audit of a translated request.
 */
class TranslationEdgesIT {

    private final Gateway gateway = Gateway.get();
    private static final String GPT_VIA_CHAT = Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT;
    private static final String CLAUDE = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE;

    @BeforeEach
    @AfterEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.resetCredentials();
    }

    private static String message(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":256" + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    @Test
    void aContentTypeTheTargetCannotTakeIsA400NamingIt() {
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + GPT_VIA_CHAT
                + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
                + "\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBERi0=\"}}]}]}");
        assertEquals(400, response.statusCode(), response.body());
        JsonObject error = Gateway.object(response.body()).getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertTrue(error.getString("message").contains("content blocks of type 'document'"), error.toString());
        assertTrue(error.getString("message").contains("OPENAI_CHAT"), error.toString());
        assertTrue(gateway.openAi.received().isEmpty(), "nothing was sent");

        HttpResponse<String> state = gateway.openAi("/v1/responses", "{\"model\":\"" + CLAUDE
                + "\",\"previous_response_id\":\"resp_1\",\"input\":\"go on\"}");
        assertEquals(400, state.statusCode());
        JsonObject stateError = Gateway.object(state.body()).getJsonObject("error");
        assertEquals("untranslatable", stateError.getString("code"));
        assertTrue(stateError.getString("message").contains("previous_response_id"));
    }

    @Test
    void hostedToolsAreDroppedAndTheDropIsReported() {
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + GPT_VIA_CHAT
                + "\",\"max_tokens\":64,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"},"
                + "{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("ANTHROPIC_MESSAGES->OPENAI_CHAT", response.headers().firstValue("x-srooter-translated").orElse(""));
        assertTrue(response.headers().firstValue("x-srooter-dropped").orElse("").contains("web_search"));
        JsonObject sent = Gateway.object(gateway.openAi.lastRequest().body());
        assertEquals(1, sent.getJsonArray("tools").size());
        JsonObject answer = Gateway.object(response.body());
        assertEquals("message", answer.getString("type"));
        assertEquals("Hello from the fake OpenAI provider.", answer.getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void providerErrorsArriveInTheClientsFormatWithTheirStatus() {
        gateway.anthropic.enqueue(Reply.error(529));
        HttpResponse<String> response = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + CLAUDE
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(529, response.statusCode());
        JsonObject error = Gateway.object(response.body()).getJsonObject("error");
        assertEquals("server_error", error.getString("type"));
        assertTrue(error.getString("message").contains("fake provider answered 529"), error.toString());

        gateway.openAi.enqueue(Reply.error(429));
        HttpResponse<String> limited = gateway.anthropic("/v1/messages", message(GPT_VIA_CHAT, ""));
        assertEquals(429, limited.statusCode());
        assertEquals("rate_limit_error", Gateway.object(limited.body()).getJsonObject("error").getString("type"));
        assertEquals("1", limited.headers().firstValue("retry-after").orElse(""), "retry-after is kept");
    }

    @Test
    void aStreamCutShortEndsWithAnErrorEventInTheClientsFormat() {
        gateway.openAi.enqueue(Reply.text("a b c d e f g h").cutAfter(4));
        HttpResponse<String> response = gateway.anthropic("/v1/messages", message(GPT_VIA_CHAT, ",\"stream\":true"));
        assertEquals(200, response.statusCode());
        Sse sse = Sse.parse(response.body());
        assertEquals("message_start", sse.names().get(0));
        assertEquals("error", sse.last().name());
        assertEquals("api_error", sse.last().json().getJsonObject("error").getString("type"));
        String id = response.headers().firstValue("x-srooter-request-id").orElseThrow();
        JsonObject record = gateway.auditRecord(id);
        assertEquals(502, record.getInt("status"));
        assertEquals("upstream_stream_cut", record.getString("errorType"));
    }

    @Test
    void theOutputLimitIsAStopReasonInEveryFormat() {
        gateway.openAi.enqueue(Reply.text("cut here").cutAtMaxTokens());
        HttpResponse<String> anthropic = gateway.anthropic("/v1/messages", message(GPT_VIA_CHAT, ""));
        assertEquals("max_tokens", Gateway.object(anthropic.body()).getString("stop_reason"));
        JsonObject sent = Gateway.object(gateway.openAi.lastRequest().body());
        assertEquals(256, sent.getInt("max_tokens"), "a compatible server gets max_tokens");

        gateway.anthropic.enqueue(Reply.text("cut here").cutAtMaxTokens());
        HttpResponse<String> chat = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + CLAUDE
                + "\",\"max_completion_tokens\":300,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals("length", Gateway.object(chat.body()).getJsonArray("choices").getJsonObject(0)
                .getString("finish_reason"));
        assertEquals(300, Gateway.object(gateway.anthropic.lastRequest().body()).getInt("max_tokens"));

        gateway.anthropic.enqueue(Reply.text("cut here").cutAtMaxTokens());
        HttpResponse<String> responses = gateway.openAi("/v1/responses", "{\"model\":\"" + CLAUDE
                + "\",\"stream\":true,\"input\":\"hi\"}");
        Sse sse = Sse.parse(responses.body());
        assertEquals("response.incomplete", sse.last().name());
        assertEquals("max_output_tokens", sse.last().json().getJsonObject("response")
                .getJsonObject("incomplete_details").getString("reason"));
    }

    @Test
    void claudeCodesSideCallsWorkWhenAnOpenAiModelServesIt() {
        gateway.putAlias("claude-*-4-7", GPT_VIA_CHAT);
        HttpResponse<String> count = gateway.anthropic("/v1/messages/count_tokens",
                "{\"model\":\"claude-opus-4-7\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(400)
                        + "\"}]}");
        assertEquals(200, count.statusCode(), count.body());
        int tokens = Gateway.object(count.body()).getInt("input_tokens");
        assertTrue(tokens > 400 && tokens < 1000, "an estimate near the truth: " + tokens);
        assertEquals("alias claude-*-4-7; estimate", count.headers().firstValue("x-srooter-route").orElse(""),
                "every routing decision in order: the alias, then srooter's own estimate");

        HttpResponse<String> title = gateway.anthropic("/v1/messages", "{\"model\":\"claude-haiku-4-7\","
                + "\"max_tokens\":512,\"system\":[{\"type\":\"text\",\"text\":\"Generate a short title.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Fix the login bug\"}],\"stream\":true}");
        assertEquals(200, title.statusCode(), title.body());
        assertEquals("alias claude-*-4-7", title.headers().firstValue("x-srooter-route").orElse(""));
        assertEquals(Gateway.GPT, title.headers().firstValue("x-srooter-served-model").orElse(""));
        Sse sse = Sse.parse(title.body());
        assertEquals("message_stop", sse.last().name());

        String id = title.headers().firstValue("x-srooter-request-id").orElseThrow();
        JsonObject record = gateway.auditRecord(id);
        assertEquals("claude-haiku-4-7", record.getString("requestedModel"));
        assertEquals(Gateway.GPT, record.getString("servedModel"));
        assertEquals(80, record.getInt("outputTokens"), "usage read from the translated stream: " + record);
    }
}
