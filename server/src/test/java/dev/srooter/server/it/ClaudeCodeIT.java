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
 * The real Claude Code CLI (npm {@code @anthropic-ai/claude-code}, installed by the build) pointed at srooter
 * with a gateway key, completing a task that needs one tool round trip: the provider asks it to read a
 * file, Claude Code reads it and sends the result back, and the provider's final answer quotes it.
 */
class ClaudeCodeIT {

    private final Gateway gateway = Gateway.get();

    @TempDir
    Path work;

    @BeforeEach
    @AfterEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    /**
     * "Opus asked, Qwen delivered": Claude Code asks for Claude models, an alias sends them to a model behind
     * an OpenAI-compatible provider, and Claude Code completes the same task without noticing: the request
     * crosses to Chat Completions, the answer (reasoning, tool call, usage) comes back as Anthropic's stream.
     */
    @Test
    void completesTheTaskWhenAnOpenAiCompatibleProviderServesIt() throws Exception {
        gateway.putAlias("claude-*-4-7", Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT);
        String codeword = "quokka-" + System.nanoTime();
        Path notes = work.resolve("project/notes.txt");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "The codeword is " + codeword + ".\n");
        gateway.openAi.setResponder(request -> chatAnswer(request, notes));

        CliRun claude = readNotes(notes, "claude-haiku-4-7", "claude-opus-4-7");
        assertEquals(0, claude.exitCode(), claude.toString());
        String stdout = claude.stdout();
        JsonObject result = Gateway.object(stdout.substring(stdout.indexOf('{')));
        assertTrue(result.getString("result").contains(codeword), stdout);

