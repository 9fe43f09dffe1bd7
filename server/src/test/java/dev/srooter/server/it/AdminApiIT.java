package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin API: login, providers and discovered models, keys, plugins; all behind a JWT. */
class AdminApiIT {

    private final Gateway gateway = Gateway.get();

    @Test
    void loginWithAWrongPasswordIsRefused() {
        HttpResponse<String> response = gateway.send("POST", "/api/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"wrong\"}");
        assertEquals(401, response.statusCode());
        assertEquals("wrong username or password", Gateway.object(response.body()).getString("error"));
    }

    /** Issue 17, item 8: no CSP or frame headers on the console. */
    @Test
    void theConsoleAndTheAdminApiTellBrowsersWhatTheyMayDo() {
        for (String path : List.of("/", "/app.js", "/api/me")) {
            HttpResponse<String> response = gateway.send("GET", path, List.of(), null);
            String policy = response.headers().firstValue("content-security-policy").orElse("");
            assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"),
                    path + ": " + policy);
            assertEquals("DENY", response.headers().firstValue("x-frame-options").orElse(null), path);
            assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElse(null), path);
        }
    }

    /** Issue 17, item 7: every admin JSON body was read whole into memory; the change log was read whole. */
    @Test
    void adminBodiesAreBoundedAndTheChangeLogReadsOnlyItsPage() {
        String huge = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        HttpResponse<String> refused = gateway.admin("POST", "/api/keys", huge);
        assertEquals(413, refused.statusCode(), refused.body());
        assertTrue(Gateway.object(refused.body()).getString("error").contains("at most 1024 KiB"));
        for (int k = 0; k < 3; k++) {
            gateway.admin("PUT", "/api/policies/no-such-policy-" + k, "{}");
        }
        assertEquals(2, Gateway.array(gateway.admin("GET", "/api/audit/admin?limit=2", null).body()).size());
    }

    @Test
    void everyAdminEndpointNeedsAValidToken() {
        for (String path : List.of("/api/providers", "/api/models", "/api/keys", "/api/audit", "/api/plugins")) {
            assertEquals(401, gateway.send("GET", path, List.of(), null).statusCode(), path);
            assertEquals(401, gateway.send("GET", path, List.of("authorization", "Bearer " + gateway.key), null)
                    .statusCode(), path + " with a gateway key instead of a token");
        }
        String forged = gateway.adminToken.substring(0, gateway.adminToken.lastIndexOf('.') + 1) + "AAAA";
        HttpResponse<String> refused = gateway.send("GET", "/api/providers", List.of("authorization", "Bearer "
                + forged), null);
        assertEquals(401, refused.statusCode());
        // the admin API verifies tokens itself now (ConsoleTokenAuthentication), and answers in its own format
        assertTrue(Gateway.object(refused.body()).getString("error").contains("POST /api/auth/login"), refused.body());
    }

    @Test
    void providersShowDiscoveredModelsAndOnlyAMaskedCredential() {
        HttpResponse<String> response = gateway.admin("GET", "/api/providers", null);

        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains(Gateway.PROVIDER_SECRET_ANTHROPIC));
        assertFalse(response.body().contains(Gateway.PROVIDER_SECRET_OPENAI));
        JsonObject anthropic = Gateway.array(response.body()).stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("name").equals(Gateway.ANTHROPIC_PROVIDER)).findFirst().orElseThrow();
        assertEquals("anthropic", anthropic.getString("kind"));
        assertEquals("****0001", anthropic.getString("apiKeyHint"));
        assertTrue(anthropic.getJsonArray("models").stream().map(v -> ((jakarta.json.JsonString) v).getString())
                .toList().containsAll(gateway.anthropic.models()));
    }

    @Test
    void modelsCarryProviderAndPrice() {
        HttpResponse<String> response = gateway.admin("GET", "/api/models", null);

        assertEquals(200, response.statusCode());
        JsonArray models = Gateway.array(response.body());
        JsonObject sonnet = models.stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("id").equals(Gateway.CLAUDE)).findFirst().orElseThrow();
        assertEquals(Gateway.ANTHROPIC_PROVIDER, sonnet.getString("provider"));
        assertEquals(3.0, sonnet.getJsonNumber("inputPerMTok").doubleValue());
        assertEquals(15.0, sonnet.getJsonNumber("outputPerMTok").doubleValue());
        JsonObject qwen = models.stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("id").equals("qwen2.5-coder:7b")).findFirst().orElseThrow();
        assertFalse(qwen.getBoolean("priceKnown"));
        // nobody priced it: budgets hold it at the dearest price its provider charges, never at nothing
        JsonObject dearest = models.stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("provider").equals(qwen.getString("provider")) && m.getBoolean("priceKnown"))
                .max(java.util.Comparator.comparingDouble(m -> m.getJsonNumber("inputPerMTok").doubleValue()
                        + m.getJsonNumber("outputPerMTok").doubleValue())).orElseThrow();
        assertEquals(dearest.getJsonNumber("inputPerMTok").doubleValue(),
                qwen.getJsonNumber("heldInputPerMTok").doubleValue(), qwen.toString());
        assertEquals(dearest.getJsonNumber("outputPerMTok").doubleValue(),
                qwen.getJsonNumber("heldOutputPerMTok").doubleValue());
        assertTrue(qwen.getJsonNumber("heldOutputPerMTok").doubleValue() > 0);
    }

    @Test
    void addingAProviderOfAnUnknownKindSaysWhichKindsExist() {
        HttpResponse<String> response = gateway.admin("POST", "/api/providers",
                "{\"name\":\"x\",\"kind\":\"carrier-pigeon\",\"baseUrl\":\"http://127.0.0.1:1\",\"apiKey\":\"k\"}");
        assertEquals(400, response.statusCode());
        String error = Gateway.object(response.body()).getString("error");
        assertTrue(error.contains("anthropic") && error.contains("openai"), error);
    }

    @Test
    void aProviderNameIsUniqueAndItsModelsMustBeReachable() {
        HttpResponse<String> duplicate = gateway.admin("POST", "/api/providers", "{\"name\":\""
                + Gateway.ANTHROPIC_PROVIDER + "\",\"kind\":\"anthropic\",\"baseUrl\":\"http://127.0.0.1:"
                + gateway.anthropic.port() + "\",\"apiKey\":\"k\"}");
        assertEquals(409, duplicate.statusCode());

        HttpResponse<String> unreachable = gateway.admin("POST", "/api/providers",
                "{\"name\":\"nowhere\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:1/v1\",\"apiKey\":\"k\"}");
        assertEquals(502, unreachable.statusCode());
        assertTrue(gateway.admin("GET", "/api/providers", null).body().indexOf("\"nowhere\"") < 0);

        assertEquals(400, gateway.admin("POST", "/api/providers", "{\"name\":\"x\"}").statusCode());
    }

    @Test
    void aMintedKeyIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        HttpResponse<String> minted = gateway.admin("POST", "/api/keys", "{\"name\":\"laptop\"}");
        assertEquals(201, minted.statusCode());
        JsonObject body = Gateway.object(minted.body());
        String secret = body.getString("key");
        assertTrue(secret.startsWith("srt_live_") && secret.length() > 40, secret);

        HttpResponse<String> listed = gateway.admin("GET", "/api/keys", null);
        assertFalse(listed.body().contains(secret));
        JsonObject view = Gateway.array(listed.body()).stream().map(JsonValue::asJsonObject)
                .filter(k -> k.getString("id").equals(body.getString("id"))).findFirst().orElseThrow();
        assertTrue(view.getString("hint").startsWith("srt_live_") && view.getString("hint").contains("..."));
        assertNull(view.get("key"));

        List<String> found = new java.util.ArrayList<>();
        assertFalse(gateway.searchDatabase(secret, found).isEmpty());
        assertTrue(found.isEmpty(), "the key is stored in clear in " + found);
        assertEquals(404, gateway.admin("DELETE", "/api/keys/no-such-key", null).statusCode());
    }

    @Test
    void pluginsListTheBuiltInProviders() {
        HttpResponse<String> response = gateway.admin("GET", "/api/plugins", null);

        assertEquals(200, response.statusCode());
        List<String> started = Gateway.array(response.body()).stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("state").equals("STARTED")).map(p -> p.getString("id") + "@"
                        + p.getString("version")).toList();
        assertTrue(started.stream().anyMatch(p -> p.startsWith("provider-anthropic@")), started.toString());
        assertTrue(started.stream().anyMatch(p -> p.startsWith("provider-openai@")), started.toString());
    }
}
