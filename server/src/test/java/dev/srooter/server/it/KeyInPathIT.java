package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One environment variable for Claude Code: the gateway key in the base URL's path
 * ({@code ANTHROPIC_BASE_URL=http://host:9080/k/<key>}) authenticates, wins over whatever credential the client's own
 * headers carry, and never appears in an answer; and the console has a favicon.
 */
class KeyInPathIT {

    private final Gateway gateway = Gateway.get();

    private static final String MESSAGE = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":16,\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"hello\"}]}";

    @Test
    void theKeyInThePathIsTheCallers() {
        String key = gateway.mintKey("in-path-" + System.nanoTime());
        HttpResponse<String> plain = gateway.send("POST", "/k/" + key + "/v1/messages",
                List.of("anthropic-version", "2023-06-01"), MESSAGE);
        assertEquals(200, plain.statusCode(), plain.body());
        // the client's own login in its headers (Claude Code's subscription token) is neither used nor forwarded
        HttpResponse<String> withLogin = gateway.send("POST", "/k/" + key + "/v1/messages", List.of("anthropic-version",
                "2023-06-01", "authorization", "Bearer sk-ant-oat01-someone-elses-login"), MESSAGE);
        assertEquals(200, withLogin.statusCode(), withLogin.body());
        assertFalse(gateway.anthropic.lastRequest().headers().toString().contains("someone-elses-login"));
        HttpResponse<String> models = gateway.send("GET", "/k/" + key + "/v1/models", List.of(), null);
        assertEquals(200, models.statusCode(), models.body());
        HttpResponse<String> chat = gateway.send("POST", "/k/" + key + "/v1/chat/completions", List.of(),
                "{\"model\":\"" + Gateway.GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, chat.statusCode(), chat.body());
        HttpResponse<String> unknown = gateway.send("POST", "/k/" + key + "/v1/messages",
                List.of("anthropic-version", "2023-06-01"), MESSAGE.replace(Gateway.CLAUDE, "no-such-model"));
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertFalse(unknown.body().contains(key));
        String requestId = plain.headers().firstValue("x-srooter-request-id").orElseThrow();
        assertFalse(gateway.auditRecord(requestId).toString().contains(key), "the audit never holds the key");
        // and no log holds it: every file Liberty writes under logs/ (messages, console, FFDC incidents)
        Gateway.sleep(300); // the log is written asynchronously
        List<String> logs = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(gateway.logDir())) {
            for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                logs.add(file.toString());
                assertFalse(Gateway.contains(java.nio.file.Files.readAllBytes(file),
                        key.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "the key is in " + file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(logs.stream().anyMatch(l -> l.endsWith("messages.log")), logs.toString());
    }

    @Test
    void aWrongKeyInThePathIsRefusedWithoutRepeatingIt() {
        String wrong = "srt_live_" + "x".repeat(43);
        HttpResponse<String> refused = gateway.send("POST", "/k/" + wrong + "/v1/messages",
                List.of("anthropic-version", "2023-06-01", "x-api-key", gateway.key), MESSAGE);
        assertEquals(401, refused.statusCode(), "the key in the path wins, even over a valid header");
        assertEquals("authentication_error", Gateway.object(refused.body()).getJsonObject("error").getString("type"));
        assertFalse(refused.body().contains(wrong));
        HttpResponse<String> nowhere = gateway.send("POST", "/k/" + wrong + "/elsewhere", List.of(), "{}");
        assertEquals(404, nowhere.statusCode());
        assertFalse(nowhere.body().contains(wrong), nowhere.body());
    }

    /**
     * A gateway key as a bearer token (the OpenAI SDK, Codex CLI, aider) is the gateway's to check: Liberty's JWT
     * interceptor, which is for console tokens on the admin API, must not try it (it did, and logged an error for
     * every such request).
     */
    @Test
    void aBearerGatewayKeyIsNotTakenForAConsoleToken() throws Exception {
        java.nio.file.Path log = gateway.logDir().resolve("messages.log");
        long before = java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains("CWWKS5523E")).count();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> chat = gateway.openAiWithKey(gateway.key, "/v1/chat/completions", "{\"model\":\""
                    + Gateway.GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertEquals(200, chat.statusCode(), chat.body());
        }
        assertEquals(200, gateway.admin("GET", "/api/me", null).statusCode(), "console tokens still work");
        Gateway.sleep(300); // the log is written asynchronously
        long after = java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains("CWWKS5523E")).count();
        assertEquals(before, after, "no JWT error logged for gateway requests");
    }

    @Test
    void theConsoleHasAFavicon() {
        for (String icon : List.of("/favicon.ico", "/favicon.png")) {
            HttpResponse<String> got = gateway.send("GET", icon, List.of(), null);
            assertEquals(200, got.statusCode(), icon);
            assertTrue(got.headers().firstValue("content-type").orElse("").startsWith("image/"), icon + ": "
                    + got.headers().map());
        }
        assertTrue(gateway.send("GET", "/", List.of(), null).body().contains("favicon.png"));
    }
}