        List<RecordedRequest> calls = gateway.openAi.received().stream()
                .filter(r -> r.pathAndQuery().startsWith("/v1/chat/completions")).toList();
        assertTrue(gateway.anthropic.received().stream().noneMatch(r -> r.pathAndQuery().startsWith("/v1/messages")),
                "nothing went to the Anthropic provider");
        RecordedRequest followUp = calls.stream().filter(r -> r.body().contains("\"role\":\"tool\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no request carried the tool result: " + calls.size()));
        JsonObject body = Gateway.object(followUp.body());
        assertEquals(Gateway.GPT, body.getString("model"));
        assertTrue(followUp.body().contains(codeword), "the tool result holds what Claude Code read");
        assertTrue(followUp.body().contains("toolu_it_read_2"), "the tool call's id came back with its result");
        assertFalse(followUp.body().contains("srooter1."), "the reasoning envelope is not sent to the provider");
        assertEquals("Bearer " + Gateway.PROVIDER_SECRET_OPENAI, followUp.header("authorization"));
        assertTrue(body.getJsonObject("stream_options").getBoolean("include_usage"));
    }

    /** The fake OpenAI-compatible model: think, ask for the file, then quote the tool's output. */
    private static Reply chatAnswer(JsonObject request, Path notes) {
        if (!request.containsKey("tools") || request.getJsonArray("tools").isEmpty()) {
            return null;
        }
        String toolResult = null;
        for (JsonValue message : request.getJsonArray("messages")) {
            JsonObject m = message.asJsonObject();
            if ("tool".equals(m.getString("role", "")) && m.get("content") instanceof jakarta.json.JsonString s) {
                toolResult = s.getString();
            }
        }
        if (toolResult == null) {
            return Reply.toolCall("toolu_it_read_2", "Read", "{\"file_path\":\"" + notes.toAbsolutePath() + "\"}")
                    .withThinking("I need to read notes.txt first.");
        }
        return Reply.text("I read the file. " + toolResult.strip());
    }

    @Test
    void completesATaskWithOneToolRoundTripThroughTheGateway() throws Exception {
        String codeword = "marmalade-" + System.nanoTime();
        Path notes = work.resolve("project/notes.txt");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "The codeword is " + codeword + ".\n");
        gateway.anthropic.setResponder(request -> answer(request, notes));

        CliRun claude = readNotes(notes, Gateway.HAIKU, Gateway.CLAUDE);
        assertEquals(0, claude.exitCode(), claude.toString());
        String stdout = claude.stdout();

        JsonObject result = Gateway.object(stdout.substring(stdout.indexOf('{')));
        assertTrue(result.getString("result").contains(codeword), stdout);

        List<RecordedRequest> calls = gateway.anthropic.received().stream()
                .filter(r -> r.pathAndQuery().startsWith("/v1/messages")).toList();
        RecordedRequest followUp = calls.stream().filter(r -> r.body().contains("\"tool_result\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no request carried the tool result: " + calls.size()));
        assertTrue(followUp.body().contains(codeword), "the tool result holds what Claude Code read");
        assertTrue(followUp.header("user-agent").startsWith("claude-cli/"), followUp.header("user-agent"));
        assertEquals(Gateway.PROVIDER_SECRET_ANTHROPIC, followUp.header("x-api-key"));
    }

    /**
     * Under srooter defaults (rules by intent), a Claude Code tool loop is one task: its follow-up stays on the model
     * and provider that served the human turn, and an Anthropic model gets its own thinking signature back. The file
     * it reads talks about credentials and injection: tool output is not what the developer asked.
     */
    @Test
    void aToolLoopUnderSrooterDefaultsStaysOnOneModelAndKeepsItsThinking() throws Exception {
        // this test's requests only: the previous test's loop ended a moment ago
        String since = java.time.Instant.now().toString();
        assertEquals(200, gateway.admin("DELETE", "/api/routing/rules", null).statusCode());
        try {
            String codeword = "medlar-" + System.nanoTime();
            Path notes = work.resolve("project/notes.txt");
            Files.createDirectories(notes.getParent());
            Files.writeString(notes, "The codeword is " + codeword + ". TODO: rotate the leaked API keys, fix the JWT"
                    + " signature check and the SQL injection in the login form.\n");
            gateway.anthropic.setResponder(request -> {
                Reply reply = answer(request, notes);
                return reply != null && lastToolResult(request) == null ? reply.withThinking(THOUGHT) : reply;
            });
            gateway.openAi.setResponder(request -> chatAnswer(request, notes));

            CliRun claude = readNotes(notes, Gateway.HAIKU, Gateway.CLAUDE);
            assertEquals(0, claude.exitCode(), claude.toString());
            assertTrue(claude.stdout().contains(codeword), claude.stdout());

            List<JsonObject> loop = TaskLoops.loopTurns(gateway, since, "messages");
            String provider = TaskLoops.oneModelAndProvider(loop, "Claude Code");
            if (provider.equals(Gateway.ANTHROPIC_PROVIDER)) {
                RecordedRequest followUp = gateway.anthropic.received().stream()
                        .filter(r -> r.body().contains("\"tool_result\"")).findFirst().orElseThrow();
                assertTrue(followUp.body().contains(Reply.text("").withThinking(THOUGHT).opaqueState()),
                        "Anthropic gets its own thinking signature back");
            }
        } finally {
            gateway.neutralRouting();
        }
    }

    private static final String THOUGHT = "The file will have the codeword.";

    /** Claude Code, pointed at srooter, asking {@code model} to read {@code notes} (side calls to {@code small}). */
    private CliRun readNotes(Path notes, String small, String model) throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        return CliRun.run(work, notes.getParent(), Map.of(
                        "HOME", home.toString(),
                        "ANTHROPIC_BASE_URL", gateway.url,
                        "ANTHROPIC_API_KEY", gateway.key,
                        "ANTHROPIC_SMALL_FAST_MODEL", small,
                        "ANTHROPIC_DEFAULT_HAIKU_MODEL", small,
                        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                        "DISABLE_TELEMETRY", "1",
                        "DISABLE_AUTOUPDATER", "1"),
                CliRun.client("claude").toString(), "-p", "Read notes.txt and tell me the codeword.",
                "--output-format", "json", "--allowedTools", "Read", "--model", model);
    }

    /** The fake model: ask for the file while it has not been read, then quote what the tool returned. */
    private static Reply answer(JsonObject request, Path notes) {
        if (!request.containsKey("tools") || request.getJsonArray("tools").isEmpty()) {
            return null; // a side call (titles, summaries): the default answer will do
        }
        String toolResult = lastToolResult(request);
        if (toolResult == null) {
            return Reply.toolCall("toolu_it_read_1", "Read", "{\"file_path\":\"" + notes.toAbsolutePath() + "\"}");
        }
        return Reply.text("I read the file. " + toolResult.strip());
    }

    private static String lastToolResult(JsonObject request) {
        String found = null;
        for (JsonValue message : request.getJsonArray("messages")) {
            JsonValue content = message.asJsonObject().get("content");
            if (content.getValueType() != JsonValue.ValueType.ARRAY) {
                continue;
            }
            for (JsonValue block : content.asJsonArray()) {
                JsonObject b = block.asJsonObject();
                if (!"tool_result".equals(b.getString("type", ""))) {
                    continue;
                }
                JsonValue result = b.get("content");
                found = result.getValueType() == JsonValue.ValueType.STRING
                        ? ((jakarta.json.JsonString) result).getString()
                        : result.asJsonArray().stream().map(v -> v.asJsonObject().getString("text", ""))
                                .reduce("", String::concat);
            }
        }
        return found;
    }
}
