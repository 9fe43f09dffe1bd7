package dev.srooter.server.translate;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads JSON straight from UTF-8 bytes, for the request path ({@link JsonBytesWriter} writes it). Coding agents'
 * bodies are mostly long strings (prompts, files, tool output); the general-purpose reader decodes them a character
 * at a time through a {@code Reader}, which made parsing 60% of the translation's cost
 * ({@code bench/README.md}). Here a string without escapes or non-ASCII bytes, the common case, becomes a
 * {@code String} with one copy; everything else takes the careful path. Values are Jakarta JSON values,
 * so the codecs do not care which reader made them.
 */
final class JsonBytes {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int MAX_DEPTH = 512;

    private final byte[] b;
    private int i;

    private JsonBytes(byte[] bytes) {
        this.b = bytes;
    }

    /** The JSON value in {@code bytes}; malformed input throws {@link IllegalArgumentException}. */
    static JsonValue parse(byte[] bytes) {
        return parse(bytes, null);
    }

    /**
     * The same, telling {@code members} where each top-level member's value lies when the value is an object: so that
     * a request body is read once into both its tree and its top-level spans ({@code wire.JsonScan} accepts exactly
     * what this accepts; {@code JsonScanAgreementTest} holds the two to it).
     */
    static JsonValue parse(byte[] bytes, Js.MemberSpans members) {
        JsonBytes p = new JsonBytes(bytes);
        p.topLevel = members;
        JsonValue value = p.value(0);
        p.space();
        if (p.i != bytes.length) {
            throw p.error("content after the JSON value");
        }
        return value;
    }

    /** Where the top-level object's members go, or null. */
    private Js.MemberSpans topLevel;

