package dev.srooter.server.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which files an agent's last round of tool calls wrote, as Claude Code and Codex CLI call their tools. */
class WrittenFilesTest {

    private static ChatRequest round(Part.ToolCall... calls) {
        List<Message> messages = new ArrayList<>();
        messages.add(new Message(Message.Role.USER, List.of(new Part.Text("do it", null))));
        messages.add(new Message(Message.Role.ASSISTANT, List.of(calls)));
        List<Part> results = new ArrayList<>();
        for (Part.ToolCall c : calls) {
            results.add(new Part.ToolResult(c.id(), List.of(new Part.Text("ok", null)), false));
        }
        messages.add(new Message(Message.Role.USER, results));
        return new ChatRequest("m", List.of(), messages, List.of(), null, 64, 0.0, null, List.of(), false, null, null,
                null, List.of());
    }

    private static Part.ToolCall call(String name, String arguments) {
        return new Part.ToolCall("c" + Math.abs(arguments.hashCode()), name, arguments);
    }

    @Test
    void claudeCodesEditsAndWrites() {
        assertEquals(List.of("/repo/src/a.py", "/repo/src/b.py"), WrittenFiles.byLastRound(round(
                call("Edit", "{\"file_path\":\"/repo/src/a.py\",\"old_string\":\"x\",\"new_string\":\"y\"}"),
                call("Read", "{\"file_path\":\"/repo/src/c.py\"}"),
                call("Write", "{\"file_path\":\"/repo/src/b.py\",\"content\":\"z\"}"))));
    }

    @Test
    void codexPatchesAsItsOwnToolAndInAShell() {
        String patch = "*** Begin Patch\\n*** Update File: src/a.py\\n@@\\n-x\\n+y\\n*** Add File: src/b.py\\n+z\\n"
                + "*** End Patch";
        assertEquals(List.of("src/a.py", "src/b.py"), WrittenFiles.byLastRound(round(
                call("apply_patch", "{\"input\":\"" + patch + "\"}"))));
        assertEquals(List.of("src/a.py", "src/b.py"), WrittenFiles.byLastRound(round(
                call("shell", "{\"command\":[\"apply_patch\",\"" + patch + "\"]}"))));
    }

    @Test
    void plainShellWrites() {
        assertEquals(List.of("src/c.py", "notes.txt"), WrittenFiles.byLastRound(round(call("shell",
                "{\"command\":[\"bash\",\"-lc\",\"sed -i 's/a/b/' src/c.py && echo hi > notes.txt 2>/dev/null\"]}"))));
        assertEquals(List.of("src/d.py", "src/e.py"), WrittenFiles.byLastRound(round(call("Bash",
                "{\"command\":\"cat > src/d.py <<'EOF'\\nprint(1)\\nEOF\\ncp src/d.py src/e.py\"}"))));
        assertEquals(List.of(), WrittenFiles.byLastRound(round(call("Bash", "{\"command\":\"grep -n foo src/f.py\"}"))));
    }

    @Test
    void aRoundWhoseResultsHaveNotComeBackWroteNothingYet() {
        List<Message> messages = List.of(new Message(Message.Role.USER, List.of(new Part.Text("do it", null))),
                new Message(Message.Role.ASSISTANT, List.of(call("Write", "{\"file_path\":\"a.py\"}"))));
        assertEquals(List.of(), WrittenFiles.byLastRound(new ChatRequest("m", List.of(), messages, List.of(), null, 64,
                0.0, null, List.of(), false, null, null, null, List.of())));
    }
}
