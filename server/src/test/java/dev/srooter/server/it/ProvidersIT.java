package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.RecordedRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Providers as an admin meets them: every kind discovers its models from a credential, with capabilities
 * and prices; several credentials take turns, a refused one is skipped, a rate-limited one rests as long as
 * the provider asked; a refresh adds and retires models; prices can be overridden; health is reported;
 * and no credential is ever stored, logged or shown in clear.
 */
class ProvidersIT {

    private final Gateway gateway = Gateway.get();
    private final List<String> created = new ArrayList<>();
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    @AfterEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    @AfterEach
    void removeProviders() {
        created.forEach(id -> gateway.admin("DELETE", "/api/providers/" + id, null));
    }

    private JsonObject add(String json) {
        HttpResponse<String> response = gateway.admin("POST", "/api/providers", json);
        assertEquals(201, response.statusCode(), response.body());
        JsonObject provider = Gateway.object(response.body());
        created.add(provider.getString("id"));
        return provider;
    }

    private String openAiUrl() {
        return "http://127.0.0.1:" + gateway.openAi.port() + "/v1";
    }

    private List<JsonObject> models() {
        return Gateway.array(gateway.admin("GET", "/api/models", null).body()).stream().map(JsonValue::asJsonObject)
                .toList();
    }

    private HttpResponse<String> chat(String model) {
        return gateway.openAi("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void everyKindDiscoversItsModelsWithCapabilitiesAndPrices() {
        List<String> kinds = Gateway.array(gateway.admin("GET", "/api/provider-kinds", null).body()).stream()
                .map(v -> v.asJsonObject().getString("kind")).toList();
        assertTrue(kinds.containsAll(List.of("anthropic", "openai", "ollama", "deepseek", "xai", "gemini",
                "openrouter")), kinds.toString());

        for (String kind : List.of("openai", "deepseek", "xai", "gemini", "openrouter")) {
            JsonObject p = add("{\"name\":\"" + kind + "-" + run + "\",\"kind\":\"" + kind + "\",\"baseUrl\":\""
                    + openAiUrl() + "\",\"apiKey\":\"sk-" + kind + "-secret-" + run + "\"}");
            assertTrue(p.getJsonArray("models").size() >= 2, kind + " discovered " + p);
            assertEquals(kind, p.getString("kind"));
        }
        JsonObject ollama = add("{\"name\":\"ollama-" + run + "\",\"kind\":\"ollama\",\"baseUrl\":\"http://127.0.0.1:"
                + gateway.openAi.port() + "\"}");
        assertTrue(ollama.getJsonArray("models").size() >= 2, "ollama listed /api/tags: " + ollama);
        RecordedRequest tags = gateway.openAi.listings().stream().filter(r -> r.pathAndQuery().equals("/api/tags"))
                .findFirst().orElseThrow();
        assertNull(tags.header("authorization"), "Ollama gets no key when none was given");

        List<JsonObject> all = models();
        JsonObject gpt = all.stream().filter(m -> m.getString("provider").equals("deepseek-" + run)
                && m.getString("id").equals(Gateway.GPT)).findFirst().orElseThrow();
        assertEquals(128000, gpt.getJsonObject("capabilities").getInt("contextWindow"));
        assertTrue(gpt.getJsonObject("capabilities").getBoolean("tools"));
        assertEquals(2.5, gpt.getJsonNumber("inputPerMTok").doubleValue());
        assertEquals("catalog", gpt.getString("priceSource"));
        JsonObject local = all.stream().filter(m -> m.getString("provider").equals("ollama-" + run)).findFirst()
                .orElseThrow();
        assertEquals("free", local.getString("priceSource"));
        assertEquals(0.0, local.getJsonNumber("inputPerMTok").doubleValue());

        // the served path works for a preset and for Ollama
        assertEquals(200, chat("xai-" + run + "/" + Gateway.GPT).statusCode());
        assertEquals("Bearer sk-xai-secret-" + run, gateway.openAi.lastRequest().header("authorization"));
        HttpResponse<String> viaOllama = chat("ollama-" + run + "/" + Gateway.GPT);
        assertEquals(200, viaOllama.statusCode(), viaOllama.body());
        assertEquals("/v1/chat/completions", gateway.openAi.lastRequest().pathAndQuery());
        assertEquals("0.000000", viaOllama.headers().firstValue("x-srooter-cost-usd").orElse(""));
    }

    @Test
    void presetsAndLocalKindsHaveTheirAddressesSoBaseUrlMayBeLeftOut() {
        Map<String, String> defaults = new HashMap<>();
        Gateway.array(gateway.admin("GET", "/api/provider-kinds", null).body()).stream().map(JsonValue::asJsonObject)
                .forEach(k -> defaults.put(k.getString("kind"), k.isNull("defaultBaseUrl") ? null
                        : k.getString("defaultBaseUrl")));
        assertEquals("https://api.deepseek.com/v1", defaults.get("deepseek"));
        assertEquals("https://api.x.ai/v1", defaults.get("xai"));
        assertEquals("https://generativelanguage.googleapis.com/v1beta/openai", defaults.get("gemini"));
        assertEquals("https://openrouter.ai/api/v1", defaults.get("openrouter"));
        assertEquals("http://localhost:11434", defaults.get("ollama"));
        assertEquals("https://api.anthropic.com", defaults.get("anthropic"));
    }

    /** The sample plugin (plugin-samples/provider-acme) is a jar in the test servers' plugins folder. */
    @Test
    void aVendorsPluginJarAddsItsKind() {
        String plugins = gateway.admin("GET", "/api/plugins", null).body();
        assertTrue(plugins.contains("provider-acme"), plugins);
        add("{\"name\":\"acme-" + run + "\",\"kind\":\"acme\",\"baseUrl\":\"" + openAiUrl()
                + "\",\"apiKey\":\"ak-" + run + "\"}");
        // (the scheduled refresh lists other providers' models too: look for this one's listing)
        assertTrue(gateway.openAi.listings().stream().anyMatch(r -> ("ak-" + run).equals(r.header("x-acme-key"))
                && r.header("authorization") == null), "discovery used the vendor's header");
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"acme-" + run + "/"
                + Gateway.GPT + "\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("ak-" + run, gateway.openAi.lastRequest().header("x-acme-key"));
        assertNull(gateway.openAi.lastRequest().header("authorization"));
        assertEquals("ANTHROPIC_MESSAGES->OPENAI_CHAT", response.headers().firstValue("x-srooter-translated")
                .orElse(""), "a Claude client is served by the vendor's Chat API through translation");
    }

    @Test
    void aClaudeSubscriptionTokenIsSentAsBearerWithTheOAuthBeta() {
        String token = "sk-ant-oat01-it-" + run;
        add("{\"name\":\"max-" + run + "\",\"kind\":\"anthropic\",\"baseUrl\":\"http://127.0.0.1:"
                + gateway.anthropic.port() + "\",\"apiKey\":\"" + token + "\"}");
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"max-" + run + "/"
                + Gateway.CLAUDE + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "anthropic-beta", "claude-code-20250219");
        assertEquals(200, response.statusCode(), response.body());
        RecordedRequest sent = gateway.anthropic.lastRequest();
        assertEquals("Bearer " + token, sent.header("authorization"));
        assertNull(sent.header("x-api-key"), "an OAuth token is not an API key");
        assertEquals("claude-code-20250219,oauth-2025-04-20", sent.header("anthropic-beta"),
                "the client's beta flags stay, the OAuth flag joins them");
    }

