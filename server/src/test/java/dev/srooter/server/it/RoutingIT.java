package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing rules per intent, changed through the admin API and followed from the next request. */
class RoutingIT {

    private static final String TITLE = "Generate a concise, sentence-case title for this coding session.";
    private static final String AGENT = "You are an interactive coding agent.";
    private static final String SECURITY_ASK = "Our JWT validation accepts unsigned tokens; fix the signature"
            + " verification in the auth filter and rotate the signing secret";

    private final Gateway gateway = Gateway.get();

    @BeforeEach
    @AfterEach
    void reset() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.neutralRouting();
        gateway.admin("PUT", "/api/users/admin/team", "{\"team\":null}");
    }

    private HttpResponse<String> ask(String system, String user, boolean tools) {
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"system\":\"" + system + "\"," + (tools ? "\"tools\":[{\"name\":\"Read\","
                + "\"input_schema\":{\"type\":\"object\"}}]," : "") + "\"messages\":[{\"role\":\"user\",\"content\":\""
                + user + "\"}]}");
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private void rules(String json) {
        HttpResponse<String> response = gateway.admin("PUT", "/api/routing/rules", "{\"rules\":[" + json + "]}");
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Test
    void theDefaultsAreListedAndAnAdminCanReturnToThem() {
        JsonObject view = Gateway.object(gateway.admin("GET", "/api/routing/rules", null).body());
        assertTrue(view.getBoolean("customised"));
        List<String> defaults = view.getJsonArray("defaults").stream().map(JsonValue::asJsonObject)
                .map(r -> r.getString("intent") + "=" + r.getString("target")).toList();
        assertEquals(List.of("trivial=cheapest", "substantive=requested", "architecture=best", "security=best"),
                defaults);
        JsonObject reset = Gateway.object(gateway.admin("DELETE", "/api/routing/rules", null).body());
        assertFalse(reset.getBoolean("customised"));
        assertEquals(reset.getJsonArray("defaults"), reset.getJsonArray("rules"));
        assertEquals(400, gateway.admin("PUT", "/api/routing/rules",
                "{\"rules\":[{\"intent\":\"urgent\",\"target\":\"best\"}]}").statusCode());
        assertEquals(400, gateway.admin("PUT", "/api/routing/rules",
                "{\"rules\":[{\"intent\":\"trivial\",\"target\":\"no-such/model\"}]}").statusCode());
    }

    @Test
    void trivialWorkGoesWhereTheRuleSaysFromTheNextRequest() {
        HttpResponse<String> before = ask(TITLE, "Fix the flaky login test", false);
        assertEquals(Gateway.CLAUDE, header(before, "x-srooter-served-model"));
        assertEquals("direct", header(before, "x-srooter-route"));

        rules("{\"intent\":\"trivial\",\"target\":\"" + Gateway.OPENAI_PROVIDER + "/gpt-4o-mini\"}");
        HttpResponse<String> after = ask(TITLE, "Fix the flaky login test", false);
        assertEquals("trivial", header(after, "x-srooter-intent"));
        assertEquals("gpt-4o-mini", header(after, "x-srooter-served-model"));
        assertEquals("trivial -> gpt-4o-mini", header(after, "x-srooter-route"));
        assertEquals("gpt-4o-mini", Gateway.object(gateway.openAi.lastRequest().body()).getString("model"));
        JsonObject record = gateway.auditRecord(header(after, "x-srooter-request-id"));
        assertEquals("trivial -> gpt-4o-mini", record.getString("route"));
        assertEquals("trivial", record.getString("intent"));
        assertEquals(Gateway.CLAUDE, record.getString("requestedModel"));
        assertEquals("gpt-4o-mini", record.getString("servedModel"));

        HttpResponse<String> substantive = ask(AGENT, "Implement a function that merges overlapping intervals", true);
        assertEquals(Gateway.CLAUDE, header(substantive, "x-srooter-served-model"), "no rule: the model asked for");
    }

    @Test
    void securityWorkGoesToTheBestModelFlaggedForACouncil() {
        rules("{\"intent\":\"security\",\"target\":\"best\",\"council\":true}");
        HttpResponse<String> response = ask(AGENT, SECURITY_ASK, true);
        assertEquals("security", header(response, "x-srooter-intent"));
        assertEquals("not convened: no council members are configured", header(response, "x-srooter-council"));
        JsonObject best = Gateway.array(gateway.admin("GET", "/api/models", null).body()).stream()
                .map(JsonValue::asJsonObject).filter(m -> m.getString("status").equals("active"))
                .filter(m -> m.getJsonObject("capabilities").getBoolean("tools"))
                .max(Comparator.comparingInt((JsonObject m) -> m.getJsonObject("capabilities").getInt("rank"))
                        .thenComparingDouble(m -> m.getBoolean("priceKnown") ? m.getJsonNumber("inputPerMTok")
                                .doubleValue() + m.getJsonNumber("outputPerMTok").doubleValue() : 0)).orElseThrow();
        assertTrue(best.getJsonObject("capabilities").getInt("rank") > 0, best.toString());
        assertEquals(best.getString("id"), header(response, "x-srooter-served-model"));
    }

    @Test
    void theCouncilsMembersAreSetAndFlaggedRequestsNameTheirReview() {
        String members = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE + "\",\"" + Gateway.OPENAI_PROVIDER + "/"
                + Gateway.GPT;
        try {
            HttpResponse<String> put = gateway.admin("PUT", "/api/routing/council", "{\"members\":[\"" + members + "\"]}");
            assertEquals(200, put.statusCode(), put.body());
            assertEquals(400, gateway.admin("PUT", "/api/routing/council", "{\"members\":[\"" + Gateway.GPT + "\"]}")
                    .statusCode(), "one model is no council");
            assertEquals(400, gateway.admin("PUT", "/api/routing/council",
                    "{\"members\":[\"" + Gateway.GPT + "\",\"no-such/model\"]}").statusCode());
            rules("{\"intent\":\"security\",\"target\":\"requested\",\"council\":true}");
            HttpResponse<String> response = ask(AGENT, SECURITY_ASK, true);
            assertTrue(header(response, "x-srooter-council").startsWith("review rev_"),
                    "a council can sit: the review is named (CouncilIT follows it)");
        } finally {
            gateway.admin("PUT", "/api/routing/council", "{\"members\":[]}");
        }
    }

    @Test
    void architectureWorkGoesToItsNamedModel() {
        rules("{\"intent\":\"architecture\",\"target\":\"" + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT
                + "\",\"council\":true}");
        HttpResponse<String> response = ask(AGENT, "Propose service boundaries to split the monolith and a plan to"
                + " migrate the shared database without downtime", true);
        assertEquals("architecture", header(response, "x-srooter-intent"));
        assertEquals(Gateway.GPT, header(response, "x-srooter-served-model"));
        assertEquals("architecture -> " + Gateway.GPT, header(response, "x-srooter-route"));
        assertEquals("not convened: no council members are configured", header(response, "x-srooter-council"));
    }

    @Test
    void aTeamsRuleOverridesTheOrgRuleForItsUsers() {
        rules("{\"intent\":\"trivial\",\"target\":\"requested\"},"
                + "{\"team\":\"payments\",\"intent\":\"trivial\",\"target\":\"" + Gateway.OPENAI_PROVIDER + "/gpt-4o\"}");
        assertEquals(Gateway.CLAUDE, header(ask(TITLE, "Rename the config loader", false), "x-srooter-served-model"));
        HttpResponse<String> team = gateway.admin("PUT", "/api/users/admin/team", "{\"team\":\"payments\"}");
        assertEquals(200, team.statusCode(), team.body());
        assertEquals(Gateway.GPT, header(ask(TITLE, "Rename the config loader", false), "x-srooter-served-model"));
    }

    @Test
    void anUnsureClassificationKeepsTheModelAskedFor() {
        rules("{\"intent\":\"trivial\",\"target\":\"" + Gateway.OPENAI_PROVIDER + "/gpt-4o-mini\",\"minConfidence\":1.0}");
        HttpResponse<String> response = ask(TITLE, "Fix the flaky login test", false);
        assertEquals(Gateway.CLAUDE, header(response, "x-srooter-served-model"));
        assertEquals("direct", header(response, "x-srooter-route"));
    }
}
