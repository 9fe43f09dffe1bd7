package dev.srooter.server.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.WireFormat;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The captured requests of Claude Code and Codex CLI ({@code ../shared/fixtures}), carried into every
 * provider format and read back: the system prompt, every turn (texts, tool calls with their ids and
 * arguments, tool results) and every tool definition survive each crossing.
 */
class FixtureTranslationTest {

    static Stream<Arguments> crossings() throws IOException {
        Path root = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"));
        assertTrue(Files.isDirectory(root), "fixtures folder " + root.toAbsolutePath() + " is missing");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                WireFormat client = file.getParent().getFileName().toString().startsWith("codex")
                        ? WireFormat.OPENAI_RESPONSES : WireFormat.ANTHROPIC_MESSAGES;
                for (WireFormat provider : WireFormat.values()) {
                    out.add(Arguments.of(root.relativize(file).toString(), file, client, provider));
                }
            }
        }
        assertFalse(out.isEmpty(), "no captured requests under " + root.toAbsolutePath());
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {3}")
    @MethodSource("crossings")
    void everyTurnAndToolSurvives(String name, Path file, WireFormat client, WireFormat provider) throws IOException {
        JsonObject body = Js.parse(Files.readAllBytes(file)).getJsonObject("body");
        ChatRequest read = Codecs.of(client).readRequest(body);
        Conversation original = Conversation.of(read);
        assertFalse(original.system().isEmpty(), "the client's instructions were read");
        assertFalse(original.turns().isEmpty(), "the conversation was read");
        assertFalse(original.tools().isEmpty(), "the tools were read");

        JsonObject written = Codecs.of(provider).writeRequest(read, new Crossing("p", "served-model", "max_tokens"));
        assertEquals("served-model", written.getString("model"));
        ChatRequest back = Codecs.of(provider).readRequest(written);
        Conversation carried = Conversation.of(back);

        assertEquals(original.system(), carried.system(), "system prompt");
        assertEquals(original.turns(), carried.turns(), "turns");
        assertEquals(original.tools(), carried.tools(), "tools");
        assertEquals(read.stream(), back.stream(), "stream");
        assertEquals(read.user(), back.user(), "end user");
        assertEquals(read.reasoning() != null, back.reasoning() != null, "reasoning asked for");
    }

    @ParameterizedTest(name = "{0} as {3}")
    @MethodSource("crossings")
    void whatTheClientsSendIsRead(String name, Path file, WireFormat client, WireFormat provider) throws IOException {
        JsonObject body = Js.parse(Files.readAllBytes(file)).getJsonObject("body");
        ChatRequest read = Codecs.of(client).readRequest(body);
        if (client == WireFormat.ANTHROPIC_MESSAGES) {
            // Claude Code: metadata.user_id, thinking, a max_tokens, 12 client tools
            assertNotNull(read.user());
            assertNotNull(read.reasoning());
            assertEquals(body.getInt("max_tokens"), read.maxTokens());
            assertEquals(body.getJsonArray("tools").size(), read.tools().size());
        } else {
            // Codex: namespace tools flattened, the hosted web_search tool dropped and said so
            assertTrue(read.tools().size() > 8, "namespace functions are carried: " + read.tools().size());
            assertTrue(read.dropped().contains("tool of type web_search"), read.dropped().toString());
            assertNotNull(read.reasoning());
        }
        if (name.contains("request-2")) {
            List<String> turns = Conversation.of(read).turns();
            String call = turns.stream().filter(t -> t.contains(" call:")).findFirst().orElseThrow();
            String callId = call.split(":")[1];
            assertTrue(turns.stream().anyMatch(t -> t.contains(" result:" + callId + ":")),
                    "the tool result answers call " + callId + ": " + turns);
        }
    }
}
