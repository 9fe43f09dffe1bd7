package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Gateway keys that expire: one minted to expire works until then and is refused from that instant, in each client's
 * format and with a reason, although it sits in the verified-key cache; and the deployment's bound on a key's life
 * (SROOTER_KEY_MAX_DAYS, 400 days on the IT servers, set in bootstrap.properties) applies to every key minted. A
 * rotated key gives way to its successor after a grace.
 */
class KeyExpiryIT {

    private static final String MESSAGE = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":16,\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static final String CHAT = "{\"model\":\"" + Gateway.GPT + "\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    private final Gateway gateway = Gateway.get();

    @Test
    void aKeyWorksUntilItExpiresAndIsThenRefusedWithTheReason() {
        Instant expiresAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        JsonObject minted = mint("{\"name\":\"short-lived\",\"expiresAt\":\"" + expiresAt + "\"}");
        String key = minted.getString("key");
        assertEquals(200, gateway.anthropicWithKey(key, MESSAGE).statusCode(), "before its expiry the key works");
        assertEquals(200, gateway.openAiWithKey(key, "/v1/chat/completions", CHAT).statusCode());
        JsonObject listed = Gateway.array(gateway.admin("GET", "/api/keys", null).body()).getValuesAs(JsonObject.class)
                .stream().filter(k -> k.getString("id").equals(minted.getString("id"))).findFirst().orElseThrow();
        assertEquals(expiresAt, Instant.parse(listed.getString("expiresAt")));

        // well inside the ten seconds a verified key is trusted from the cache
        while (!Instant.now().isAfter(expiresAt.plusMillis(100))) {
            Gateway.sleep(100);
        }
        HttpResponse<String> anthropic = gateway.anthropicWithKey(key, MESSAGE);
        assertEquals(401, anthropic.statusCode(), anthropic.body());
        JsonObject error = Gateway.object(anthropic.body()).getJsonObject("error");
        assertEquals("authentication_error", error.getString("type"));
        assertTrue(error.getString("message").contains("expired at " + expiresAt), error.getString("message"));
        HttpResponse<String> openAi = gateway.openAiWithKey(key, "/v1/chat/completions", CHAT);
        assertEquals(401, openAi.statusCode(), openAi.body());
        assertEquals("expired_api_key", Gateway.object(openAi.body()).getJsonObject("error").getString("code"));

        // an unknown key is still told apart from an expired one
        HttpResponse<String> unknown = gateway.anthropicWithKey("srt_live_" + "x".repeat(43), MESSAGE);
        assertTrue(Gateway.object(unknown.body()).getJsonObject("error").getString("message").contains("unknown"),
                unknown.body());
    }

    @Test
    void everyKeyExpiresWithinTheDeploymentsBound() {
        Instant before = Instant.now();
        JsonObject unasked = mint("{\"name\":\"bounded-by-default\"}");
        Instant after = Instant.now();
        Instant expiresAt = listedExpiry(unasked.getString("id"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofDays(400)).minusSeconds(1))
                        && !expiresAt.isAfter(after.plus(Duration.ofDays(400)).plusSeconds(1)),
                "a key minted without an expiry lives the deployment's 400 days: " + expiresAt);

        Instant asked = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(asked, listedExpiry(mint("{\"name\":\"thirty-days\",\"expiresAt\":\"" + asked + "\"}")
                .getString("id")));

        refused("{\"name\":\"too-long\",\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(401)) + "\"}",
                "expire within 400 days");
        refused("{\"name\":\"past\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "must be in the future");
        refused("{\"name\":\"not-a-time\",\"expiresAt\":\"next tuesday\"}", "ISO-8601");
    }

    @Test
    void aRotatedKeyWorksThroughItsGraceAndItsSuccessorAtOnce() {
        JsonObject first = mint("{\"name\":\"ci-runner\"}");
        String firstKey = first.getString("key");
        assertEquals(200, gateway.anthropicWithKey(firstKey, MESSAGE).statusCode()); // now in the verified-key cache

        // with a day's grace (the default) both keys work, and the old one now expires within the day
        HttpResponse<String> rotated = gateway.admin("POST", "/api/keys/" + first.getString("id") + "/rotate", "{}");
        assertEquals(201, rotated.statusCode(), rotated.body());
        JsonObject second = Gateway.object(rotated.body());
        assertEquals("ci-runner", second.getString("name"));
        assertEquals(200, gateway.anthropicWithKey(second.getString("key"), MESSAGE).statusCode());
        assertEquals(200, gateway.anthropicWithKey(firstKey, MESSAGE).statusCode(), "the old key through its grace");
        Instant firstEnds = listedExpiry(first.getString("id"));
        assertTrue(firstEnds.isAfter(Instant.now().plus(Duration.ofHours(23)))
                && firstEnds.isBefore(Instant.now().plus(Duration.ofHours(25))), firstEnds.toString());

        // without a grace the old key stops at once, although it was cached a moment ago
        HttpResponse<String> now = gateway.admin("POST", "/api/keys/" + second.getString("id") + "/rotate",
                "{\"graceMinutes\":0}");
        assertEquals(201, now.statusCode(), now.body());
        HttpResponse<String> old = gateway.anthropicWithKey(second.getString("key"), MESSAGE);
        assertEquals(401, old.statusCode(), old.body());
        assertTrue(old.body().contains("expired at"), old.body());
        assertEquals(200, gateway.anthropicWithKey(Gateway.object(now.body()).getString("key"), MESSAGE).statusCode());

        assertEquals(409, gateway.admin("POST", "/api/keys/" + second.getString("id") + "/rotate", "{}").statusCode(),
                "an expired key is not rotated: a new one is minted");
        assertEquals(400, gateway.admin("POST", "/api/keys/" + first.getString("id") + "/rotate",
                "{\"graceMinutes\":-5}").statusCode());
        // a developer rotates their own keys only
        String developer = gateway.createUser("rotating-dev-" + System.nanoTime(), "developer");
        assertEquals(404, gateway.as(developer, "POST", "/api/keys/" + first.getString("id") + "/rotate", "{}")
                .statusCode());
    }

    private JsonObject mint(String body) {
        HttpResponse<String> response = gateway.admin("POST", "/api/keys", body);
        assertEquals(201, response.statusCode(), response.body());
        return Gateway.object(response.body());
    }

    private void refused(String body, String reason) {
        HttpResponse<String> response = gateway.admin("POST", "/api/keys", body);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(reason), response.body());
    }

    private Instant listedExpiry(String id) {
        return Instant.parse(Gateway.array(gateway.admin("GET", "/api/keys", null).body()).getValuesAs(JsonObject.class)
                .stream().filter(k -> k.getString("id").equals(id)).findFirst().orElseThrow().getString("expiresAt"));
    }
}
