package dev.srooter.server.translate;

/** Why the model stopped, named once for every format. */
public enum StopReason {
    END_TURN("end_turn", "stop"),
    TOOL_USE("tool_use", "tool_calls"),
    MAX_TOKENS("max_tokens", "length"),
    STOP_SEQUENCE("stop_sequence", "stop"),
    REFUSAL("refusal", "content_filter");

    private final String anthropic;
    private final String chat;

    StopReason(String anthropic, String chat) {
        this.anthropic = anthropic;
        this.chat = chat;
    }

    public String anthropic() {
        return anthropic;
    }

    public String chat() {
        return chat;
    }

    public static StopReason fromAnthropic(String value) {
        if (value == null) {
            return END_TURN;
        }
        return switch (value) {
            case "tool_use" -> TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> MAX_TOKENS;
            case "stop_sequence" -> STOP_SEQUENCE;
            case "refusal" -> REFUSAL;
            default -> END_TURN; // end_turn, pause_turn
        };
    }

    public static StopReason fromChat(String value) {
        if (value == null) {
            return END_TURN;
        }
        return switch (value) {
            case "tool_calls", "function_call" -> TOOL_USE;
            case "length" -> MAX_TOKENS;
            case "content_filter" -> REFUSAL;
            default -> END_TURN;
        };
    }
}
