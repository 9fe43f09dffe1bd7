package dev.srooter.testkit;

import java.nio.charset.StandardCharsets;

/**
 * A fault no protocol would script: the fake answers with these headers and bytes as they are. A body that stalls
 * after its first bytes, an event stream of garbage, an answer of hundreds of megabytes, a provider that accepts
 * the request and never answers at all ({@link #never()}).
 *
 * @param status      the HTTP status
 * @param contentType the answer's content type
 * @param head        bytes sent at once after the headers; null: not even the headers are sent
 * @param stallMillis pause after the head
 * @param repeat      bytes sent after the pause, {@code times} times (a huge answer without a huge array)
 * @param times       how many times {@code repeat} is sent
 * @param end         bytes sent last
 */
public record RawReply(int status, String contentType, byte[] head, long stallMillis, byte[] repeat, int times,
                       byte[] end) {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code head}, a pause, then {@code tail}. */
    public static RawReply stalling(String contentType, String head, long stallMillis, String tail) {
        return new RawReply(200, contentType, utf8(head), stallMillis, new byte[0], 0, utf8(tail));
    }

    /** Accepts the connection and the request, and sends nothing back for ten minutes. */
    public static RawReply never() {
        return new RawReply(200, "application/json", null, 600_000, new byte[0], 0, new byte[0]);
    }

    /** {@code head}, then {@code times} copies of {@code chunk}, then {@code end}. */
    public static RawReply huge(String contentType, String head, String chunk, int times, String end) {
        return new RawReply(200, contentType, utf8(head), 0, utf8(chunk), times, utf8(end));
    }
}
