package dev.srooter.server.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks in one pass over the raw bytes that a request body is well-formed JSON, and notes where
 * each top-level member's value lies, without building a tree. The passthrough path needs only a few
 * top-level fields (model, stream) and must forward every other byte untouched; a full parse of a
 * coding agent's 50 KB body would cost more than the rest of the gateway.
 */
public final class JsonScan {

    private static final int MAX_DEPTH = 512;

    /** The body is not well-formed JSON (or not an object); the message says where and why. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Where a top-level member's value lies in the body: {@code [start, end)}. */
    public record Span(int start, int end) {
    }

    /** The top-level members of a JSON object body. */
    public static final class TopLevel {
        private final byte[] body;
        private final Map<String, Span> members;

        TopLevel(byte[] body, Map<String, Span> members) {
            this.body = body;
            this.members = members;
        }

        /**
         * The members of a body another reader found while parsing all of it (the request path's tree reader, which
         * accepts no body that {@link #scan} refuses): the body is then read once, not twice.
         */
        public static TopLevel of(byte[] body, Map<String, Span> members) {
            return new TopLevel(body, members);
        }

        public boolean has(String name) {
            return members.containsKey(name);
        }

        /** The member's value if it is a JSON string, else null. */
        public String string(String name) {
            Span span = members.get(name);
            if (span == null || body[span.start()] != '"') {
                return null;
            }
            return decodeString(body, span.start(), span.end());
        }

        /** True only when the member is the literal {@code true}. */
        public boolean isTrue(String name) {
            Span span = members.get(name);
            return span != null && body[span.start()] == 't';
        }

        /** The member's raw JSON text, or null. */
        public String raw(String name) {
            Span span = members.get(name);
            return span == null ? null : new String(body, span.start(), span.end() - span.start(),
                    StandardCharsets.UTF_8);
        }

        /** A copy of the body with one member's value replaced by a JSON string; all other bytes kept. */
        public byte[] withString(String name, String value) {
            Span span = members.get(name);
            byte[] replacement = quote(value).getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[body.length - (span.end() - span.start()) + replacement.length];
            System.arraycopy(body, 0, out, 0, span.start());
            System.arraycopy(replacement, 0, out, span.start(), replacement.length);
            System.arraycopy(body, span.end(), out, span.start() + replacement.length, body.length - span.end());
            return out;
        }
    }

    private final byte[] b;
    private int i;

    private JsonScan(byte[] body) {
        this.b = body;
    }

    /** Validates {@code body} as a JSON object and indexes its top-level members. */
    public static TopLevel scan(byte[] body) throws Malformed {
        JsonScan scan = new JsonScan(body);
        scan.skipWhitespace();
        if (scan.i >= body.length || body[scan.i] != '{') {
            throw new Malformed("the request body must be a JSON object");
        }
        Map<String, Span> members = new HashMap<>();
        scan.object(1, members);
        scan.skipWhitespace();
        if (scan.i != body.length) {
            throw scan.error("unexpected content after the JSON object");
        }
        return new TopLevel(body, members);
    }

    private void value(int depth) throws Malformed {
        if (i >= b.length) {
            throw error("unexpected end of input");
        }
        switch (b[i]) {
            case '{' -> object(depth + 1, null);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object(int depth, Map<String, Span> members) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        i++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            i++;
            return;
        }
        while (true) {
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            int keyStart = i;
            string();
            int keyEnd = i;
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':' after a member name");
            }
            i++;
            skipWhitespace();
            int valueStart = i;
            value(depth);
            if (members != null) {
                members.put(decodeString(b, keyStart, keyEnd), new Span(valueStart, i));
            }
            skipWhitespace();
            byte next = peek();
            i++;
            if (next == '}') {
                return;
            }
            if (next != ',') {
                throw error("expected ',' or '}' in an object");
            }
            skipWhitespace();
        }
    }

    private void array(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        i++; // '['
        skipWhitespace();
        if (peek() == ']') {
            i++;
            return;
        }
        while (true) {
            skipWhitespace();
            value(depth);
            skipWhitespace();
            byte next = peek();
            i++;
            if (next == ']') {
                return;
            }
            if (next != ',') {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private void string() throws Malformed {
        i++; // opening quote
        while (i < b.length) {
            byte c = b[i];
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\') {
                i++;
                if (i >= b.length) {
                    break;
                }
                switch (b[i]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i++;
                    case 'u' -> {
                        for (int k = 1; k <= 4; k++) {
                            if (i + k >= b.length || Character.digit(b[i + k], 16) < 0) {
                                throw error("bad \\u escape in a string");
                            }
                        }
                        i += 5;
                    }
                    default -> throw error("bad escape in a string");
                }
            } else if (c >= 0 && c < 0x20) {
                throw error("control character in a string");
            } else {
                i++;
            }
        }
        throw error("unterminated string");
    }

    private void number() throws Malformed {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else if (digits() == 0) {
            throw error("unexpected character");
        }
        if (peek() == '.') {
            i++;
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (i == start) {
            throw error("unexpected character");
        }
    }

    private int digits() {
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - start;
    }

    private void literal(String word) throws Malformed {
        for (int k = 0; k < word.length(); k++) {
            if (i + k >= b.length || b[i + k] != word.charAt(k)) {
                throw error("unexpected character");
            }
        }
        i += word.length();
    }

    private byte peek() {
        return i < b.length ? b[i] : 0;
    }

    private void skipWhitespace() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
    }

    private Malformed error(String what) {
        return new Malformed("malformed JSON at byte " + i + ": " + what);
    }

    /** Decodes the JSON string whose quotes are at {@code start} and {@code end - 1}. */
    static String decodeString(byte[] b, int start, int end) {
        boolean escaped = false;
        for (int k = start + 1; k < end - 1; k++) {
            if (b[k] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(b, start + 1, end - start - 2, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(end - start);
        StringBuilder out = new StringBuilder();
        for (int k = start + 1; k < end - 1; k++) {
            if (b[k] != '\\') {
                raw.write(b[k]);
                continue;
            }
            out.append(raw.toString(StandardCharsets.UTF_8));
            raw.reset();
            char e = (char) b[++k];
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(new String(b, k + 1, 4, StandardCharsets.US_ASCII), 16));
                    k += 4;
                }
                default -> out.append(e);
            }
        }
        return out.append(raw.toString(StandardCharsets.UTF_8)).toString();
    }

    /** A Java string as a JSON string literal. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
