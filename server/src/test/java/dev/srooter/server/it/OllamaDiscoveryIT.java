package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A local Ollama is found with nothing configured (the testkit's fake OpenAI answers Ollama's model listing and
 * its OpenAI-compatible chat): looked for at an address, it becomes a provider named ollama whose models serve at no
 * cost; an address some provider has already is left alone. (At start and on each refresh round srooter looks at
 * SROOTER_OLLAMA_URL, http://localhost:11434 by default, where nothing listens in the test run.)
 */
class OllamaDiscoveryIT {

    private final Gateway gateway = Gateway.get();

    @Test
    void aLocalOllamaIsFoundAndServes() {
        String address = "http://127.0.0.1:" + gateway.openAi.port();
        HttpResponse<String> found = gateway.admin("POST", "/api/providers/discover", "{\"url\":\"" + address + "\"}");
        assertEquals(201, found.statusCode(), found.body());
        JsonObject provider = Gateway.object(found.body());
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
}
