package dev.srooter.server.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.Js;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Skill text goes after the client's own system prompt in each wire format; the captured Claude Code request
 * keeps every cache_control breakpoint on the block it was on, covering the same bytes; the same text always
 * gives the same bytes.
 */
class SkillInjectionTest {

    private static final String TEXT = "[skill] test first.\n\n[skill] spec first.";

    private static JsonObject fixture(String name) throws Exception {
        Path dir = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"));
        return Js.parse(Files.readAllBytes(dir.resolve(name))).getJsonObject("body");
    }

    @Test
    void claudeCodesSystemBlocksKeepTheirBreakpointsAndTheSkillComesAfterThem() throws Exception {
        JsonObject body = fixture("claude-code-2.1.328/request-2-tool-result.json");
        JsonArray before = body.getJsonArray("system");
        JsonObject injected = SkillInjection.inject(body, WireFormat.ANTHROPIC_MESSAGES, TEXT);
        JsonArray after = injected.getJsonArray("system");
        assertEquals(before.size() + 1, after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), "block " + i + " (and its cache_control) unchanged");
        }
        JsonObject skill = after.getJsonObject(after.size() - 1);
        assertEquals(TEXT, skill.getString("text"));
        assertFalse(skill.containsKey("cache_control"), "srooter adds no breakpoint of its own");
        assertEquals(body.get("messages"), injected.get("messages"));
        assertEquals(body.get("tools"), injected.get("tools"));

        // the bytes up to the end of the client's last system block are the client's: the breakpoint's prefix
        String original = new String(Js.bytes(Js.object(body).remove("messages").build()), StandardCharsets.UTF_8);
        String withSkill = new String(Js.bytes(Js.object(injected).remove("messages").build()), StandardCharsets.UTF_8);
        String lastBlock = new String(Js.bytes(before.get(before.size() - 1)), StandardCharsets.UTF_8);
        String prefix = original.substring(0, original.indexOf(lastBlock) + lastBlock.length());
        assertTrue(withSkill.startsWith(prefix), "same prefix up to the last breakpoint");

        byte[] once = Js.bytes(SkillInjection.inject(body, WireFormat.ANTHROPIC_MESSAGES, TEXT));
        byte[] again = Js.bytes(SkillInjection.inject(body, WireFormat.ANTHROPIC_MESSAGES, TEXT));
        assertTrue(java.util.Arrays.equals(once, again), "identical skills, identical bytes");
    }

    @Test
    void aStringSystemOrNoneAtAll() {
        JsonObject withString = Js.parse("{\"model\":\"m\",\"system\":\"You are terse.\",\"messages\":[]}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("You are terse.\n\n" + TEXT, SkillInjection.inject(withString, WireFormat.ANTHROPIC_MESSAGES, TEXT)
                .getString("system"));
        JsonObject without = Js.parse("{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(TEXT, SkillInjection.inject(without, WireFormat.ANTHROPIC_MESSAGES, TEXT).getString("system"));
    }

    @Test
    void chatGetsAMessageAfterTheLeadingSystemOrDeveloperOnes() {
        JsonObject chat = Js.parse(("{\"model\":\"gpt\",\"messages\":[{\"role\":\"developer\",\"content\":\"d\"},"
                + "{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        JsonArray messages = SkillInjection.inject(chat, WireFormat.OPENAI_CHAT, TEXT).getJsonArray("messages");
        assertEquals(List.of("developer", "system", "developer", "user"),
                messages.stream().map(m -> m.asJsonObject().getString("role")).toList());
        assertEquals(TEXT, messages.getJsonObject(2).getString("content"));

        JsonObject plain = Js.parse("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"u\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        JsonArray first = SkillInjection.inject(plain, WireFormat.OPENAI_CHAT, TEXT).getJsonArray("messages");
        assertEquals("system", first.getJsonObject(0).getString("role"));
        assertEquals("user", first.getJsonObject(1).getString("role"));
    }

    @Test
    void responsesInstructionsAreAppendedToOrCodexsDeveloperMessagesFollowed() throws Exception {
        JsonObject withInstructions = Js.parse("{\"model\":\"gpt\",\"instructions\":\"Be brief.\",\"input\":\"hi\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("Be brief.\n\n" + TEXT, SkillInjection.inject(withInstructions, WireFormat.OPENAI_RESPONSES, TEXT)
                .getString("instructions"));

        // Codex CLI sends no instructions: its prompt is developer messages leading the input
        JsonObject codex = fixture("codex-0.169.0/request-1-first-turn.json");
        JsonArray before = codex.getJsonArray("input");
        JsonObject injected = SkillInjection.inject(codex, WireFormat.OPENAI_RESPONSES, TEXT);
        JsonArray after = injected.getJsonArray("input");
        assertFalse(injected.containsKey("instructions"));
        assertEquals(before.size() + 1, after.size());
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(1), after.get(1));
        JsonObject skill = after.getJsonObject(2);
        assertEquals("developer", skill.getString("role"));
        assertEquals(TEXT, skill.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals(before.get(2), after.get(3), "the user's turn follows");
    }

    @Test
    void scopeIsReadFromWhatClientsSend() throws Exception {
        Path dir = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"));
        String claude = Files.readString(dir.resolve("claude-code-2.1.328/request-2-tool-result.json"));
        assertEquals("/home/dev/project", RequestScope.workingDirectory(claude));
        assertTrue(RequestScope.paths(claude).contains("/home/dev/project/note.txt"), RequestScope.paths(claude).toString());
        String codex = Files.readString(dir.resolve("codex-0.169.0/request-1-first-turn.json"));
        assertEquals("/home/dev/project", RequestScope.workingDirectory(codex));
        String patch = "{\"input\":[{\"type\":\"function_call\",\"arguments\":\"{\\\"input\\\":\\\"*** Begin Patch\\\\n"
                + "*** Update File: db/migrations/V3__pay.sql\\\\n@@\\\"}\"}]}";
        assertEquals(List.of("db/migrations/V3__pay.sql"), RequestScope.paths(patch));
    }

    @Test
    void globsMatchAsDevelopersWriteThem() {
        assertTrue(Globs.matches("*.sql", "db/migrations/V3__pay.sql"));
        assertTrue(Globs.matches("migrations", "db/migrations/V3__pay.sql"));
        assertTrue(Globs.matches("services/payments/**", "/home/dev/shop/services/payments/api/Charge.java"));
        assertTrue(Globs.matches("src/*/Auth*.java", "src/security/AuthFilter.java"));
        assertFalse(Globs.matches("src/*/Auth*.java", "src/security/deep/AuthFilter.java"));
        assertFalse(Globs.matches("*.sql", "README.md"));
        assertFalse(Globs.matches("payments/**", "docs/payment.md"));
    }
}
