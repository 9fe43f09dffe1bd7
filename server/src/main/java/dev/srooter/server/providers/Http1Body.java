package dev.srooter.server.providers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * An answer's body as it comes off its connection: of a known length, in chunks, or until the provider closes. Read
 * to its end, the connection goes back to the pool (when the answer allows); closed before, or failed, the
 * connection is closed with it. A provider silent for longer than the idle limit ends it with {@link UpstreamFault}
 * ({@code upstream_idle}), as the JDK client's path does.
 */
final class Http1Body extends InputStream {

    /** How the body's end is found. */
    enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE }

    private final Http1Connection connection;
    private final Http1Pool pool;
    private final Framing framing;
    private final boolean keep;
    private final long idleMillis;
    /** The body's length when the answer declared it (LENGTH), else -1. */
    private final long length;
    /** Bytes left of the body (LENGTH) or of the current chunk (CHUNKED). */
    private long remaining;
    /** A chunk's data was read whole and its CRLF not yet: read before the next chunk's size, not after the data,
     * so a stream's event is not held back waiting for two bytes. */
    private boolean chunkEndPending;
    private boolean ended;
    private boolean closed;

    Http1Body(Http1Connection connection, Http1Pool pool, Framing framing, long length, boolean keep,
              long idleMillis) {
        this.connection = connection;
        this.pool = pool;
        this.framing = framing;
        this.length = framing == Framing.LENGTH ? length : -1;
        this.remaining = framing == Framing.LENGTH ? length : 0;
        this.keep = keep && framing != Framing.UNTIL_CLOSE;
        this.idleMillis = idleMillis;
        if (framing == Framing.LENGTH && length == 0) {
            end();
        }
    }

    /** The body's declared length, or -1 when it is chunked or ends with the connection. */
    long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (closed) {
            throw new IOException("The provider's answer was closed.");
        }
        if (length == 0) {
            return 0;
        }
        try {
            if (framing == Framing.CHUNKED && remaining == 0 && !nextChunk()) {
                end();
                return -1;
            }
            int wanted = framing == Framing.UNTIL_CLOSE ? length : (int) Math.min(length, remaining);
            int n = connection.read(into, offset, wanted);
            if (n < 0) {
                if (framing == Framing.UNTIL_CLOSE) {
                    end();
                    return -1;
                }
                throw new EOFException("The provider closed the connection before its answer was complete.");
            }
            remaining -= n;
            if (framing == Framing.LENGTH && remaining == 0) {
                end(); // given back now: a reader that stops at the length never asks for the -1
            } else if (framing == Framing.CHUNKED && remaining == 0) {
                chunkEndPending = true;
            }
            return n;
        } catch (SocketTimeoutException silent) {
            drop();
            throw UpstreamFault.idle(idleMillis);
        } catch (IOException e) {
            drop();
            throw e;
        }
    }

    /** Reads the next chunk's size line; false at the last chunk (its trailers read and dropped). */
    private boolean nextChunk() throws IOException {
        if (chunkEndPending) {
            if (!connection.line(2).isEmpty()) {
                throw new IOException("A chunk of the provider's answer did not end where its size said.");
            }
            chunkEndPending = false;
        }
        String line = connection.line(1024);
        int extension = line.indexOf(';');
        String size = (extension < 0 ? line : line.substring(0, extension)).trim();
        try {
            remaining = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("The provider's answer has a malformed chunk size.");
        }
        if (remaining < 0) {
            throw new IOException("The provider's answer has a malformed chunk size.");
        }
        if (remaining > 0) {
            return true;
        }
        while (!connection.line(8 * 1024).isEmpty()) {
            // trailers: nothing srooter relays
        }
        return false;
    }

    private void end() {
        ended = true;
        if (keep && !connection.leftovers()) {
            pool.giveBack(connection);
        } else {
            connection.close();
        }
    }

    private void drop() {
        closed = true;
        connection.close();
    }

    /** Closing before the end closes the connection: what is left of the answer is not read to save it. */
    @Override
    public void close() {
        if (!ended && !closed) {
            drop();
        }
    }
}
