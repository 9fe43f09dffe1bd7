package dev.srooter.server.translate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a server-sent event stream, fed in arbitrary pieces, into events: the {@code event:} name and
 * the {@code data:} lines joined by newlines, handed over at each blank line. Comments ({@code :}) and
 * other fields are ignored; CR, LF and CRLF all end a line.
 */
public final class SseParser {

    /** Receives each complete event. */
    public interface Listener {
        void event(String name, String data);
    }

    private final Listener listener;
    private byte[] line = new byte[1024];
    private int lineLength;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String name;
    private boolean lastWasCr;

    public SseParser(Listener listener) {
        this.listener = listener;
    }

    /**
     * Takes the next piece of the stream. A line's bytes are copied in one run up to its end, not one at a time: a
     * {@code ByteArrayOutputStream} written a byte at a time (a lock and a capacity check each) was about 5% of a
     * streamed request's processor time, where the council keeps the answer (bench/README.md).
     */
    public void feed(byte[] buffer, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b != '\n' && b != '\r') {
                continue;
            }
            keep(buffer, start, i);
            start = i + 1;
            if (b == '\n' && lastWasCr) {
                lastWasCr = false; // the LF of a CRLF
                continue;
            }
            lastWasCr = b == '\r';
            endOfLine();
        }
        keep(buffer, start, length);
    }

    /** Adds {@code buffer[from, to)} to the line; bytes that are not a line's end also end any CR before them. */
    private void keep(byte[] buffer, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buffer, from, line, lineLength, n);
        lineLength += n;
        lastWasCr = false;
    }

    /** The stream ended: an event not yet closed by a blank line is still delivered. */
    public void finish() {
        if (lineLength > 0) {
            endOfLine();
        }
        dispatch();
    }

    private void endOfLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        } else if (field.equals("event")) {
            name = value;
        }
    }

    private void dispatch() {
        if (hasData) {
            listener.event(name, data.toString());
        }
        data.setLength(0);
        hasData = false;
        name = null;
    }
}
