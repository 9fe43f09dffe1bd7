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
 */
public record Reply(int status, String text, List<ToolCall> toolCalls, long delayMillis, long eventDelayMillis,
                    int cutAfterEvents, Usage usage) {

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

    public Reply delayed(long millis) {
        return new Reply(status, text, toolCalls, millis, eventDelayMillis, cutAfterEvents, usage);
    }

    public Reply eventsEvery(long millis) {
        return new Reply(status, text, toolCalls, delayMillis, millis, cutAfterEvents, usage);
    }

    public Reply cutAfter(int events) {
        return new Reply(status, text, toolCalls, delayMillis, eventDelayMillis, events, usage);
    }

    public Reply withUsage(Usage usage) {
        return new Reply(status, text, toolCalls, delayMillis, eventDelayMillis, cutAfterEvents, usage);
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
