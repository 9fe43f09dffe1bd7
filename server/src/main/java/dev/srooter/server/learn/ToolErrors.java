package dev.srooter.server.learn;

import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether the tool results a follow-up carries back report an error: marked so by the client (Anthropic's
 * {@code is_error}), or a command's non-zero exit code in the result (Codex reports {@code "exit_code": 1}).
 */
public final class ToolErrors {

    private static final Pattern NON_ZERO_EXIT = Pattern.compile("\"exit_code\"\\s*:\\s*[1-9]|Exit code:? [1-9]");

    private ToolErrors() {
    }

    /** Whether the newest user message (the results of the last round of tool calls) has a failed one. */
    public static boolean inLastRound(ChatRequest request) {
        List<Message> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.role() == Message.Role.ASSISTANT) {
                return false;
            }
            for (Part p : m.parts()) {
                if (p instanceof Part.ToolResult r && (r.isError() || r.content().stream().anyMatch(c ->
                        c instanceof Part.Text t && NON_ZERO_EXIT.matcher(t.text().length() > 4000
                                ? t.text().substring(0, 4000) : t.text()).find()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
