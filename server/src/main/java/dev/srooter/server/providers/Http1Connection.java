package dev.srooter.server.providers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One open HTTP/1.1 connection to a provider, used by one call at a time and then kept for the next. It reads
 * through its own buffer, not a {@code BufferedInputStream}, whose every {@code read()} takes a lock: an answer's
 * head is read a byte at a time.
 */
final class Http1Connection {

    final String origin;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** When it was last given back to the pool ({@link System#nanoTime}); 0 while new. */
    long idleSince;

    Http1Connection(String origin, Socket socket) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Sends a request's head and body; one write when they are small together, so one packet. They are put together in
     * the read buffer, which holds nothing between answers (a connection that an answer left bytes on is not used
     * again, {@link #leftovers}): a fresh array for every request was about 4% of the objects a 2 KB request made
     * (bench/README.md, "What a 2 KB request allocates").
     */
    void send(byte[] head, byte[] body) throws IOException {
        if (position < limit) {
            throw new IllegalStateException(
                    "a request sent while " + (limit - position) + " bytes of an answer are unread");
        }
        if (head.length + body.length <= buffer.length) {
            System.arraycopy(head, 0, buffer, 0, head.length);
            System.arraycopy(body, 0, buffer, head.length, body.length);
            position = 0;
            limit = 0; // what was just put there is no answer
            out.write(buffer, 0, head.length + body.length);
        } else {
            out.write(head);
            out.write(body);
        }
        out.flush();
    }

    /** How long a read may wait for the provider before it fails with a {@code SocketTimeoutException}. */
    void waitAtMost(long millis) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, millis)));
    }

    /** One byte, or -1 at the end of the connection. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /** What is at hand, at most {@code length} bytes (waiting only when nothing is); -1 at the end. */
    int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= buffer.length) {
                return in.read(into, offset, length); // a large read needs no copy through the buffer
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    /**
     * A line of the answer's head or of a chunked body, without its CRLF (a bare LF is taken too, as most clients
     * do). Lines longer than {@code max} bytes are refused: a provider's head is small.
     */
    String line(int max) throws IOException {
        // a line already in the buffer (a head usually arrives in one read) is made into its String in one copy
        for (int k = position; k < limit && k - position <= max; k++) {
            if (buffer[k] == '\n') {
                int end = k > position && buffer[k - 1] == '\r' ? k - 1 : k;
                String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                position = k + 1;
                return line;
            }
        }
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = read();
            if (b < 0) {
                throw new EOFException("The provider closed the connection in the middle of a line of its answer.");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() == max) {
                throw new IOException("A line of the provider's answer is longer than " + max + " bytes.");
            }
            line.append((char) b); // ISO-8859-1, as HTTP's head is
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** Whether bytes the provider sent are still unread: an answer that left them cannot share its connection. */
    boolean leftovers() {
        return position < limit;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a connection being dropped has nothing more to say
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
