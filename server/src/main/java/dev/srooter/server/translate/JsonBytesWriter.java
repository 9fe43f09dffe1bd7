package dev.srooter.server.translate;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes Jakarta JSON values as compact UTF-8 JSON straight into a byte array, for the request path (the
 * general-purpose writer goes through a {@code Writer} a character at a time); {@link JsonBytes} reads them.
 */
final class JsonBytesWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private JsonBytesWriter() {
    }

    /** Growable output; ByteArrayOutputStream would synchronize on every write. */
    private static final class Out {
        byte[] buf;
        int n;

        Out(int size) {
            buf = new byte[size];
        }

        void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        void put(byte c) {
            ensure(1);
            buf[n++] = c;
        }

        void ascii(String s) {
            int len = s.length();
            ensure(len);
            s.getBytes(0, len, buf, n); // deprecated for its lossy narrowing, exactly right for ASCII
            n += len;
        }
    }

    /** The value as compact UTF-8 JSON. */
    static byte[] write(JsonValue value) {
        return write(value, 1024);
    }

    /** The value as compact UTF-8 JSON, in a buffer first sized {@code sizeHint} (a good guess saves regrowing). */
    static byte[] write(JsonValue value, int sizeHint) {
        Out out = new Out(Math.max(64, sizeHint));
        write(value, out);
        return Arrays.copyOf(out.buf, out.n);
    }

    private static void write(JsonValue value, Out out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.put((byte) '{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
                    if (!first) {
                        out.put((byte) ',');
                    }
                    first = false;
                    string(e.getKey(), out);
                    out.put((byte) ':');
                    write(e.getValue(), out);
                }
                out.put((byte) '}');
            }
            case ARRAY -> {
                out.put((byte) '[');
                boolean first = true;
                for (JsonValue v : value.asJsonArray()) {
                    if (!first) {
                        out.put((byte) ',');
                    }
                    first = false;
                    write(v, out);
                }
                out.put((byte) ']');
            }
            case STRING -> string(((JsonString) value).getString(), out);
            case NUMBER -> out.ascii(value.toString());
            case TRUE -> out.ascii("true");
            case FALSE -> out.ascii("false");
            default -> out.ascii("null");
        }
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a bulk copy, right for ASCII runs
    private static void string(String s, Out out) {
        int len = s.length();
        out.ensure(len + 2); // enough while every character goes out as it is
        byte[] buf = out.buf;
        int n = out.n;
        buf[n++] = '"';
        int k = 0;
        while (k < len) {
            // a run of characters that go out as they are, copied in bulk
            int run = k;
            while (k < len) {
                char c = s.charAt(k);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    break;
                }
                k++;
            }
            if (k > run) {
                s.getBytes(run, k, buf, n);
                n += k - run;
            }
            if (k == len) {
                break;
            }
            // from here on a character may take up to six bytes (\\uXXXX): make room for the worst case
            out.n = n;
            out.ensure((len - k) * 6 + 1);
            buf = out.buf;
            char c = s.charAt(k++);
            if (c == '"' || c == '\\') {
                buf[n++] = '\\';
                buf[n++] = (byte) c;
            } else if (c == '\n') {
                buf[n++] = '\\';
                buf[n++] = 'n';
            } else if (c == '\r') {
                buf[n++] = '\\';
                buf[n++] = 'r';
            } else if (c == '\t') {
                buf[n++] = '\\';
                buf[n++] = 't';
            } else if (c < 0x20 || c == 0x7f) {
                n = unicodeEscape(c, buf, n);
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xc0 | (c >> 6));
                buf[n++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && k < len && Character.isLowSurrogate(s.charAt(k))) {
                int code = Character.toCodePoint(c, s.charAt(k++));
                buf[n++] = (byte) (0xf0 | (code >> 18));
                buf[n++] = (byte) (0x80 | ((code >> 12) & 0x3f));
                buf[n++] = (byte) (0x80 | ((code >> 6) & 0x3f));
                buf[n++] = (byte) (0x80 | (code & 0x3f));
            } else if (Character.isSurrogate(c)) {
                n = unicodeEscape(c, buf, n); // a lone surrogate has no UTF-8 form: keep it, escaped
            } else {
                buf[n++] = (byte) (0xe0 | (c >> 12));
                buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[n++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        buf[n++] = '"';
        out.n = n;
    }

    private static int unicodeEscape(char c, byte[] buf, int n) {
        buf[n++] = '\\';
        buf[n++] = 'u';
        buf[n++] = HEX[(c >> 12) & 0xf];
        buf[n++] = HEX[(c >> 8) & 0xf];
        buf[n++] = HEX[(c >> 4) & 0xf];
        buf[n++] = HEX[c & 0xf];
        return n;
    }
}
