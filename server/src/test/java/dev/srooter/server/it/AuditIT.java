package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One audit record per request, with tokens, cost and the prompt's digest, and never the prompt itself. */
class AuditIT {

    private final Gateway gateway = Gateway.get();

    @BeforeEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("x-srooter-request-id").orElseThrow();
    }

    /**
     * A model name longer than its column once failed the whole audit batch it was written in, five times, and the
     * batch was dropped: every other caller's records of that moment were lost. Each stored text is now bounded,
     * and a name that long is refused up front with a 400 in the caller's format, and recorded.
     */
    @Test
    void aModelNameLongerThanItsColumnCostsNoRecordsOfOthers() throws Exception {
        String absurd = "m".repeat(5000);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            String model = k % 2 == 0 ? absurd : Gateway.CLAUDE;
            sent.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> gateway.anthropic("/v1/messages",
                    "{\"model\":\"" + model + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"batch mate\"}]}")));
        }
        for (int k = 0; k < 4; k++) {
            HttpResponse<String> response = sent.get(k).get();
            assertEquals(k % 2 == 0 ? 400 : 200, response.statusCode(), response.body());
            JsonObject record = gateway.auditRecord(response.headers().firstValue("x-srooter-request-id")
                    .orElseThrow());
            assertEquals(k % 2 == 0 ? absurd.substring(0, 300) : Gateway.CLAUDE, record.getString("requestedModel"));
        }
    }

    @Test
    void recordsTokensCostAndThePromptDigestOfAPlainMessage() throws Exception {
        String body = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"digest me\"}]}";
        HttpResponse<String> response = gateway.anthropic("/v1/messages", body);
        assertEquals(200, response.statusCode());

        JsonObject record = gateway.auditRecord(requestId(response));

        assertEquals("admin", record.getString("username"));
        assertEquals("messages", record.getString("endpoint"));
        assertEquals(Gateway.CLAUDE, record.getString("requestedModel"));
        assertEquals(Gateway.CLAUDE, record.getString("servedModel"));
        assertEquals(Gateway.ANTHROPIC_PROVIDER, record.getString("provider"));
        assertEquals("direct", record.getString("route"));
        assertEquals(200, record.getInt("status"));
        assertEquals(1200, record.getInt("inputTokens"));
        assertEquals(80, record.getInt("outputTokens"));
        assertEquals(300, record.getInt("cacheReadTokens"));
        assertEquals(100, record.getInt("cacheWriteTokens"));
        // Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million tokens.
        assertEquals(0.005265, record.getJsonNumber("costUsd").doubleValue(), 1e-9);
        assertEquals("0.005265", response.headers().firstValue("x-srooter-cost-usd").orElseThrow());
        assertTrue(record.getBoolean("priceKnown"));
        assertEquals(sha256(body), record.getString("promptSha256"));
        assertTrue(record.getJsonNumber("latencyMs").doubleValue() > 0);
        assertTrue(record.getJsonNumber("ttfbMs").doubleValue() <= record.getJsonNumber("latencyMs").doubleValue());
        assertFalse(record.containsKey("prompt"));
    }

    @Test
    void readsUsageFromAnthropicStreams() {
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"stream\":true,\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"s\"}]}");

        JsonObject record = gateway.auditRecord(requestId(response));
        assertTrue(record.getBoolean("streamed"));
        assertEquals(1200, record.getInt("inputTokens"));
        assertEquals(80, record.getInt("outputTokens"), "output comes from message_delta, after message_start's 1");
        assertEquals(300, record.getInt("cacheReadTokens"));
        assertEquals(100, record.getInt("cacheWriteTokens"));
    }

    @Test
    void readsUsageFromChatStreamsWithCachedTokensSplitOut() {
        HttpResponse<String> response = gateway.openAi("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"s\"}]}");

        JsonObject record = gateway.auditRecord(requestId(response));
        assertEquals(1200, record.getInt("inputTokens"), "prompt_tokens 1500 minus 300 cached");
        assertEquals(300, record.getInt("cacheReadTokens"));
        assertEquals(80, record.getInt("outputTokens"));
        // gpt-4o: $2.50 in, $10 out, $1.25 cached per million tokens.
        assertEquals(0.004175, record.getJsonNumber("costUsd").doubleValue(), 1e-9);
    }

    @Test
    void readsUsageFromResponsesStreams() {
        HttpResponse<String> response = gateway.openAi("/v1/responses",
                "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"s\"}");

        JsonObject record = gateway.auditRecord(requestId(response));
        assertEquals("responses", record.getString("endpoint"));
        assertEquals(1200, record.getInt("inputTokens"));
        assertEquals(300, record.getInt("cacheReadTokens"));
        assertEquals(80, record.getInt("outputTokens"));
    }

    @Test
    void flagsAModelWithoutAKnownPriceAndChargesNothing() {
        HttpResponse<String> response = gateway.openAi("/v1/chat/completions",
                "{\"model\":\"qwen2.5-coder:7b\",\"messages\":[{\"role\":\"user\",\"content\":\"s\"}]}");

        JsonObject record = gateway.auditRecord(requestId(response));
        assertFalse(record.getBoolean("priceKnown"));
        assertEquals(0.0, record.getJsonNumber("costUsd").doubleValue());
        assertEquals(1200, record.getInt("inputTokens"));
    }

    @Test
    void exportsCsvAndJsonLines() {
        HttpResponse<String> call = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"export\"}]}");
        String id = requestId(call);
        gateway.auditRecord(id);

        HttpResponse<String> csv = gateway.admin("GET", "/api/audit/export?format=csv", null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElseThrow().startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("id,created_at,key_id,username,endpoint,requested_model,served_model"));
        String row = Stream.of(lines).filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        assertTrue(row.contains("," + Gateway.CLAUDE + ",") && row.contains(",200,"), row);
        assertEquals(lines[0].split(",").length, row.split(",", -1).length);

        HttpResponse<String> jsonl = gateway.admin("GET", "/api/audit/export?format=jsonl", null);
        assertEquals(200, jsonl.statusCode());
        JsonObject match = jsonl.body().lines().map(Gateway::object)
                .filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals(Gateway.CLAUDE, match.getString("servedModel"));

        assertEquals(400, gateway.admin("GET", "/api/audit/export?format=xml", null).statusCode());
        assertEquals(401, gateway.send("GET", "/api/audit/export?format=csv", List.of(), null).statusCode());
    }

    @Test
    void thePromptIsFoundNowhereInTheDatabaseOrTheLogs() throws Exception {
        String canary = "CANARY-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        ids.add(requestId(gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"" + canary + "\"}]}")));
        ids.add(requestId(gateway.openAi("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + canary + "\"}]}")));
        ids.add(requestId(gateway.openAi("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"" + canary + "\"}] broken json")));
        ids.forEach(gateway::auditRecord); // every record is written by now
        assertTrue(gateway.anthropic.lastRequest().body().contains(canary), "the canary did travel");

        List<String> found = new ArrayList<>();
        List<String> searched = gateway.searchDatabase(canary, found);
        assertTrue(found.isEmpty(), "the prompt leaked into " + found);
        assertTrue(searched.stream().anyMatch(p -> p.contains("seg0") || p.equals("audit_records")),
                "the database itself was searched: " + searched);
        try (Stream<Path> files = Files.walk(gateway.logDir())) {
            List<Path> logs = files.filter(Files::isRegularFile).toList();
            assertTrue(logs.stream().anyMatch(p -> p.getFileName().toString().equals("messages.log")));
            for (Path log : logs) {
                assertFalse(Gateway.contains(Files.readAllBytes(log), canary.getBytes(StandardCharsets.UTF_8)),
                        "the prompt leaked into " + log);
            }
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
