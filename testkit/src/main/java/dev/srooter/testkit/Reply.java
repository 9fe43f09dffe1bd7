package dev.srooter.testkit;

import java.util.List;

/**
 * One scripted answer of a fake provider. The same reply renders in whichever wire format the
 * fake speaks, so a test states what the model says, not how each protocol spells it.
 *
 * @param status          HTTP status; anything but 200 answers with the format's error body
 * @param text            assistant text (may be empty when there are tool calls)
 * @param toolCalls       tool calls the model makes, in order
 * @param delayMillis     wait before the response starts
 * @param eventDelayMillis wait between streamed events
 * @param cutAfterEvents  when streaming, drop the connection after this many events (-1: never)
 * @param usage           token counts the fake reports
 * @param thinking        the model's reasoning, shown before the answer (null: none), with opaque state
 *                        ({@link #opaqueState()}) as each format carries it
 * @param truncated       the answer stopped at the output limit ({@code max_tokens}, {@code length})
 */
public record Reply(int status, String text, List<ToolCall> toolCalls, long delayMillis, long eventDelayMillis,
                    int cutAfterEvents, Usage usage, String thinking, boolean truncated) {

    public Reply(int status, String text, List<ToolCall> toolCalls, long delayMillis, long eventDelayMillis,
                 int cutAfterEvents, Usage usage) {
        this(status, text, toolCalls, delayMillis, eventDelayMillis, cutAfterEvents, usage, null, false);
    }

    /** A tool call: {@code argumentsJson} is the JSON object of the arguments, as a string. */
    public record ToolCall(String id, String name, String argumentsJson) {
    }

    /** Tokens as a provider reports them; {@code input} excludes the cached part. */
    public record Usage(int input, int output, int cacheRead, int cacheWrite) {
    }

    public static final Usage DEFAULT_USAGE = new Usage(1200, 80, 300, 100);

    public static Reply text(String text) {
        return new Reply(200, text, List.of(), 0, 0, -1, DEFAULT_USAGE);
    }

    public static Reply toolCall(String id, String name, String argumentsJson) {
        return new Reply(200, "", List.of(new ToolCall(id, name, argumentsJson)), 0, 0, -1, DEFAULT_USAGE);
    }

    /** An error answer in the fake's format, e.g. 429, 500 or 529. */
    public static Reply error(int status) {
        return new Reply(status, "", List.of(), 0, 0, -1, DEFAULT_USAGE);
    }

    /** An error answer with this message in the format's error body (e.g. a context-length error). */
    public static Reply error(int status, String message) {
        return new Reply(status, message, List.of(), 0, 0, -1, DEFAULT_USAGE);
    }

    public Reply delayed(long millis) {
        return new Reply(status, text, toolCalls, millis, eventDelayMillis, cutAfterEvents, usage, thinking, truncated);
    }

    public Reply eventsEvery(long millis) {
        return new Reply(status, text, toolCalls, delayMillis, millis, cutAfterEvents, usage, thinking, truncated);
    }

    public Reply cutAfter(int events) {
        return new Reply(status, text, toolCalls, delayMillis, eventDelayMillis, events, usage, thinking, truncated);
    }

    public Reply withUsage(Usage usage) {
        return new Reply(status, text, toolCalls, delayMillis, eventDelayMillis, cutAfterEvents, usage, thinking, truncated);
    }

    /** The same reply with reasoning before the answer. */
    public Reply withThinking(String reasoning) {
        return new Reply(status, text, toolCalls, delayMillis, eventDelayMillis, cutAfterEvents, usage, reasoning,
                truncated);
    }

    /** The same reply, stopped at the output limit. */
    public Reply cutAtMaxTokens() {
        return new Reply(status, text, toolCalls, delayMillis, eventDelayMillis, cutAfterEvents, usage, thinking, true);
    }

    /**
     * The reasoning's opaque state (Anthropic's signature, OpenAI's encrypted content): derived from the
     * text, so a test can check that exactly this value comes back on the next turn.
     */
    public String opaqueState() {
        return thinking == null ? null : "fake-opaque-" + Integer.toHexString(thinking.hashCode());
    }

    /** The text split into the small pieces a provider streams. */
    List<String> textPieces() {
        List<String> pieces = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }
}
