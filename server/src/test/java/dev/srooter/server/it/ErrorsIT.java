package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeAnthropic;
import dev.srooter.testkit.FakeOpenAi;
import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refusal and failure answers in the caller's own wire format, with the right status. */
class ErrorsIT {

    private static final String MESSAGE = """
            {"model":"%s","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""".formatted(Gateway.CLAUDE);
    private static final String CHAT = """
            {"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""";

    private final Gateway gateway = Gateway.get();

    @BeforeEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.resetCredentials();
    }

    /** Anthropic's error shape: {"type":"error","error":{"type","message"}}. */
    private static JsonObject anthropicError(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject body = Gateway.object(response.body());
        assertEquals("error", body.getString("type"));
        assertEquals(type, body.getJsonObject("error").getString("type"));
        assertTrue(!body.getJsonObject("error").getString("message").isBlank());
        return body;
    }

    /** OpenAI's error shape: {"error":{"message","type","code"}}. */
    private static JsonObject openAiError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = Gateway.object(response.body()).getJsonObject("error");
        assertEquals(code, error.getString("code"));
        assertTrue(error.containsKey("type") && !error.getString("message").isBlank());
        return error;
    }

    @Test
    void missingKeyIs401InEachFormat() {
        anthropicError(gateway.send("POST", "/v1/messages", List.of("anthropic-version", "2023-06-01"), MESSAGE),
                401, "authentication_error");
        openAiError(gateway.send("POST", "/v1/chat/completions", List.of(), CHAT), 401, "missing_api_key");
        openAiError(gateway.send("POST", "/v1/responses", List.of("authorization", "Bearer nope"),
                "{\"model\":\"gpt-4o\",\"input\":\"hi\"}"), 401, "invalid_api_key");
        assertTrue(gateway.anthropic.received().isEmpty() && gateway.openAi.received().isEmpty());
    }

    @Test
    void revokedKeyIsRefusedOnTheNextRequest() {
        HttpResponse<String> minted = gateway.admin("POST", "/api/keys", "{\"name\":\"short-lived\"}");
        String id = Gateway.object(minted.body()).getString("id");
        String key = Gateway.object(minted.body()).getString("key");
        List<String> headers = List.of("x-api-key", key, "anthropic-version", "2023-06-01");
        assertEquals(200, gateway.send("POST", "/v1/messages", headers, MESSAGE).statusCode());

        assertEquals(204, gateway.admin("DELETE", "/api/keys/" + id, null).statusCode());

        anthropicError(gateway.send("POST", "/v1/messages", headers, MESSAGE), 401, "authentication_error");
    }

    @Test
    void malformedJsonIs400() {
        anthropicError(gateway.anthropic("/v1/messages", "{\"model\":\"x\", \"messages\": [}"), 400,
                "invalid_request_error");
        openAiError(gateway.openAi("/v1/chat/completions", "not json at all"), 400, "invalid_json");
        openAiError(gateway.openAi("/v1/chat/completions", "[1,2]"), 400, "invalid_json");
        openAiError(gateway.openAi("/v1/chat/completions", "{\"model\":\"gpt-4o\"} trailing"), 400, "invalid_json");
    }

    @Test
    void missingOrWrongModelIs400() {
        openAiError(gateway.openAi("/v1/chat/completions", "{\"messages\":[]}"), 400, "missing_model");
        openAiError(gateway.openAi("/v1/chat/completions", "{\"model\":42,\"messages\":[]}"), 400, "invalid_model");
        anthropicError(gateway.anthropic("/v1/messages", "{\"max_tokens\":5}"), 400, "invalid_request_error");
    }

    @Test
    void unknownModelIs404() {
        anthropicError(gateway.anthropic("/v1/messages", MESSAGE.replace(Gateway.CLAUDE, "claude-imaginary-9")),
                404, "not_found_error");
        openAiError(gateway.openAi("/v1/chat/completions", CHAT.replace("gpt-4o", "gpt-imaginary")), 404,
                "model_not_found");
    }

    @Test
    void bodyOverTheLimitIs413() {
        // The integration server is configured with SROOTER_MAX_BODY_BYTES=4194304.
        String huge = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(4_300_000) + "\"}]}";
        openAiError(gateway.openAi("/v1/chat/completions", huge), 413, "request_too_large");
        assertTrue(gateway.openAi.received().isEmpty());
    }

    @Test
    void unreachableProviderIs502() throws Exception {
        FakeOpenAi doomed = new FakeOpenAi(0, List.of("doomed-model-1"));
        gateway.addProvider("it-doomed", "openai", "http://127.0.0.1:" + doomed.port() + "/v1", "sk-doomed");
        doomed.close();

        openAiError(gateway.openAi("/v1/chat/completions", CHAT.replace("gpt-4o", "doomed-model-1")), 502,
                "upstream_unreachable");
    }

    @Test
    void providerErrorsArePassedOnWithTheirStatusAndBody() {
        gateway.anthropic.enqueue(Reply.error(529));
        anthropicError(gateway.anthropic("/v1/messages", MESSAGE), 529, "overloaded_error");

        gateway.openAi.enqueue(Reply.error(429));
        HttpResponse<String> limited = gateway.openAi("/v1/chat/completions", CHAT);
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("retry-after").orElseThrow());
        assertEquals("rate_limit_exceeded", Gateway.object(limited.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void aStreamCutByTheProviderEndsWithAnErrorEvent() {
        gateway.anthropic.enqueue(Reply.text("a b c d e f").cutAfter(4));

        HttpResponse<String> response = gateway.anthropic("/v1/messages", MESSAGE.replace("\"max_tokens\"",
                "\"stream\":true,\"max_tokens\""));

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
    void aClientThatHangsUpCancelsTheUpstreamCall() throws Exception {
        gateway.anthropic.enqueue(Reply.text("w ".repeat(100).trim()).eventsEvery(100));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url + "/v1/messages"))
                .header("x-api-key", gateway.key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MESSAGE.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"")))
                .build();
        HttpResponse<InputStream> response = gateway.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String id = response.headers().firstValue("x-srooter-request-id").orElseThrow();
        try (InputStream body = response.body()) {
            body.readNBytes(200); // the stream has begun
        }

        long deadline = System.currentTimeMillis() + 8000;
        while (gateway.anthropic.streamsAbandonedByClient() == 0 && System.currentTimeMillis() < deadline) {
            Gateway.sleep(50);
        }
        assertEquals(1, gateway.anthropic.streamsAbandonedByClient(),
                "the provider's stream must be cancelled well before its 10 s end");
        assertEquals(499, gateway.auditRecord(id).getInt("status"));
    }

    @Test
    void unknownEndpointIs404InTheGuessedFormat() {
        HttpResponse<String> response = gateway.openAi("/v1/embeddings", CHAT);
        openAiError(response, 404, "unknown_endpoint");
    }

    /**
     * A known endpoint asked with the wrong method is a 405 that names the right one, in the client's format: before,
     * GET was a 404 (which reads as a wrong base URL) and PUT, PATCH or DELETE the servlet container's HTML page.
     */
    @Test
    void aKnownEndpointWithTheWrongMethodIs405WithAllow() {
        HttpResponse<String> get = gateway.send("GET", "/v1/messages", List.of("anthropic-version", "2023-06-01"),
                null);
        anthropicError(get, 405, "invalid_request_error");
        assertEquals("POST", get.headers().firstValue("allow").orElse(""));

        HttpResponse<String> put = gateway.send("PUT", "/v1/chat/completions", List.of(), CHAT);
        openAiError(put, 405, "method_not_allowed");
        assertEquals("POST", put.headers().firstValue("allow").orElse(""));

        HttpResponse<String> delete = gateway.send("DELETE", "/v1/messages/count_tokens", List.of(), null);
        anthropicError(delete, 405, "invalid_request_error");

        HttpResponse<String> post = gateway.send("POST", "/v1/models", List.of(), "{}");
        openAiError(post, 405, "method_not_allowed");
        assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse(""));

        HttpResponse<String> options = gateway.send("OPTIONS", "/v1/responses", List.of(), null);
        assertEquals(204, options.statusCode());
        assertEquals("POST, OPTIONS", options.headers().firstValue("allow").orElse(""));

        openAiError(gateway.send("PATCH", "/v1/embeddings", List.of(), CHAT), 404, "unknown_endpoint");
        openAiError(gateway.send("OPTIONS", "/v1/embeddings", List.of(), null), 404, "unknown_endpoint");
    }

    @Test
    void errorsLeaveOneCompleteAuditRecordEach() {
        HttpResponse<String> response = gateway.openAi("/v1/chat/completions", CHAT.replace("gpt-4o", "nope-model"));
        JsonObject record = gateway.auditRecord(response.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(404, record.getInt("status"));
        assertEquals("model_not_found", record.getString("errorType"));
        assertEquals("nope-model", record.getString("requestedModel"));
        assertEquals(0, record.getInt("inputTokens"));
    }

    @Test
    void theServerStillAnswersAfterAllOfThis() {
        assertEquals(200, gateway.anthropic("/v1/messages", MESSAGE).statusCode());
        assertTrue(FakeAnthropic.DEFAULT_MODELS.contains(Gateway.CLAUDE));
    }
}
