package dev.srooter.server.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Events are the same however the stream is cut into pieces, and as the specification's line rules read them. */
class SseParserTest {

    private static final String[] PARTS = {"event: message_start", "data: {\"a\":1}", "data:{\"b\":\"é—😀\"}", "data",
        ": a comment", "id: 7", "event:", "data: ", "data:  two spaces", "retry: 10", "data: x:y", "", "\n", "\r",
        "\r\n", "\n\n", "\r\r", "\r\n\r\n"};

    @Test
    void anyCutOfAStreamGivesTheEventsTheLineRulesGive() {
        Random random = new Random(6);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder stream = new StringBuilder();
            int parts = random.nextInt(30);
            for (int k = 0; k < parts; k++) {
                stream.append(PARTS[random.nextInt(PARTS.length)]);
                if (random.nextInt(3) == 0) {
                    stream.append(random.nextBoolean() ? "\n" : "\r\n");
                }
            }
            byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
            List<String> expected = byLineRules(stream.toString());
            assertEquals(expected, fed(bytes, bytes.length), "in one piece: " + stream);
            assertEquals(expected, fed(bytes, 1), "a byte at a time: " + stream);
            assertEquals(expected, fed(bytes, 1 + random.nextInt(16)), "in pieces: " + stream);
        }
    }

    @Test
    void aLineLongerThanTheBufferIsKeptWhole() {
        String data = "x".repeat(5_000) + "é".repeat(700);
        byte[] bytes = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("null|" + data), fed(bytes, 333));
    }

    /** Feeds the bytes in pieces of {@code size} (a network read's worth), then ends the stream. */
    private static List<String> fed(byte[] bytes, int size) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser((name, data) -> events.add(name + "|" + data));
        for (int at = 0; at < bytes.length; at += size) {
            int n = Math.min(size, bytes.length - at);
            byte[] piece = new byte[n + 3]; // a reused read buffer is longer than what a read put in it
            System.arraycopy(bytes, at, piece, 0, n);
            parser.feed(piece, n);
        }
        parser.finish();
        return events;
    }

    /** The specification's rules over the whole text: lines end at CRLF, LF or CR; a blank line sends the event. */
    private static List<String> byLineRules(String stream) {
        List<String> events = new ArrayList<>();
        String[] lines = stream.split("\r\n|\n|\r", -1);
        String name = null;
        StringBuilder data = null;
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            boolean last = k == lines.length - 1;
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(name + "|" + data);
                }
                name = null;
                data = null;
                continue;
            }
            if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                if (field.equals("data")) {
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                } else if (field.equals("event")) {
                    name = value;
                }
            }
            if (last && data != null) {
                events.add(name + "|" + data); // the stream ended without a blank line: still delivered
            }
        }
        return events;
    }
}
