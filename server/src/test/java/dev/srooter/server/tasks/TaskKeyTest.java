package dev.srooter.server.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.Js;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Tasks from the real captured requests ({@code ../shared/fixtures}): a tool round trip of Claude Code and of
 * Codex CLI is one task (turn 0, then 1); a side call, a new human turn, another session or another key is not.
 */
class TaskKeyTest {

    private static final Path FIXTURES = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"));

    private static JsonObject body(String file) throws Exception {
        return Js.parse(Files.readAllBytes(FIXTURES.resolve(file))).getJsonObject("body");
    }

    private static ChatRequest read(WireFormat format, JsonObject body) {
        return Codecs.of(format).readRequest(body);
    }

    private static TaskKey claude(JsonObject body, String session) {
        return TaskKey.of("key-1", session, read(WireFormat.ANTHROPIC_MESSAGES, body));
    }

    @Test
    void aClaudeCodeToolRoundTripIsOneTask() throws Exception {
        TaskKey first = claude(body("claude-code-2.1.328/request-1-first-turn.json"), "s1");
        TaskKey followUp = claude(body("claude-code-2.1.328/request-2-tool-result.json"), "s1");
        assertEquals(first.id(), followUp.id());
        assertEquals(0, first.turn());
        assertEquals(1, followUp.turn());
    }

    @Test
    void aCodexToolRoundTripIsOneTask() throws Exception {
        TaskKey first = TaskKey.of("key-1", "s1", read(WireFormat.OPENAI_RESPONSES,
                body("codex-0.169.0/request-1-first-turn.json")));
        TaskKey followUp = TaskKey.of("key-1", "s1", read(WireFormat.OPENAI_RESPONSES,
                body("codex-0.169.0/request-2-tool-output.json")));
        assertEquals(first.id(), followUp.id());
        assertEquals(0, first.turn());
        assertEquals(1, followUp.turn());
    }

    @Test
    void aNewHumanTurnASideCallAnotherSessionOrKeyIsAnotherTask() throws Exception {
        JsonObject followUp = body("claude-code-2.1.328/request-2-tool-result.json");
        TaskKey task = claude(followUp, "s1");

        JsonObject nextTurn = Js.object(followUp).add("messages", jakarta.json.Json.createArrayBuilder(followUp.getJsonArray("messages"))
                .add(Js.parseValue("{\"role\":\"assistant\",\"content\":\"The note says hello.\"}"))
                .add(Js.parseValue("{\"role\":\"user\",\"content\":\"Now fix the typo in it.\"}"))).build();
        TaskKey next = claude(nextTurn, "s1");
        assertNotEquals(task.id(), next.id(), "a new human turn begins a new task");
        assertEquals(0, next.turn());

        JsonObject title = Js.parse(("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":512,\"system\":[{\"type\":"
                + "\"text\",\"text\":\"Generate a concise title for this conversation.\"}],\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"READFILE:/home/dev/project/note.txt\"}],\"tools\":[]}").getBytes());
        assertNotEquals(task.id(), claude(title, "s1").id(), "a title side call is a task of its own");

        assertNotEquals(task.id(), claude(followUp, "s2").id(), "another session");
        assertNotEquals(task.id(), TaskKey.of("key-2", "s1", read(WireFormat.ANTHROPIC_MESSAGES, followUp)).id(),
                "another developer's key");
        assertEquals(task.id(), claude(followUp, "s1").id(), "the same request, the same task");
    }

    /**
     * Task ids stay what they were across srooter versions: a server upgraded while an agent works must find the
     * agent's next turn in the same task. The ids of the captured requests and of a conversation with text beyond
     * ASCII (accents, CJK, a surrogate pair cut by the 64-character end) as computed by the first version of TaskKey.
     */
    @Test
    void idsAreStableAcrossVersions() throws Exception {
        assertEquals("42fe4e10ebcc29c0a7b8f2d0", claude(body("claude-code-2.1.328/request-2-tool-result.json"), "s1").id());
        assertEquals("faee34bb45fbdcf46111fd21", TaskKey.of("key-1", "thread", read(WireFormat.OPENAI_RESPONSES,
                body("codex-0.169.0/request-2-tool-output.json"))).id());
        String long64 = "é".repeat(63) + "\uD83D\uDE00" + "x".repeat(100) + "中文".repeat(40) + "\uD83D\uDE00";
        JsonObject mixed = Js.parse(("{\"model\":\"m\",\"system\":\"" + long64 + "\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"" + long64.repeat(12) + "\"},"
                + "{\"role\":\"assistant\",\"content\":\"" + long64 + "\"},"
                + "{\"role\":\"user\",\"content\":\"" + long64.repeat(9) + "\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("846bcf20c90b2784a3c0007c", claude(mixed, null).id());
    }
}
