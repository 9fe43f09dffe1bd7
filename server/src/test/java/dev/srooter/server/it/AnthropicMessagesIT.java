package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.RecordedRequest;
import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anthropic Messages clients against an Anthropic provider: the passthrough path. */
class AnthropicMessagesIT {

    private final Gateway gateway = Gateway.get();

    @BeforeEach
    void resetFakes() {
        gateway.anthropic.reset();
    }

    @Test
    void answersAPlainMessageWithTheProvidersBodyAndDecisionHeaders() {
        HttpResponse<String> response = gateway.anthropic("/v1/messages", """
                {"model":"%s","max_tokens":256,"messages":[{"role":"user","content":"Say hello"}]}"""
                .formatted(Gateway.CLAUDE));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject message = Gateway.object(response.body());
        assertEquals("message", message.getString("type"));
        assertEquals("Hello from the fake Anthropic provider.",
                message.getJsonArray("content").getJsonObject(0).getString("text"));
        assertTrue(response.headers().firstValue("x-srooter-request-id").orElseThrow().startsWith("req_"));
        assertEquals("direct", response.headers().firstValue("x-srooter-route").orElseThrow());
        assertEquals(Gateway.CLAUDE, response.headers().firstValue("x-srooter-served-model").orElseThrow());
        // the provider's own headers come back too
        assertTrue(response.headers().firstValue("request-id").orElseThrow().startsWith("req_fake_"));
    }

    @Test
    void forwardsTheBodyByteForByteWithUnknownFieldsCacheControlAndBetaHeaders() {
        String body = """
                {"model":"%s","max_tokens":1024,"future_field":{"nested":[1,2.5e3,"x\\u00e9"]},
                 "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral","ttl":"1h"}}]},
                             {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"EqQBCkYIBxgCKkB"},{"type":"text","text":"hello"}]},
                             {"role":"user","content":"again"}],
                 "thinking":{"type":"enabled","budget_tokens":2048}}"""
                .formatted(Gateway.CLAUDE);

        HttpResponse<String> response = gateway.anthropic("/v1/messages?beta=true", body,
                "anthropic-beta", "interleaved-thinking-2025-05-14,context-management-2025-06-27",
                "user-agent", "claude-cli/2.1.330 (external, cli)", "x-claude-code-session-id", "sess-42");

        assertEquals(200, response.statusCode(), response.body());
        RecordedRequest forwarded = gateway.anthropic.lastRequest();
        assertEquals(body, forwarded.body(), "the provider must receive exactly the client's bytes");
        assertEquals("/v1/messages?beta=true", forwarded.pathAndQuery());
        assertEquals("interleaved-thinking-2025-05-14,context-management-2025-06-27", forwarded.header("anthropic-beta"));
        assertEquals("2023-06-01", forwarded.header("anthropic-version"));
        assertEquals("claude-cli/2.1.330 (external, cli)", forwarded.header("user-agent"));
        assertEquals("sess-42", forwarded.header("x-claude-code-session-id"));
        assertEquals(Gateway.PROVIDER_SECRET_ANTHROPIC, forwarded.header("x-api-key"),
                "the gateway key is replaced by the provider credential");
        assertNull(forwarded.header("authorization"));
    }

    @Test
    void streamsEventsInOrderAsTheProviderSendsThem() {
        gateway.anthropic.enqueue(Reply.text("one two three four").eventsEvery(20));

        HttpResponse<String> response = gateway.anthropic("/v1/messages", """
                {"model":"%s","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"count"}]}"""
                .formatted(Gateway.CLAUDE));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        Sse sse = Sse.parse(response.body());
        assertEquals("message_start", sse.names().get(0));
        assertEquals("message_stop", sse.last().name());
        String text = sse.events().stream().filter(e -> "content_block_delta".equals(e.name()))
                .map(e -> e.json().getJsonObject("delta").getString("text")).reduce("", String::concat);
        assertEquals("one two three four", text);
    }

    @Test
    void relaysEachEventBeforeTheNextIsProduced() throws Exception {
        // The fake waits 400 ms between events: the first must arrive long before the last is sent.
        gateway.anthropic.enqueue(Reply.text("a b c d e").eventsEvery(400));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url + "/v1/messages"))
                .header("x-api-key", gateway.key).header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"x"}]}"""
                        .formatted(Gateway.CLAUDE))).build();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response = gateway.http.send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body()))) {
            String first = lines.readLine();
            long firstMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("event: message_start", first);
            assertTrue(firstMillis < 1500, "first event after " + firstMillis + " ms; the whole stream takes ~4 s");
            while (lines.readLine() != null) {
                // drain
            }
        }
        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(totalMillis > 3000, "the stream lasted " + totalMillis + " ms");
    }

    @Test
    void countsTokensThroughTheProvider() {
        HttpResponse<String> response = gateway.anthropic("/v1/messages/count_tokens", """
                {"model":"%s","messages":[{"role":"user","content":"how many tokens is this?"}]}"""
                .formatted(Gateway.CLAUDE));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(Gateway.object(response.body()).getInt("input_tokens") > 0);
        assertEquals("/v1/messages/count_tokens", gateway.anthropic.lastRequest().pathAndQuery());
    }

    @Test
    void acceptsTheKeyAsABearerTokenToo() {
        HttpResponse<String> response = gateway.send("POST", "/v1/messages",
                List.of("authorization", "Bearer " + gateway.key, "anthropic-version", "2023-06-01"), """
                        {"model":"%s","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""
                        .formatted(Gateway.CLAUDE));

        assertEquals(200, response.statusCode(), response.body());
        assertNull(gateway.anthropic.lastRequest().header("authorization"), "the gateway key never reaches a provider");
    }

    @Test
    void anEmptyXApiKeyDoesNotHideABearerKey() {
        HttpResponse<String> response = gateway.send("POST", "/v1/messages", List.of("x-api-key", "",
                "authorization", "Bearer " + gateway.key, "anthropic-version", "2023-06-01"), """
                {"model":"%s","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""".formatted(Gateway.CLAUDE));

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aBodySentWithoutContentTypeReachesTheProviderAsJson() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url + "/v1/messages"))
                .header("x-api-key", gateway.key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""
                        .formatted(Gateway.CLAUDE))).build();

        HttpResponse<String> response = gateway.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", gateway.anthropic.lastRequest().header("content-type"));
    }

    @Test
    void providerSlashModelPicksTheProviderAndRewritesOnlyTheModel() {
        String body = "{\"model\":\"" + Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.HAIKU
                + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> response = gateway.anthropic("/v1/messages", body);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Gateway.HAIKU, response.headers().firstValue("x-srooter-served-model").orElseThrow());
        assertEquals(body.replace(Gateway.ANTHROPIC_PROVIDER + "/", ""), gateway.anthropic.lastRequest().body());
    }

    @Test
    void addsTheApiVersionWhenTheClientOmitsIt() {
        HttpResponse<String> response = gateway.send("POST", "/v1/messages", List.of("x-api-key", gateway.key), """
                {"model":"%s","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""".formatted(Gateway.CLAUDE));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("2023-06-01", gateway.anthropic.lastRequest().header("anthropic-version"));
        assertFalse(gateway.anthropic.lastRequest().headers().containsKey("x-srooter-request-id"));
    }
}
