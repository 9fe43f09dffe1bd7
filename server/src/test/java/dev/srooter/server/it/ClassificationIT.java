package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every model call gets an intent before a model is called, shown in x-srooter-intent and the audit. */
class ClassificationIT {

    private final Gateway gateway = Gateway.get();

    @BeforeEach
    @AfterEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
        assertEquals(200, gateway.admin("PUT", "/api/routing/classifier", "{\"name\":\"local\"}").statusCode());
    }

    @Test
    void theLlmClassifierAsksTheConfiguredModel() {
        HttpResponse<String> set = gateway.admin("PUT", "/api/routing/classifier", "{\"name\":\"llm\",\"model\":\""
                + Gateway.OPENAI_PROVIDER + "/gpt-4o-mini\",\"timeoutMs\":500}");
        assertEquals(200, set.statusCode(), set.body());
        gateway.openAi.setResponder(request -> request.toString().contains("You sort requests")
                ? dev.srooter.testkit.Reply.text("architecture") : null);
        HttpResponse<String> response = ask("You are an interactive coding agent.", "Rename a variable", true);
        assertEquals("architecture", intentOf(response), "the model's answer, not the local classifier's");
        assertEquals("llm " + Gateway.OPENAI_PROVIDER + "/gpt-4o-mini", response.headers()
                .firstValue("x-srooter-classifier").orElse(""));
        String asked = gateway.openAi.received().get(0).body();
        assertTrue(asked.contains("Rename a variable") && asked.contains("gpt-4o-mini"), asked);
    }

    @Test
    void theLlmClassifierFallsBackToTheLocalOneWhenItTimesOut() {
        gateway.admin("PUT", "/api/routing/classifier", "{\"name\":\"llm\",\"model\":\""
                + Gateway.OPENAI_PROVIDER + "/gpt-4o-mini\",\"timeoutMs\":300}");
        gateway.openAi.setResponder(request -> dev.srooter.testkit.Reply.text("trivial").delayed(1500));
        long start = System.nanoTime();
        HttpResponse<String> response = ask("You are an interactive coding agent.",
                "Our JWT validation accepts unsigned tokens; fix the signature verification in the auth filter", true);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("security", intentOf(response), "the local classifier's answer");
        assertEquals("local (fallback from llm)", response.headers().firstValue("x-srooter-classifier").orElse(""));
        assertTrue(millis < 1400, "the slow classifier model did not hold the request up: " + millis + " ms");
    }

    private HttpResponse<String> ask(String system, String user, boolean tools) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64,"
                + "\"system\":\"" + system + "\"," + (tools ? "\"tools\":[{\"name\":\"Read\",\"input_schema\":"
                + "{\"type\":\"object\"}}]," : "") + "\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}");
    }

    private String intentOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue("x-srooter-intent").orElse("none");
    }

    @Test
    void eachKindOfWorkGetsItsIntent() {
        String agent = "You are an interactive coding agent.";
        assertEquals("trivial", intentOf(ask("Generate a concise, sentence-case title for this coding session.",
                "Fix the SQL injection in the login query", false)), "a title side call is trivial");
        assertEquals("security", intentOf(ask(agent,
                "Our JWT validation accepts unsigned tokens; fix the signature verification in the auth filter", true)));
        assertEquals("architecture", intentOf(ask(agent,
                "Propose service boundaries to split the monolith and a plan to migrate the shared database", true)));
        assertEquals("substantive", intentOf(ask(agent,
                "Implement a function that merges overlapping intervals, with unit tests", true)));
    }

    @Test
    void theIntentIsAuditedWithItsConfidence() {
        HttpResponse<String> response = ask("You are an interactive coding agent.",
                "Rotate the leaked database credentials and move them into the secrets manager", true);
        String id = response.headers().firstValue("x-srooter-request-id").orElseThrow();
        JsonObject record = gateway.auditRecord(id);
        assertEquals("security", record.getString("intent"));
        double confidence = record.getJsonNumber("intentConfidence").doubleValue();
        assertTrue(confidence > 0.25 && confidence <= 1, "confidence " + confidence);
        String csv = gateway.admin("GET", "/api/audit/export?format=csv", null).body();
        assertTrue(csv.lines().findFirst().orElseThrow().contains(",intent,intent_confidence,"), "export header");
        assertTrue(csv.lines().anyMatch(l -> l.startsWith(id + ",") && l.contains(",security,")), "export row");
    }

    @Test
    void aCapturedCodexRequestIsClassifiedToo() throws Exception {
        Path fixture = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"))
                .resolve("codex-0.169.0/request-1-first-turn.json");
        JsonObject body = Gateway.object(Files.readString(fixture)).getJsonObject("body");
        HttpResponse<String> response = gateway.openAi("/v1/responses", body.toString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("x-srooter-intent").isPresent(), response.headers().map().toString());
    }
}