    @Test
    void credentialsTakeTurnsAndARefusedOneIsSkipped() {
        String[] keys = {"sk-a-" + run, "sk-b-" + run, "sk-c-" + run};
        JsonObject p = add("{\"name\":\"multi-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"" + openAiUrl()
                + "\",\"apiKeys\":[\"" + String.join("\",\"", keys) + "\"]}");
        assertEquals(3, p.getJsonArray("credentials").size());
        gateway.openAi.reset();
        for (int i = 0; i < 6; i++) {
            assertEquals(200, chat("multi-" + run + "/" + Gateway.GPT).statusCode());
        }
        Map<String, Integer> uses = new HashMap<>();
        gateway.openAi.received().forEach(r -> uses.merge(FakeProvider.credentialOf(r), 1, Integer::sum));
        assertEquals(Map.of(keys[0], 2, keys[1], 2, keys[2], 2), uses, "requests are spread evenly");

        gateway.openAi.reset();
        gateway.openAi.refuseKey(keys[1], 401);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = chat("multi-" + run + "/" + Gateway.GPT);
            assertEquals(200, response.statusCode(), "a refused credential never reaches the client: " + response.body());
        }
        long refused = gateway.openAi.received().stream().filter(r -> keys[1].equals(FakeProvider.credentialOf(r)))
                .count();
        assertEquals(1, refused, "the refused credential was tried once, then skipped");
        JsonObject view = Gateway.object(gateway.admin("GET", "/api/providers/" + p.getString("id"), null).body());
        List<String> states = view.getJsonArray("credentials").stream()
                .map(c -> c.asJsonObject().getString("hint") + "=" + c.asJsonObject().getString("state")).toList();
        assertTrue(states.contains("****" + keys[1].substring(keys[1].length() - 4) + "=bad"), states.toString());
    }

    @Test
    void aRateLimitedCredentialRestsAsLongAsTheProviderAsked() {
        String hot = "sk-hot-" + run;
        String cool = "sk-cool-" + run;
        JsonObject p = add("{\"name\":\"rl-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"" + openAiUrl()
                + "\",\"apiKeys\":[\"" + hot + "\",\"" + cool + "\"]}");
        gateway.openAi.reset();
        gateway.openAi.setRetryAfter("2");
        gateway.openAi.refuseKey(hot, 429);
        for (int i = 0; i < 4; i++) {
            assertEquals(200, chat("rl-" + run + "/" + Gateway.GPT).statusCode());
        }
        assertEquals(1, gateway.openAi.received().stream().filter(r -> hot.equals(FakeProvider.credentialOf(r))).count());
        JsonObject standing = Gateway.object(gateway.admin("GET", "/api/providers/" + p.getString("id"), null).body())
                .getJsonArray("credentials").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("state").equals("cooling")).findFirst().orElseThrow();
        assertTrue(standing.getInt("coolingForSeconds") <= 2, standing.toString());

        gateway.openAi.acceptKey(hot);
        Gateway.sleep(2300);
        gateway.openAi.reset();
        for (int i = 0; i < 4; i++) {
            assertEquals(200, chat("rl-" + run + "/" + Gateway.GPT).statusCode());
        }
        assertTrue(gateway.openAi.received().stream().anyMatch(r -> hot.equals(FakeProvider.credentialOf(r))),
                "after its retry-after the credential serves again");
    }

    @Test
    void withEveryCredentialRateLimitedTheClientIsToldWhenToRetry() {
        String only = "sk-only-" + run;
        add("{\"name\":\"rl1-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"" + openAiUrl() + "\",\"apiKey\":\""
                + only + "\"}");
        gateway.openAi.reset();
        gateway.openAi.setRetryAfter("30");
        gateway.openAi.refuseKey(only, 429);
        HttpResponse<String> first = chat("rl1-" + run + "/" + Gateway.GPT);
        assertEquals(429, first.statusCode());
        assertEquals("30", first.headers().firstValue("retry-after").orElse(""));
        HttpResponse<String> second = chat("rl1-" + run + "/" + Gateway.GPT);
        assertEquals(429, second.statusCode());
        assertEquals("rate_limited", Gateway.object(second.body()).getJsonObject("error").getString("code"));
        int wait = Integer.parseInt(second.headers().firstValue("retry-after").orElseThrow());
        assertTrue(wait > 0 && wait <= 30, "retry-after " + wait);
        assertEquals(1, gateway.openAi.received().size(), "a cooling credential is not called at all");
    }

    @Test
    void aRefreshAddsNewModelsAndRetiresVanishedOnes() throws Exception {
        try (FakeProvider own = new dev.srooter.testkit.FakeOpenAi(0, List.of("m-one", "m-two", "m-three"))) {
            JsonObject p = add("{\"name\":\"fresh-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:"
                    + own.port() + "/v1\",\"apiKey\":\"sk-fresh-" + run + "\"}");
            own.setModels(List.of("m-two", "m-three", "m-new"));
            // the schedule may list them first (every 2 s on the test server): either way the outcome is the same
            HttpResponse<String> refreshed = gateway.admin("POST", "/api/providers/" + p.getString("id") + "/refresh",
                    "{}");
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            JsonObject result = Gateway.object(refreshed.body());
            assertEquals(3, result.getInt("active"));
            if ("postgresql".equals(System.getProperty("srooter.db"))) { // no 2 s schedule there to get ahead
                assertEquals(List.of("m-new"), strings(result.getJsonArray("added")));
                assertEquals(List.of("m-one"), strings(result.getJsonArray("vanished")));
            }

            assertEquals(200, chat("fresh-" + run + "/m-new").statusCode());
            assertEquals(404, chat("fresh-" + run + "/m-one").statusCode(), "a vanished model is not served");
            JsonObject gone = models().stream().filter(m -> m.getString("provider").equals("fresh-" + run)
                    && m.getString("id").equals("m-one")).findFirst().orElseThrow();
            assertEquals("vanished", gone.getString("status"));

            own.setModels(List.of("m-one", "m-two", "m-three", "m-new"));
            gateway.admin("POST", "/api/providers/" + p.getString("id") + "/refresh", "{}");
            assertEquals(200, chat("fresh-" + run + "/m-one").statusCode(), "a model listed again is served again");
        }
    }

    @Test
    void theScheduleFindsNewModelsWithoutAnAdmin() throws Exception {
        if ("postgresql".equals(System.getProperty("srooter.db"))) {
            return; // the schedule runs every 2 s on the Derby test server only (six hours by default)
        }
        try (FakeProvider own = new dev.srooter.testkit.FakeOpenAi(0, List.of("s-one"))) {
            add("{\"name\":\"sched-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:" + own.port()
                    + "/v1\",\"apiKey\":\"sk-sched-" + run + "\"}");
            own.setModels(List.of("s-one", "s-later"));
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline && models().stream().noneMatch(m ->
                    m.getString("provider").equals("sched-" + run) && m.getString("id").equals("s-later"))) {
                Gateway.sleep(200);
            }
            assertEquals(200, chat("sched-" + run + "/s-later").statusCode(), "the scheduled refresh added it");
        }
    }

    @Test
    void aPriceOverrideIsWhatTheAuditCharges() {
        JsonObject p = add("{\"name\":\"priced-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"" + openAiUrl()
                + "\",\"apiKey\":\"sk-priced-" + run + "\"}");
        HttpResponse<String> put = gateway.admin("PUT", "/api/providers/" + p.getString("id") + "/models/" + Gateway.GPT,
                "{\"inputPerMTok\":100,\"outputPerMTok\":1000,\"cacheReadPerMTok\":10,\"cacheWritePerMTok\":0,"
                        + "\"contextWindow\":64000}");
        assertEquals(200, put.statusCode(), put.body());
        JsonObject model = Gateway.object(put.body());
        assertEquals("override", model.getString("priceSource"));
        assertEquals(64000, model.getJsonObject("capabilities").getInt("contextWindow"));

        HttpResponse<String> response = chat("priced-" + run + "/" + Gateway.GPT);
        assertEquals(200, response.statusCode());
        // the fake reports 1200 input tokens, 300 cache reads and 80 output tokens
        double expected = (1200 * 100.0 + 300 * 10.0 + 80 * 1000.0) / 1_000_000;
        JsonObject record = gateway.auditRecord(response.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(expected, record.getJsonNumber("costUsd").doubleValue(), 1e-9);
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", expected),
                response.headers().firstValue("x-srooter-cost-usd").orElse(""));
    }

    @Test
    void healthShowsErrorRateAndReachability() throws Exception {
        JsonObject p = add("{\"name\":\"health-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"" + openAiUrl()
                + "\",\"apiKey\":\"sk-health-" + run + "\"}");
        String id = p.getString("id");
        gateway.openAi.enqueue(dev.srooter.testkit.Reply.error(500));
        chat("health-" + run + "/" + Gateway.GPT);
        for (int i = 0; i < 3; i++) {
            chat("health-" + run + "/" + Gateway.GPT);
        }
        JsonObject health = Gateway.object(gateway.admin("GET", "/api/providers/" + id + "/health", null).body());
        assertEquals(4, health.getInt("calls"));
        assertEquals(1, health.getInt("errors"));
        assertEquals(0.25, health.getJsonNumber("errorRate").doubleValue(), 1e-9);
        assertTrue(health.getBoolean("reachable"));
        assertEquals("HTTP 500", health.getString("lastError"));

        try (FakeProvider dead = new dev.srooter.testkit.FakeOpenAi(0, List.of("dead-model"))) {
            JsonObject d = add("{\"name\":\"dead-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:"
                    + dead.port() + "/v1\",\"apiKey\":\"sk-dead-" + run + "\"}");
            dead.close();
            assertEquals(502, chat("dead-" + run + "/dead-model").statusCode());
            JsonObject down = Gateway.object(gateway.admin("GET", "/api/providers/" + d.getString("id") + "/health",
                    null).body());
            assertFalse(down.getBoolean("reachable"));
        }
    }

    @Test
    void noCredentialIsStoredLoggedOrShownInClear() throws Exception {
        String secret = "sk-canary-" + run + "-never-in-clear";
        JsonObject p = add("{\"name\":\"canary-" + run + "\",\"kind\":\"openai\",\"baseUrl\":\"" + openAiUrl()
                + "\",\"apiKey\":\"" + secret + "\"}");
        assertFalse(p.toString().contains(secret));
        assertEquals("****" + secret.substring(secret.length() - 4), p.getString("apiKeyHint"),
                "the hint shows the last characters only");
        assertEquals(200, chat("canary-" + run + "/" + Gateway.GPT).statusCode());
        assertEquals("Bearer " + secret, gateway.openAi.lastRequest().header("authorization"), "it is used");
        HttpResponse<String> credential = gateway.admin("POST", "/api/providers/" + p.getString("id") + "/credentials",
                "{\"apiKey\":\"" + secret + "-second\"}");
        assertEquals(201, credential.statusCode());
        assertFalse(credential.body().contains(secret));
        for (String path : List.of("/api/providers", "/api/models", "/api/audit?limit=500",
                "/api/audit/export?format=jsonl", "/api/audit/export?format=csv")) {
            assertFalse(gateway.admin("GET", path, null).body().contains(secret), path + " shows the credential");
        }
        Gateway.sleep(500); // the audit writer's batch
        List<String> found = new ArrayList<>();
        assertFalse(gateway.searchDatabase(secret, found).isEmpty());
        assertTrue(found.isEmpty(), "the credential is stored in clear in " + found);
        try (Stream<Path> files = Files.walk(gateway.logDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
                        "the credential is in the log " + file);
            }
        }
        Path key = gateway.dataDir().resolve("secrets/master.key");
        if ("postgresql".equals(System.getProperty("srooter.db"))) {
            assertFalse(Files.exists(key), "with SROOTER_MASTER_KEY configured no key file is made");
        } else {
            assertTrue(Files.exists(key), "the generated master key is in the data folder");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(key)));
        }
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .toList();
    }
}
