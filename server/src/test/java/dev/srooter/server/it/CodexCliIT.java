package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.RecordedRequest;
import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex CLI (npm {@code @openai/codex}), configured with srooter as a Responses API provider,
 * completing a task with one tool round trip: the provider asks it to run a command, Codex runs it and
 * sends the output back, and the provider's final answer quotes it.
 */
class CodexCliIT {

    private final Gateway gateway = Gateway.get();

    @TempDir
    Path work;

    @BeforeEach
    @AfterEach
    void resetFakes() {
        gateway.openAi.reset();
        gateway.anthropic.reset();
    }

    /**
     * Codex asks for a Claude model: the Responses request crosses to Anthropic Messages and the answer
     * (reasoning, tool call, usage) comes back as a Responses stream; on the next turn Codex returns the
     * reasoning item it was given, and Anthropic gets its own signature back.
     */
    @Test
    void completesTheTaskWhenAnthropicServesIt() throws Exception {
        String codeword = "medlar-" + System.nanoTime();
        gateway.anthropic.setResponder(CodexCliIT::anthropicAnswer);

        CliRun codex = readNotes(Gateway.CLAUDE, "The codeword is " + codeword + ".\n");
        assertEquals(0, codex.exitCode(), codex.toString());
        assertTrue(codex.stdout().contains(codeword), codex.toString());

        List<RecordedRequest> calls = gateway.anthropic.received().stream()
                .filter(r -> r.pathAndQuery().startsWith("/v1/messages")).toList();
        RecordedRequest followUp = calls.stream().filter(r -> r.body().contains("\"tool_result\""))
                .findFirst().orElseThrow(() -> new AssertionError("no request carried the command's output"));
        assertTrue(followUp.body().contains(codeword), "the tool output holds what Codex read");
        assertTrue(followUp.body().contains("call_it_exec_2"), "the call's id came back with its output");
        assertTrue(followUp.body().contains(Reply.text("").withThinking(THOUGHT).opaqueState()),
                "Anthropic gets its own thinking signature back: " + followUp.body());
        assertFalse(followUp.body().contains("srooter1."), "no srooter envelope reaches the provider");
        assertEquals(Gateway.PROVIDER_SECRET_ANTHROPIC, followUp.header("x-api-key"));
        assertEquals("2023-06-01", followUp.header("anthropic-version"));
    }

    private static final String THOUGHT = "I should look at notes.txt.";

