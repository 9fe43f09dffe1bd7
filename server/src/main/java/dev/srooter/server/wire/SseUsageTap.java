package dev.srooter.server.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Watches the bytes of a server-sent event stream as they are relayed and hands every
 * {@code data:} line that mentions usage to a {@link UsageReader}. It never holds more than one
 * line, and looks at nothing else.
 */
public final class SseUsageTap {

    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final ByteSearch USAGE = new ByteSearch("\"usage\"");

    private final UsageReader reader;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private boolean keeping = true;

    public SseUsageTap(UsageReader reader) {
        this.reader = reader;
    }

    public void accept(byte[] buffer, int length) {
        int lineStart = 0;
        for (int k = 0; k < length; k++) {
            if (buffer[k] == '\n') {
                if (keeping) {
                    line.write(buffer, lineStart, k - lineStart);
                }
                endOfLine();
                lineStart = k + 1;
            }
        }
        if (keeping && lineStart < length) {
            line.write(buffer, lineStart, length - lineStart);
            // A line that does not start with "data:" is of no interest: stop copying it.
            keeping = line.size() < DATA.length || startsWithData(line.toByteArray());
        }
    }

    private void endOfLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        keeping = true;
        if (startsWithData(bytes) && USAGE.in(bytes)) {
            reader.accept(bytes, DATA.length, bytes.length - DATA.length);
        }
    }

    private static boolean startsWithData(byte[] bytes) {
        if (bytes.length < DATA.length) {
            return false;
        }
        for (int k = 0; k < DATA.length; k++) {
            if (bytes[k] != DATA[k]) {
                return false;
            }
        }
        return true;
    }
}
