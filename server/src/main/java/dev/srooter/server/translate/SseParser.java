package dev.srooter.server.translate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String name;
    private boolean lastWasCr;

    public SseParser(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue; // the LF of a CRLF
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endOfLine();
            } else {
                line.write(b);
            }
        }
    }

    /** The stream ended: an event not yet closed by a blank line is still delivered. */
    public void finish() {
        if (line.size() > 0) {
            endOfLine();
        }
        dispatch();
    }

    private void endOfLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
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
