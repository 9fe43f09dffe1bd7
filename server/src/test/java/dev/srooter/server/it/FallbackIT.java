package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeOpenAi;
import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fallback chains: each class of fault moves the request to the next model of the chain, in the caller's
 * format (translated when the next model speaks another); a stream that has begun is never switched; a
 * provider that keeps failing has its circuit opened, is skipped at once, and is tried again later.
 */
class FallbackIT {

    private final Gateway gateway = Gateway.get();
    private final List<String> providers = new ArrayList<>();
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void chain() {
        reset();
        HttpResponse<String> put = gateway.admin("PUT", "/api/routing/chains/" + Gateway.CLAUDE,
                "{\"chain\":[\"" + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"]}");
        assertEquals(200, put.statusCode(), put.body());
    }

    @AfterEach
    void reset() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.resetCredentials();
        gateway.admin("DELETE", "/api/routing/chains/" + Gateway.CLAUDE, null);
        providers.forEach(id -> gateway.admin("DELETE", "/api/providers/" + id, null));
        providers.clear();
    }

    private HttpResponse<String> ask(String model, boolean stream) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":64" + (stream
                ? ",\"stream\":true" : "") + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }

    /** The names of the providers whose circuit is not closed, joined. */
    private String circuitsOpen() {
        JsonObject open = Gateway.object(gateway.admin("GET", "/api/routing/circuits", null).body());
        List<String> names = new ArrayList<>();
        for (var p : Gateway.array(gateway.admin("GET", "/api/providers", null).body())) {
            if (open.containsKey(p.asJsonObject().getString("id"))) {
                names.add(p.asJsonObject().getString("name"));
            }
        }
        return String.join(",", names);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private void assertServedByTheNextModel(HttpResponse<String> response, String fault) {
        assertEquals(200, response.statusCode(), fault + ": " + response.body());
        assertEquals(Gateway.GPT, header(response, "x-srooter-served-model"), fault);
        assertEquals("fallback -> " + Gateway.GPT, header(response, "x-srooter-route"), fault);
        JsonObject answer = Gateway.object(response.body());
        assertEquals("message", answer.getString("type"), fault + ": the answer is in the caller's format");
        assertEquals("Hello from the fake OpenAI provider.", answer.getJsonArray("content").getJsonObject(0)
                .getString("text"));
        assertTrue(header(response, "x-srooter-attempts").startsWith(Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE),
                header(response, "x-srooter-attempts"));
    }

    @Test
    void eachFaultClassMovesToTheNextModel() {
        fault(Reply.error(500), "500");
        fault(Reply.error(529), "529 overloaded");
        fault(Reply.error(400, "prompt is too long: 250000 tokens > 200000 maximum"), "context length");
        fault(Reply.text("too late").delayed(4500), "timeout");
        fault(Reply.error(429), "429");

        gateway.resetCredentials(); // the 429 left the credential resting for its retry-after
        gateway.anthropic.enqueue(Reply.error(400, "max_tokens: must be positive"));
        HttpResponse<String> plain = ask(Gateway.CLAUDE, false);
        assertEquals(400, plain.statusCode(), "an ordinary client error is the client's to see, not a fallback: "
                + plain.headers().map() + " " + plain.body());
    }

    /** One fault, on a closed circuit (several in a row would open it: another test shows that). */
    private void fault(Reply reply, String name) {
        gateway.resetCredentials();
        gateway.anthropic.enqueue(reply);
        HttpResponse<String> response = ask(Gateway.CLAUDE, false);
        assertServedByTheNextModel(response, name);
        assertTrue(!header(response, "x-srooter-attempts").contains("circuit open"), name);
        assertTrue(gateway.anthropic.received().size() > 0, name + ": the first model was asked");
        gateway.anthropic.reset();
    }

    @Test
    void aProviderThatCannotBeReachedIsFallenBackFrom() throws Exception {
        FakeProvider gone = new FakeOpenAi(0, List.of("gone-model"));
        JsonObject p = Gateway.object(gateway.admin("POST", "/api/providers", "{\"name\":\"gone-" + run
                + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:" + gone.port() + "/v1\",\"apiKey\":\"k\"}").body());
        providers.add(p.getString("id"));
        gone.close();
        gateway.admin("PUT", "/api/routing/chains/gone-" + run + "/gone-model",
                "{\"chain\":[\"" + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"]}");
        HttpResponse<String> response = ask("gone-" + run + "/gone-model", false);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Gateway.GPT, header(response, "x-srooter-served-model"));
        JsonObject record = gateway.auditRecord(header(response, "x-srooter-request-id"));
        assertTrue(record.getString("attempts").startsWith("gone-" + run + "/gone-model 502 "), record.getString("attempts"));
        assertTrue(record.getString("attempts").contains("(upstream_unreachable), " + Gateway.OPENAI_PROVIDER + "/"
                + Gateway.GPT + " 200 "), record.getString("attempts"));
        assertEquals("fallback -> " + Gateway.GPT, record.getString("route"));
        gateway.admin("DELETE", "/api/routing/chains/gone-" + run + "/gone-model", null);
    }

    @Test
    void eachProviderHasItsOwnTimeout() throws Exception {
        try (FakeProvider slow = new FakeOpenAi(0, List.of("slow-model"))) {
            JsonObject p = Gateway.object(gateway.admin("POST", "/api/providers", "{\"name\":\"slow-" + run
                    + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:" + slow.port()
                    + "/v1\",\"apiKey\":\"k\",\"timeoutSeconds\":1}").body());
            providers.add(p.getString("id"));
            assertEquals(1, p.getInt("timeoutSeconds"));
            String model = "slow-" + run + "/slow-model";
            gateway.admin("PUT", "/api/routing/chains/" + model,
                    "{\"chain\":[\"" + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"]}");
            slow.setDefaultReply(Reply.text("slow").delayed(2000));
            long start = System.nanoTime();
            HttpResponse<String> response = ask(model, false);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Gateway.GPT, header(response, "x-srooter-served-model"));
            assertTrue(header(response, "x-srooter-attempts").contains("(upstream_timeout)"),
                    header(response, "x-srooter-attempts"));
            assertTrue(millis < 1900, "the provider's own 1 s limit, not the gateway's 3 s: " + millis + " ms");
            gateway.admin("DELETE", "/api/routing/chains/" + model, null);
        }
    }

    @Test
    void aStreamThatHasBegunEndsWithAnErrorEventInsteadOfSwitchingModels() {
        gateway.anthropic.enqueue(Reply.text("a b c d e f g").cutAfter(4));
        HttpResponse<String> response = ask(Gateway.CLAUDE, true);
        assertEquals(200, response.statusCode());
        Sse sse = Sse.parse(response.body());
        assertEquals("error", sse.last().name());
        assertEquals(Gateway.CLAUDE, header(response, "x-srooter-served-model"));
        assertTrue(gateway.openAi.received().isEmpty(), "no other model was asked once bytes had gone out");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAgain() throws Exception {
        try (FakeProvider flaky = new FakeOpenAi(0, List.of("flaky-model"))) {
            JsonObject p = Gateway.object(gateway.admin("POST", "/api/providers", "{\"name\":\"flaky-" + run
                    + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:" + flaky.port() + "/v1\",\"apiKey\":\"k\"}")
                    .body());
            providers.add(p.getString("id"));
            String model = "flaky-" + run + "/flaky-model";
            gateway.admin("PUT", "/api/routing/chains/" + model,
                    "{\"chain\":[\"" + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"]}");
            flaky.setDefaultReply(Reply.error(503));
            for (int i = 0; i < 4; i++) {
                assertEquals(Gateway.GPT, header(ask(model, false), "x-srooter-served-model"));
            }
            int calls = flaky.received().size();
            assertEquals(4, calls);
            HttpResponse<String> skipped = ask(model, false);
            assertEquals(Gateway.GPT, header(skipped, "x-srooter-served-model"));
            assertEquals(4, flaky.received().size(), "the open circuit skips the provider at once");
            assertTrue(header(skipped, "x-srooter-attempts").contains("circuit open"), header(skipped, "x-srooter-attempts"));

            flaky.setDefaultReply(Reply.text("flaky is back"));
            Gateway.sleep(2300);
            HttpResponse<String> trial = ask(model, false);
            assertEquals("flaky-model", header(trial, "x-srooter-served-model"), "half-open: one trial, which succeeds");
            assertEquals("flaky-model", header(ask(model, false), "x-srooter-served-model"), "closed again");
            gateway.admin("DELETE", "/api/routing/chains/" + model, null);
        }
    }

    @Test
    void chainsAreSetReadAndRemovedThroughTheAdminApi() {
        JsonObject chains = Gateway.object(gateway.admin("GET", "/api/routing/chains", null).body());
        assertEquals(Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT, chains.getJsonArray(Gateway.CLAUDE).getString(0));
        assertEquals(400, gateway.admin("PUT", "/api/routing/chains/x", "{\"chain\":[\"nowhere/none\"]}").statusCode());
        assertEquals(204, gateway.admin("DELETE", "/api/routing/chains/" + Gateway.CLAUDE, null).statusCode());
        gateway.anthropic.enqueue(Reply.error(500));
        assertEquals(500, ask(Gateway.CLAUDE, false).statusCode(), "without a chain the provider's error is the answer");
    }
}
