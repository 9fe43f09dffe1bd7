package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeOpenAi;
import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request path's shape, against the running server: every candidate model (first and fallback alike) passes
 * the same checks, and what a request needs of a model survives a policy's rewrite. Both were bugs reproduced
 * against a running server before the attempt chain and the one-value request body.
 */
class RequestPathIT {

    private static final String OPUS = "claude-opus-4-1-20250805";

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);
    private String user;
    private String providerId;
    private FakeOpenAi tiny;

    @AfterEach
    void reset() throws Exception {
        if (user != null) {
            gateway.admin("DELETE", "/api/budgets/users/" + user, null);
        }
        gateway.admin("DELETE", "/api/routing/chains/" + Gateway.HAIKU, null);
        gateway.admin("DELETE", "/api/policies/max-output-tokens", null);
        if (providerId != null) {
            gateway.admin("DELETE", "/api/providers/" + providerId, null);
        }
        if (tiny != null) {
            tiny.close();
        }
        gateway.neutralRouting();
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.resetCredentials();
    }

    @Test
    void aFallbackToADearerModelMustFitTheHardCapTooAndOtherwiseTheClientSeesTheFailure() {
        user = "capped-" + run;
        String key = gateway.mintKeyAs(gateway.createUser(user, "developer"), "capped");
        // 1,500 output tokens: Haiku's estimate (~$0.0075) fits the $0.01 cap, Opus's (~$0.11) does not
        assertEquals(200, gateway.admin("PUT", "/api/budgets/users/" + user,
                "{\"limitUsd\":0.01,\"period\":\"monthly\",\"hardStop\":true}").statusCode());
        assertEquals(200, gateway.admin("PUT", "/api/routing/chains/" + Gateway.HAIKU,
                "{\"chain\":[\"" + Gateway.ANTHROPIC_PROVIDER + "/" + OPUS + "\"]}").statusCode());
        gateway.anthropic.enqueue(Reply.error(529));

        HttpResponse<String> response = gateway.anthropicWithKey(key, "{\"model\":\"" + Gateway.HAIKU
                + "\",\"max_tokens\":1500,\"messages\":[{\"role\":\"user\",\"content\":\"rename x to count\"}]}");

        assertEquals(529, response.statusCode(), "Opus may not serve past the hard cap: " + response.body());
        assertEquals(1, gateway.anthropic.received().size(), "only Haiku was asked");
        String attempts = response.headers().firstValue("x-srooter-attempts").orElse("");
        assertTrue(attempts.startsWith(Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.HAIKU + " 529 "), attempts);
        assertTrue(attempts.endsWith(Gateway.ANTHROPIC_PROVIDER + "/" + OPUS + " - 0ms (budget user:" + user
                + ": over its hard cap)"), attempts);
        JsonObject record = gateway.auditRecord(response.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(attempts, record.getString("attempts"), "the audit renders the same decisions");
        assertEquals(Gateway.HAIKU, record.getString("servedModel"));
        JsonObject budget = Gateway.array(gateway.admin("GET", "/api/budgets", null).body()).stream()
                .map(v -> v.asJsonObject()).filter(b -> b.getString("id").equals("user:" + user)).findFirst()
                .orElseThrow();
        assertTrue(budget.getJsonNumber("spentUsd").doubleValue() <= 0.01, budget.toString());
    }

    @Test
    void aPolicyRewriteDoesNotMakeRoutingForgetThatTheRequestCarriesTools() throws Exception {
        // the cheapest model of all, whose catalogue entry is unknown: srooter cannot tell that it takes tools
        tiny = new FakeOpenAi(0, List.of("tiny-text-model"));
        providerId = gateway.addProvider("tiny-" + run, "openai", "http://127.0.0.1:" + tiny.port() + "/v1", "sk-tiny")
                .getString("id");
        assertEquals(200, gateway.admin("PUT", "/api/providers/" + providerId + "/models/tiny-text-model",
                "{\"inputPerMTok\":0.001,\"outputPerMTok\":0.001}").statusCode());
        StringBuilder rules = new StringBuilder();
        for (String intent : List.of("trivial", "substantive", "architecture", "security")) {
            rules.append(rules.length() == 0 ? "" : ",").append("{\"intent\":\"").append(intent)
                    .append("\",\"target\":\"cheapest\"}");
        }
        assertEquals(200, gateway.admin("PUT", "/api/routing/rules", "{\"rules\":[" + rules + "]}").statusCode());
        String withTools = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":32000,\"tools\":[{\"name\":\"Read\","
                + "\"input_schema\":{\"type\":\"object\"}}],\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"list the files in src\"}]}";
        String plainText = withTools.replaceAll(",\"tools\":\\[[^]]*]", "");

        assertEquals("tiny-text-model", served(gateway.anthropic("/v1/messages", plainText)),
                "without tools the cheapest of all serves");
        String withoutPolicy = served(gateway.anthropic("/v1/messages", withTools));
        assertNotEquals("tiny-text-model", withoutPolicy);

        assertEquals(200, gateway.admin("PUT", "/api/policies/max-output-tokens", "{\"max\":1000}").statusCode());
        HttpResponse<String> rewritten = gateway.anthropic("/v1/messages", withTools);
        assertTrue(rewritten.headers().firstValue("x-srooter-policies").orElse("")
                .contains("max-output-tokens: max output tokens 32000 -> 1000"), rewritten.headers().map().toString());
        assertEquals(withoutPolicy, served(rewritten), "the same tool-capable model, after the rewrite too");
        assertTrue(tiny.received().stream().noneMatch(r -> r.body().contains("\"tools\"")),
                "the model without tools never got a request with tools");
    }

    @Test
    void theRouteListsEveryRoutingDecisionInOrderSoAFallbackKeepsWhyTheFirstModelWasChosen() {
        StringBuilder rules = new StringBuilder();
        for (String intent : List.of("trivial", "substantive", "architecture", "security")) {
            rules.append(rules.length() == 0 ? "" : ",").append("{\"intent\":\"").append(intent)
                    .append("\",\"target\":\"").append(Gateway.ANTHROPIC_PROVIDER).append('/').append(Gateway.HAIKU)
                    .append("\"}");
        }
        assertEquals(200, gateway.admin("PUT", "/api/routing/rules", "{\"rules\":[" + rules + "]}").statusCode());
        assertEquals(200, gateway.admin("PUT", "/api/routing/chains/" + Gateway.HAIKU,
                "{\"chain\":[\"" + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"]}").statusCode());
        gateway.anthropic.enqueue(Reply.error(529));

        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"rename x to count\"}]}");

        assertEquals(Gateway.GPT, served(response));
        String intent = response.headers().firstValue("x-srooter-intent").orElseThrow();
        String route = intent + " -> " + Gateway.HAIKU + "; fallback -> " + Gateway.GPT;
        assertEquals(route, response.headers().firstValue("x-srooter-route").orElseThrow());
        JsonObject record = gateway.auditRecord(response.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(route, record.getString("route"));
        assertEquals(intent, record.getString("intent"));
    }

    private static String served(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue("x-srooter-served-model").orElseThrow();
    }
}