    /** {@code depth}: the number of arrays and objects around the value (nesting is limited as in JsonScan). */
    private JsonValue value(int depth) {
        space();
        if (i >= b.length) {
            throw error("unexpected end");
        }
        switch (b[i]) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                CommonStrings.Word word = common();
                return word != null ? word.json() : JSON.createValue(string());
            case 't':
                literal("true");
                return JsonValue.TRUE;
            case 'f':
                literal("false");
                return JsonValue.FALSE;
            case 'n':
                literal("null");
                return JsonValue.NULL;
            default:
                return number();
        }
    }

    private JsonObject object(int depth) {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        i++; // {
        space();
        if (peek() == '}') {
            i++;
            return ParsedObject.EMPTY;
        }
        String[] names = new String[4];
        JsonValue[] values = new JsonValue[4];
        int count = 0;
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            CommonStrings.Word word = common();
            String name = word != null ? word.text() : string();
            space();
            expect(':');
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            if (depth == 0 && topLevel != null) {
                space();
                int start = i;
                values[count] = value(depth + 1);
                topLevel.member(name, start, i);
            } else {
                values[count] = value(depth + 1);
            }
            count++;
            space();
            byte next = next();
            if (next == '}') {
                return new ParsedObject(names, values, count);
            }
            if (next != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private JsonArray array(int depth) {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        i++; // [
        space();
        if (peek() == ']') {
            i++;
            return ParsedArray.EMPTY;
        }
        JsonValue[] values = new JsonValue[4];
        int count = 0;
        while (true) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = value(depth + 1);
            space();
            byte next = next();
            if (next == ']') {
                return new ParsedArray(values, count);
            }
            if (next != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    /**
     * The common word ({@link CommonStrings}) that the string starting at {@code i} is, with {@code i} moved past it;
     * or null, with {@code i} where it was. A string with an escape is never one (it goes the way of every string).
     */
    private CommonStrings.Word common() {
        final byte[] src = b;
        int start = i + 1; // after the opening quote
        int limit = Math.min(src.length, start + CommonStrings.LONGEST + 1);
        int end = start;
        while (end < limit && src[end] != '"' && src[end] != '\\') {
            end++;
        }
        if (end == limit || src[end] != '"') {
            return null;
        }
        CommonStrings.Word word = CommonStrings.find(src, start, end - start);
        if (word != null) {
            i = end + 1;
        }
        return word;
    }

    /**
     * Where ASCII strings with escapes are unescaped: the thread's, reused across documents (a new one for each
     * document was about 1% of what a small request allocates), and not kept once a string has grown it past
     * {@link #KEPT_SCRATCH} bytes, so that one long pasted file does not stay with the thread.
     */
    private byte[] scratch = SCRATCH.get();
    private static final int KEPT_SCRATCH = 16 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

    private String string() {
        final byte[] src = b;
        final int start = ++i; // after the opening quote
        // the common case first, in a loop the JIT keeps tight: plain ASCII up to the closing quote
        int k = start;
        while (k < src.length) {
            byte c = src[k];
            if (c == '"') {
                i = k + 1;
                return new String(src, start, k - start, StandardCharsets.ISO_8859_1);
            }
            if (c == '\\' || c < 0x20) { // control characters, and non-ASCII bytes (negative)
                break;
            }
            k++;
        }
        // next, strings with escapes (the \n of source code) or beyond ASCII (a prompt's dashes and quotes): unescaped
        // into the scratch buffer as UTF-8 and decoded once; a StringBuilder filled a run at a time, as the careful path
        // does, cost a tenth of the processor on a captured Claude Code request
        byte[] dst = scratch;
        if (dst.length < k - start + 64) {
            dst = new byte[Math.max(dst.length * 2, k - start + 64)];
        }
        System.arraycopy(src, start, dst, 0, k - start);
        int n = k - start;
        while (k < src.length) {
            // a plain run (bytes beyond ASCII included: they are copied as they are), copied in bulk
            int run = k;
            while (k < src.length) {
                byte c = src[k];
                if (c == '"' || c == '\\' || c >= 0 && c < 0x20) {
                    break;
                }
                k++;
            }
            if (n + (k - run) + 4 >= dst.length) {
                dst = Arrays.copyOf(dst, Math.max(dst.length * 2, n + (k - run) + 64));
            }
            System.arraycopy(src, run, dst, n, k - run);
            n += k - run;
            if (k >= src.length) {
                break;
            }
            byte c = src[k];
            if (c == '"') {
                keep(dst);
                i = k + 1;
                return new String(dst, 0, n, StandardCharsets.UTF_8);
            }
            if (c != '\\' || k + 1 >= src.length) {
                break; // control characters: the careful path says what is wrong
            }
            byte plain = switch (src[k + 1]) {
                case '"' -> (byte) '"';
                case '\\' -> (byte) '\\';
                case '/' -> (byte) '/';
                case 'n' -> (byte) '\n';
                case 't' -> (byte) '\t';
                case 'r' -> (byte) '\r';
                case 'b' -> (byte) '\b';
                case 'f' -> (byte) '\f';
                default -> -1; // \\u escapes and errors
            };
            if (plain >= 0) {
                dst[n++] = plain;
                k += 2;
                continue;
            }
            int unit = src[k + 1] == 'u' ? hex4(src, k + 2) : -1;
            if (unit < 0) {
                break; // a bad escape: the careful path says so
            }
            int consumed = 6;
            if (Character.isSurrogate((char) unit)) {
                // a pair (\\ud83d\\ude80) is one character, written as four bytes of UTF-8; a half alone has no UTF-8,
                // and the careful path keeps it as it came
                int low = Character.isHighSurrogate((char) unit) && k + 11 < src.length && src[k + 6] == '\\'
                        && src[k + 7] == 'u' ? hex4(src, k + 8) : -1;
                if (low < 0 || !Character.isLowSurrogate((char) low)) {
                    break;
                }
                unit = Character.toCodePoint((char) unit, (char) low);
                consumed = 12;
            }
            n = utf8(dst, n, unit);
            k += consumed;
        }
        keep(dst);
        return carefulString(start);
    }

    /** The four hex digits at {@code at} as a number, or -1 when they are not four hex digits. */
    private static int hex4(byte[] src, int at) {
        if (at + 4 > src.length) {
            return -1;
        }
        int code = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(src[k], 16);
            if (d < 0) {
                return -1;
            }
            code = code * 16 + d;
        }
        return code;
    }

    /** Writes a code point (not a surrogate) as UTF-8 at {@code n}, which has room for four bytes; the new end. */
    private static int utf8(byte[] dst, int n, int code) {
        if (code < 0x80) {
            dst[n++] = (byte) code;
        } else if (code < 0x800) {
            dst[n++] = (byte) (0xC0 | code >> 6);
            dst[n++] = (byte) (0x80 | code & 0x3F);
        } else if (code < 0x10000) {
            dst[n++] = (byte) (0xE0 | code >> 12);
            dst[n++] = (byte) (0x80 | code >> 6 & 0x3F);
            dst[n++] = (byte) (0x80 | code & 0x3F);
        } else {
            dst[n++] = (byte) (0xF0 | code >> 18);
            dst[n++] = (byte) (0x80 | code >> 12 & 0x3F);
            dst[n++] = (byte) (0x80 | code >> 6 & 0x3F);
            dst[n++] = (byte) (0x80 | code & 0x3F);
        }
        return n;
    }

    private void keep(byte[] grown) {
        if (grown != scratch) {
            scratch = grown;
            if (grown.length <= KEPT_SCRATCH) {
                SCRATCH.set(grown);
            }
        }
    }

    /** Any string, decoding UTF-8 runs and every escape; reads from just after the opening quote. */
    private String carefulString(int start) {
        i = start;
        StringBuilder out = new StringBuilder();
        int run = start;
        while (true) {
            if (i >= b.length) {
                throw error("unterminated string");
            }
            byte c = b[i];
            if (c == '"') {
                out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                i++;
                return out.toString();
            }
            if (c == '\\') {
                out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                i++;
                escape(out);
                run = i;
            } else if (c >= 0 && c < 0x20) {
                throw error("control character in a string");
            } else {
                i++;
            }
        }
    }

    private void escape(StringBuilder out) {
        byte c = next();
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                if (i + 4 > b.length) {
                    throw error("short \\u escape");
                }
                int code = 0;
                for (int k = 0; k < 4; k++) {
                    int d = Character.digit(b[i++], 16);
                    if (d < 0) {
                        throw error("bad \\u escape");
                    }
                    code = code * 16 + d;
                }
                out.append((char) code);
            }
            default -> throw error("bad escape");
        }
    }

    /** A number as JSON writes them (RFC 8259): no leading zeros, no '+', digits after '.' and after 'e'. */
    private JsonNumber number() {
        int start = i;
        boolean integral = true;
        if (i < b.length && b[i] == '-') {
            i++;
        }
        if (i < b.length && b[i] == '0') {
            i++;
        } else if (digits() == 0) {
            throw error("unexpected character");
        }
        if (i < b.length && b[i] == '.') {
            integral = false;
            i++;
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            integral = false;
            i++;
            if (i < b.length && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        String text = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        try {
            if (integral && text.length() < 19) {
                return JSON.createValue(Long.parseLong(text));
            }
            return JSON.createValue(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }

    private int digits() {
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - start;
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (i >= b.length || b[i++] != word.charAt(k)) {
                throw error("unexpected literal");
            }
        }
    }

    private void space() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
    }

    private byte peek() {
        if (i >= b.length) {
            throw error("unexpected end");
        }
        return b[i];
    }

    private byte next() {
        byte c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed JSON at byte " + i + ": " + what);
    }
}
