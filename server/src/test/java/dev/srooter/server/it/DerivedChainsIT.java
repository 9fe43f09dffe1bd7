package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fallback by default: a model an admin gave no chain falls back along a derived one (a cheaper tier of the same
 * vendor, then a comparable model of another vendor, then a local one), on an overloaded provider (529) and on a
 * spent cap; an admin's chain replaces it, and derived chains can be turned off.
 */
class DerivedChainsIT {

    private static final String SONNET = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE;
    private static final String HAIKU = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.HAIKU;

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void on() {
        assertEquals(200, gateway.admin("PUT", "/api/routing/derived-chains", "{\"enabled\":true}").statusCode());
    }

    @AfterEach
    void off() {
        gateway.admin("PUT", "/api/routing/derived-chains", "{\"enabled\":false}");
        gateway.admin("DELETE", "/api/routing/chains/" + Gateway.CLAUDE, null);
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    private HttpResponse<String> ask(String key) {
        return gateway.send("POST", "/v1/messages", java.util.List.of("x-api-key", key, "anthropic-version",
                "2023-06-01"), "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"rename the variable x to count " + run + "\"}]}");
    }

    @Test
    void everyModelWithoutAChainHasADerivedOneShownAsSuch() {
        JsonObject derived = Gateway.object(gateway.admin("GET", "/api/routing/derived-chains", null).body());
        assertTrue(derived.getBoolean("enabled"));
        JsonArray sonnet = derived.getJsonObject("chains").getJsonArray(SONNET);
        assertEquals(HAIKU, sonnet.getString(0), "a cheaper tier of the same vendor first: " + sonnet);
        assertTrue(sonnet.size() >= 2 && sonnet.getString(1).startsWith(Gateway.OPENAI_PROVIDER + "/"),
                "then a comparable model of another vendor: " + sonnet);
        assertEquals(200, gateway.admin("PUT", "/api/routing/chains/" + Gateway.CLAUDE, "{\"chain\":[\""
                + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"]}").statusCode());
        assertTrue(!Gateway.object(gateway.admin("GET", "/api/routing/derived-chains", null).body())
                .getJsonObject("chains").containsKey(SONNET), "an admin's chain replaces the derived one");
    }

    @Test
    void anOverloadedProviderMovesWorkDownTheDerivedChain() {
        gateway.anthropic.setResponder(r -> r.getString("model", "").equals(Gateway.CLAUDE) ? Reply.error(529) : null);
        HttpResponse<String> served = ask(gateway.key);
        assertEquals(200, served.statusCode(), served.body());
        assertEquals(Gateway.HAIKU, served.headers().firstValue("x-srooter-served-model").orElse(""));
        assertTrue(served.headers().firstValue("x-srooter-route").orElse("").contains("fallback -> " + Gateway.HAIKU),
                served.headers().map().toString());

        assertEquals(200, gateway.admin("PUT", "/api/routing/derived-chains", "{\"enabled\":false}").statusCode());
        HttpResponse<String> failed = ask(gateway.key);
        assertTrue(failed.statusCode() >= 500, "without derived chains the outage fails the request: "
                + failed.statusCode());
    }

    @Test
    void aSpentCapMovesWorkDownTheDerivedChainInsteadOfOverspending() {
        String user = "derived-" + run;
        String key = gateway.mintKeyAs(gateway.createUser(user, "developer"), "derived");
        gateway.anthropic.setDefaultReply(Reply.text("ok").withUsage(new Reply.Usage(40, 50, 0, 0)));
        // Sonnet's estimate does not fit in $0.0008; cheaper models of its derived chain do
        assertEquals(200, gateway.admin("PUT", "/api/budgets/users/" + user, "{\"limitUsd\":0.0008,\"period\":"
                + "\"monthly\"}").statusCode());
        try {
            JsonArray chain = Gateway.object(gateway.admin("GET", "/api/routing/derived-chains", null).body())
                    .getJsonObject("chains").getJsonArray(SONNET);
            HttpResponse<String> first = ask(key);
            assertEquals(200, first.statusCode(), first.body());
            String served = first.headers().firstValue("x-srooter-provider").orElse("") + "/"
                    + first.headers().firstValue("x-srooter-served-model").orElse("");
            // the dearest step of the derived chain whose estimate still fits, as for any chain
            assertTrue(chain.getValuesAs(jakarta.json.JsonString.class).stream().anyMatch(s -> s.getString()
                    .equals(served)), served + " is not on the derived chain " + chain);
            assertTrue(first.headers().firstValue("x-srooter-route").orElse("").startsWith("budget -> "),
                    first.headers().map().toString());
        } finally {
            gateway.admin("DELETE", "/api/budgets/users/" + user, null);
        }
    }
}
