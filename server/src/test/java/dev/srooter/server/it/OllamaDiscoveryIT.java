package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A local Ollama is found with nothing configured (the testkit's fake OpenAI answers Ollama's model listing and
 * its OpenAI-compatible chat): looked for at an address, it becomes a provider named ollama whose models serve at no
 * cost; an address some provider has already is left alone. (At start and on each refresh round srooter looks at
 * SROOTER_OLLAMA_URL, http://localhost:11434 by default, where nothing listens in the test run.)
 */
class OllamaDiscoveryIT {

    private final Gateway gateway = Gateway.get();

    /**
     * Nothing configured, nothing asked: an Ollama that starts listening where srooter looks (the Derby server's
     * SROOTER_OLLAMA_URL) is found by the next refresh round and serves a client that names only the model.
     */
    @Test
    void anOllamaThatStartsIsFoundByItselfAndServes() throws Exception {
        String port = System.getProperty("srooter.ollama.port");
        org.junit.jupiter.api.Assumptions.assumeTrue(port != null, "only the Derby server looks at a test's address");
        String model = "found-coder:1b";
        JsonObject found = null;
        try (dev.srooter.testkit.FakeOpenAi ollama = new dev.srooter.testkit.FakeOpenAi(Integer.parseInt(port),
                List.of(model))) {
            ollama.setOllamaCapabilities(model, List.of("tools"));
            long deadline = System.currentTimeMillis() + 15_000;
            while (found == null && System.currentTimeMillis() < deadline) {
                found = Gateway.array(gateway.admin("GET", "/api/providers", null).body()).stream()
                        .map(v -> v.asJsonObject()).filter(p -> p.getString("baseUrl").endsWith(":" + port))
                        .findFirst().orElse(null);
                if (found == null) {
                    Gateway.sleep(250);
                }
            }
            assertTrue(found != null, "no Ollama found within 15 s");
            assertTrue(found.getString("name").startsWith("ollama"), found.toString());
            HttpResponse<String> served = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + model
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertEquals(200, served.statusCode(), served.body());
            assertEquals(found.getString("name"), served.headers().firstValue("x-srooter-provider").orElse(""));
            assertTrue(model(found.getString("name") + "/" + model).getJsonObject("capabilities").getBoolean("tools"));
        } finally {
            if (found != null) { // the fake is closed first: the next round must not find it again
                gateway.admin("DELETE", "/api/providers/" + found.getString("id"), null);
            }
        }
    }

    @Test
    void aLocalOllamaIsFoundAndServes() {
        String address = "http://127.0.0.1:" + gateway.openAi.port();
        JsonObject provider = discoverAt(address);
        String name = provider.getString("name");
        try {
            assertTrue(name.startsWith("ollama"), name);
            assertEquals("ollama", provider.getString("kind"));
            HttpResponse<String> served = gateway.anthropic("/v1/messages", "{\"model\":\"" + name
                    + "/qwen2.5-coder:7b\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertEquals(200, served.statusCode(), served.body());
            assertEquals(name, served.headers().firstValue("x-srooter-provider").orElse(""));
            assertEquals(0.0, Double.parseDouble(served.headers().firstValue("x-srooter-cost-usd").orElse("-1")));

            HttpResponse<String> again = gateway.admin("POST", "/api/providers/discover", "{\"url\":\"" + address
                    + "\"}");
            assertEquals(200, again.statusCode(), again.body());
            assertFalse(Gateway.object(again.body()).getBoolean("found"), "an address already known is left alone");
            HttpResponse<String> nobody = gateway.admin("POST", "/api/providers/discover",
                    "{\"url\":\"http://127.0.0.1:9\"}");
            assertEquals(200, nobody.statusCode());
            assertFalse(Gateway.object(nobody.body()).getBoolean("found"));
            assertEquals(400, gateway.admin("POST", "/api/providers/discover", "{\"url\":\"file:///etc\"}")
                    .statusCode());
        } finally {
            gateway.admin("DELETE", "/api/providers/" + provider.getString("id"), null);
        }
    }

    /**
     * What a local model can do comes from the Ollama server (its /api/show), not from srooter's catalogue: a model
     * the catalogue has never heard of takes tools because the server says so, and one the catalogue thinks takes
     * tools does not when the server says it does not. A tool request sent to the cheapest model goes to the former.
     */
    @Test
    void localModelsCapabilitiesComeFromTheServerAndToolRequestsGoToModelsThatTakeTools() {
        List<String> before = gateway.openAi.models();
        gateway.openAi.setModels(List.of("qwen2.5-coder:7b", "mystery-coder:3b"));
        gateway.openAi.setOllamaCapabilities("mystery-coder:3b", List.of("tools", "thinking"));
        gateway.openAi.setOllamaCapabilities("qwen2.5-coder:7b", List.of()); // the catalogue says tools; this build not
        JsonObject provider = discoverAt("http://127.0.0.1:" + gateway.openAi.port());
        String name = provider.getString("name");
        try {
            JsonObject mystery = model(name + "/mystery-coder:3b");
            JsonObject capabilities = mystery.getJsonObject("capabilities");
            assertTrue(capabilities.getBoolean("tools"), mystery.toString());
            assertTrue(capabilities.getBoolean("reasoning"), mystery.toString());
            assertEquals(32768, capabilities.getInt("contextWindow"));
            assertFalse(model(name + "/qwen2.5-coder:7b").getJsonObject("capabilities").getBoolean("tools"));

            assertEquals(200, gateway.admin("PUT", "/api/routing/rules", "{\"rules\":["
                    + "{\"intent\":\"trivial\",\"target\":\"cheapest\"},"
                    + "{\"intent\":\"substantive\",\"target\":\"cheapest\"},"
                    + "{\"intent\":\"architecture\",\"target\":\"cheapest\"},"
                    + "{\"intent\":\"security\",\"target\":\"cheapest\"}]}").statusCode());
            HttpResponse<String> tooled = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                    + "\",\"max_tokens\":64,\"tools\":[{\"name\":\"read_file\",\"description\":\"Read a file\","
                    + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"rename the variable x to count in util.js\"}]}");
            assertEquals(200, tooled.statusCode(), tooled.body());
            assertEquals(name, tooled.headers().firstValue("x-srooter-provider").orElse(""), tooled.headers().map()
                    .toString());
            assertEquals("mystery-coder:3b", tooled.headers().firstValue("x-srooter-served-model").orElse(""));
        } finally {
            gateway.neutralRouting();
            gateway.admin("DELETE", "/api/providers/" + provider.getString("id"), null);
            gateway.openAi.setModels(before);
        }
    }

    /** Asks srooter to look for an Ollama at an address; the provider it added. */
    private JsonObject discoverAt(String address) {
        HttpResponse<String> found = gateway.admin("POST", "/api/providers/discover", "{\"url\":\"" + address + "\"}");
        assertEquals(201, found.statusCode(), found.body());
        return Gateway.object(found.body());
    }

    private JsonObject model(String qualifiedName) {
        return Gateway.array(gateway.admin("GET", "/api/models", null).body()).stream().map(v -> v.asJsonObject())
                .filter(m -> m.getString("qualifiedName").equals(qualifiedName)).findFirst()
                .orElseThrow(() -> new AssertionError("no model " + qualifiedName));
    }
}