    /** Codex, with srooter as its Responses provider and {@code model}, asked to read a notes.txt holding {@code notes}. */
    private CliRun readNotes(String model, String notes) throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        Files.writeString(project.resolve("notes.txt"), notes);
        Path codexHome = Files.createDirectories(work.resolve("codex-home"));
        Files.writeString(codexHome.resolve("config.toml"), """
                model = "%s"
                model_provider = "srooter"

                [model_providers.srooter]
                name = "srooter"
                base_url = "%s/v1"
                env_key = "SROOTER_KEY"
                wire_api = "responses"
                """.formatted(model, gateway.url));
        return CliRun.run(work, project, Map.of("HOME", work.toString(), "CODEX_HOME", codexHome.toString(),
                "SROOTER_KEY", gateway.key), CliRun.client("codex").toString(), "exec", "--skip-git-repo-check",
                "--sandbox", "read-only", "Read notes.txt and tell me the codeword.");
    }

    /** The fake Anthropic model: think and ask for the command, then quote the tool result. */
    private static Reply anthropicAnswer(JsonObject request) {
        if (!request.containsKey("tools") || request.getJsonArray("tools").isEmpty()) {
            return null;
        }
        String output = null;
        for (JsonValue message : request.getJsonArray("messages")) {
            JsonValue content = message.asJsonObject().get("content");
            if (content.getValueType() != JsonValue.ValueType.ARRAY) {
                continue;
            }
            for (JsonValue block : content.asJsonArray()) {
                JsonObject b = block.asJsonObject();
                if ("tool_result".equals(b.getString("type", ""))) {
                    output = b.get("content").toString();
                }
            }
        }
        if (output == null) {
            return Reply.toolCall("call_it_exec_2", "exec_command", "{\"cmd\":\"cat notes.txt\"}")
                    .withThinking(THOUGHT);
        }
        return Reply.text("I ran the command. " + output.replace("\\n", " "));
    }

    @Test
    void completesATaskWithOneToolRoundTripThroughTheGateway() throws Exception {
        String codeword = "quince-" + System.nanoTime();
        gateway.openAi.setResponder(CodexCliIT::answer);

        CliRun codex = readNotes("gpt-5-codex", "The codeword is " + codeword + ".\n");
        assertEquals(0, codex.exitCode(), codex.toString());
        assertTrue(codex.stdout().contains(codeword), codex.toString());

        List<RecordedRequest> calls = gateway.openAi.received().stream()
                .filter(r -> r.pathAndQuery().startsWith("/v1/responses")).toList();
        RecordedRequest followUp = calls.stream().filter(r -> r.body().contains("\"function_call_output\""))
                .findFirst().orElseThrow(() -> new AssertionError("no request carried the command's output"));
        assertTrue(followUp.body().contains(codeword), "the tool output holds what Codex read");
        assertEquals("Bearer " + Gateway.PROVIDER_SECRET_OPENAI, followUp.header("authorization"));
        assertTrue(followUp.header("originator") != null, "Codex's own headers pass through");
    }

    /**
     * Under srooter defaults (rules by intent), a Codex tool loop is one task: the follow-up carrying the command's
     * output (which reads like security work) stays on the model and provider that served the human turn, which
     * gets its own reasoning state back. It once was classified on the tool output and moved to another provider.
     */
    @Test
    void aToolLoopUnderSrooterDefaultsStaysOnOneModelAndKeepsItsReasoningState() throws Exception {
        // this test's requests only: the previous test's loop ended a moment ago
        String since = java.time.Instant.now().toString();
        assertEquals(200, gateway.admin("DELETE", "/api/routing/rules", null).statusCode());
        try {
            String codeword = "sorrel-" + System.nanoTime();
            gateway.openAi.setResponder(CodexCliIT::answer);
            gateway.anthropic.setResponder(CodexCliIT::anthropicAnswer);

            CliRun codex = readNotes("gpt-5-codex", "The codeword is " + codeword + ". TODO: rotate the"
                    + " leaked API keys, fix the JWT signature check and the SQL injection in the login form.\n");
            assertEquals(0, codex.exitCode(), codex.toString());
            assertTrue(codex.stdout().contains(codeword), codex.toString());

            List<JsonObject> loop = TaskLoops.loopTurns(gateway, since, "responses");
            String provider = TaskLoops.oneModelAndProvider(loop, "Codex");
            String state = Reply.text("").withThinking(THOUGHT).opaqueState();
            RecordedRequest followUp = (provider.equals(Gateway.ANTHROPIC_PROVIDER) ? gateway.anthropic
                    : gateway.openAi).received().stream().filter(r -> r.body().contains(codeword)).findFirst()
                    .orElseThrow(() -> new AssertionError("the follow-up did not reach " + provider));
            assertTrue(followUp.body().contains(state), "the provider gets its own reasoning state back: "
                    + followUp.body());
        } finally {
            gateway.neutralRouting();
        }
    }

    @Test
    void theBuiltInOpenAiProviderPostsAtOnceWithoutWebSocketRetries() throws Exception {
        // The simplest setup: Codex's own "openai" provider pointed at srooter. It first tries a WebSocket on
        // GET /v1/responses; srooter's answer must make it fall back to POST without its reconnect loop.
        Path codexHome = Files.createDirectories(work.resolve("codex-home"));
        Files.writeString(codexHome.resolve("config.toml"), """
                model = "gpt-4o"
                openai_base_url = "%s/v1"
                """.formatted(gateway.url));
        Path project = Files.createDirectories(work.resolve("project"));

        CliRun codex = CliRun.run(work, project, Map.of("HOME", work.toString(), "CODEX_HOME", codexHome.toString(),
                        "CODEX_API_KEY", gateway.key),
                CliRun.client("codex").toString(), "exec", "--skip-git-repo-check", "--sandbox", "read-only", "say hi");

        assertEquals(0, codex.exitCode(), codex.toString());
        assertTrue(codex.stdout().contains("Hello from the fake OpenAI provider."), codex.toString());
        assertFalse(codex.stderr().contains("Reconnecting") || codex.stdout().contains("Reconnecting"),
                "Codex retried the WebSocket before posting: " + codex);
        assertEquals("Bearer " + Gateway.PROVIDER_SECRET_OPENAI, gateway.openAi.lastRequest().header("authorization"));
    }

    /** The fake model: think and ask for the file while no command output has come back, then quote the output. */
    private static Reply answer(JsonObject request) {
        if (!(request.get("input") instanceof jakarta.json.JsonArray input)) {
            return null;
        }
        String output = null;
        for (JsonValue item : input) {
            JsonObject object = item.asJsonObject();
            if ("function_call_output".equals(object.getString("type", ""))) {
                JsonValue value = object.get("output");
                output = value.getValueType() == JsonValue.ValueType.STRING
                        ? ((jakarta.json.JsonString) value).getString() : value.toString();
            }
        }
        if (output == null) {
            return Reply.toolCall("call_it_exec_1", "exec_command", "{\"cmd\":\"cat notes.txt\"}")
                    .withThinking(THOUGHT);
        }
        return Reply.text("I ran the command. " + output.strip().replace('\n', ' '));
    }
}
