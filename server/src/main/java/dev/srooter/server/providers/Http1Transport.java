package dev.srooter.server.providers;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLSocketFactory;

/**
 * Calls to providers over HTTP/1.1 on the calling thread: the request written, the answer's head read, and its body
 * handed over as {@link UpstreamBody}, with no thread in between. The JDK's client reads every answer on its
 * selector thread and wakes the caller: under load that thread spent a fifth of the gateway's CPU (a third at one
 * connection), and every call registered its timeout under one lock (bench/README.md, "A client of its own").
 *
 * <p>A request written into a kept connection that the provider closed meanwhile fails before any byte of an answer;
 * it is written once more into a new connection when the failure shows the close came before the request (see
 * {@link #closedBeforeItWasUsed}), and is a failure otherwise.
 */
final class Http1Transport {

    private static final int MAX_HEAD_LINES = 200;

    private final Http1Pool pool;

    Http1Transport(SSLSocketFactory tls) {
        this.pool = new Http1Pool(tls);
    }

    Http1Pool pool() {
        return pool;
    }

    /**
     * Sends a request and returns its answer once its head is read. {@code idleMillis}: how long the provider may fall
     * silent within its answer; {@code maxWholeBytes}: the largest answer taken whole (an event stream is relayed).
     * Throws {@link HttpTimeoutException} when no answer began within the request's timeout.
     */
    HttpResponse<UpstreamBody> send(ProviderRequest request, byte[] body, long idleMillis, long maxWholeBytes)
            throws IOException {
        URI uri = request.uri();
        byte[] head = head(request, body.length);
        long firstByteMillis = request.timeout() != null ? request.timeout().toMillis() : idleMillis;
        String origin = Http1Pool.origin(uri);
        while (true) {
            Http1Connection connection = pool.take(origin);
            boolean kept = connection != null;
            if (!kept) {
                connection = pool.open(uri);
            }
            int first;
            long written = Long.MAX_VALUE;
            try {
                connection.send(head, body);
                written = System.nanoTime();
                connection.waitAtMost(firstByteMillis);
                first = connection.read();
            } catch (SocketTimeoutException slow) {
                connection.close();
                throw new HttpTimeoutException("The provider did not start answering within " + firstByteMillis
                        + " ms.");
            } catch (IOException broken) {
                connection.close();
                if (kept && closedBeforeItWasUsed(written)) {
                    continue; // closed by the provider while it was kept: not read, so written again
                }
                throw broken;
            }
            if (first < 0) {
                connection.close();
                if (kept && closedBeforeItWasUsed(written)) {
                    continue;
                }
                throw new EOFException("The provider closed the connection without answering.");
            }
            try {
                return answer(request, connection, first, idleMillis, maxWholeBytes);
            } catch (SocketTimeoutException silent) {
                connection.close();
                throw UpstreamFault.idle(idleMillis);
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }

    /**
     * Whether a kept connection that failed had been closed by the provider before this request reached it, so that
     * writing the request again cannot make the provider serve (and bill) it twice: the write itself failed, or the
     * end of the connection or its reset came within {@link #STALE_NANOS} of the write, as a close that was already
     * on its way does (its FIN waiting to be read, or the provider's reset to the write one round trip later). A
     * provider that read the request and then closed without answering, later than that, may have started on it:
     * that is a failure for the caller's fallbacks, not a silent second request. The JDK's client does not retry a
     * POST at all; nginx not after the request was sent.
     */
    private static boolean closedBeforeItWasUsed(long writtenNanos) {
        return writtenNanos == Long.MAX_VALUE || System.nanoTime() - writtenNanos < STALE_NANOS;
    }

    /** Longer than a round trip to any provider's region, far shorter than a model takes to begin answering. */
    static final long STALE_NANOS = 500_000_000L;

    /** The request line and headers; Host and Content-Length are the transport's, as with the JDK's client. */
    static byte[] head(ProviderRequest request, int length) {
        URI uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(512).append(request.method()).append(' ').append(target)
                .append(" HTTP/1.1\r\nhost: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        if (request.first("user-agent") == null) {
            head.append("user-agent: srooter\r\n"); // the JDK's client names itself too
        }
        for (int line = 0; line < request.headerCount(); line++) {
            head.append(request.name(line)).append(": ").append(request.value(line)).append("\r\n");
        }
        return Http1Connection.ascii(head.append("content-length: ").append(length).append("\r\n\r\n").toString());
    }

    private HttpResponse<UpstreamBody> answer(ProviderRequest request, Http1Connection connection, int first,
                                              long idleMillis, long maxWholeBytes) throws IOException {
        connection.waitAtMost(idleMillis);
        while (true) {
            String statusLine = (char) first + connection.line(8 * 1024);
            int status = status(statusLine);
            Map<String, List<String>> headers = headers(connection);
            if (status >= 100 && status < 200) { // informational (103 early hints): the answer follows
                first = connection.read();
                if (first < 0) {
                    throw new EOFException("The provider closed the connection after an informational answer.");
                }
                continue;
            }
            Http1Body stream = body(connection, status, statusLine.startsWith("HTTP/1.0"), headers, idleMillis);
            HttpHeaders answerHeaders = HttpHeaders.of(headers, (name, value) -> true);
            String type = answerHeaders.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
            UpstreamBody answer = status < 300 && type.startsWith("text/event-stream") ? new UpstreamBody.Stream(stream)
                    : new UpstreamBody.Whole(whole(stream, maxWholeBytes));
            return new Http1Response(request, status, answerHeaders, answer);
        }
    }

    private static int status(String line) throws IOException {
        // "HTTP/1.1 200 OK": the reason phrase may be empty or absent
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("The provider's answer does not begin with an HTTP/1.1 status line.");
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("The provider's answer has a malformed status.");
        }
    }

    private static Map<String, List<String>> headers(Http1Connection connection) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int lines = 0; ; lines++) {
            String line = connection.line(16 * 1024);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || lines == MAX_HEAD_LINES) {
                throw new IOException("The provider's answer has a malformed head.");
            }
            headers.computeIfAbsent(name(line, colon), n -> new ArrayList<>(1)).add(value(line, colon));
        }
    }

    /** Names providers send on every answer, lower-cased once: a header of one of them makes no string for its name. */
    private static final String[] COMMON_NAMES = {"content-type", "content-length", "transfer-encoding", "connection",
        "date", "server", "keep-alive", "request-id", "x-request-id", "retry-after", "cache-control", "vary"};

    /** {@code line.substring(0, colon).trim().toLowerCase(Locale.ROOT)}, without its copies for a common name. */
    static String name(String line, int colon) {
        int start = trimmedStart(line, 0, colon);
        int end = trimmedEnd(line, start, colon);
        for (String common : COMMON_NAMES) {
            if (common.length() == end - start && line.regionMatches(true, start, common, 0, common.length())) {
                return common;
            }
        }
        return line.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** {@code line.substring(colon + 1).trim()}, in one copy rather than two. */
    static String value(String line, int colon) {
        int start = trimmedStart(line, colon + 1, line.length());
        return line.substring(start, trimmedEnd(line, start, line.length()));
    }

    /** Where {@code line[start, end)} begins once {@code trim} has taken what it takes (characters up to a space). */
    private static int trimmedStart(String line, int start, int end) {
        while (start < end && line.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    /** Where {@code line[start, end)} ends once {@code trim} has taken what it takes. */
    private static int trimmedEnd(String line, int start, int end) {
        while (end > start && line.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }

    /** How the body ends (RFC 9112, 6.3) and whether the connection may be kept after it. */
    private Http1Body body(Http1Connection connection, int status, boolean http10, Map<String, List<String>> headers,
                           long idleMillis) throws IOException {
        String connectionHeader = String.join(",", headers.getOrDefault("connection", List.of()))
                .toLowerCase(Locale.ROOT);
        boolean keep = http10 ? connectionHeader.contains("keep-alive") : !connectionHeader.contains("close");
        if (status == 204 || status == 304) {
            return new Http1Body(connection, pool, Http1Body.Framing.LENGTH, 0, keep, idleMillis);
        }
        List<String> encodings = headers.get("transfer-encoding");
        if (encodings != null) {
            if (!String.join(",", encodings).toLowerCase(Locale.ROOT).trim().endsWith("chunked")) {
                return new Http1Body(connection, pool, Http1Body.Framing.UNTIL_CLOSE, 0, false, idleMillis);
            }
            return new Http1Body(connection, pool, Http1Body.Framing.CHUNKED, 0, keep, idleMillis);
        }
        List<String> lengths = headers.get("content-length");
        if (lengths != null) {
            long length;
            try {
                length = Long.parseLong(lengths.get(0).trim());
            } catch (NumberFormatException e) {
                throw new IOException("The provider's answer has a malformed content-length.");
            }
            for (String other : lengths) {
                if (!other.trim().equals(lengths.get(0).trim()) || length < 0) {
                    throw new IOException("The provider's answer has conflicting content-lengths.");
                }
            }
            return new Http1Body(connection, pool, Http1Body.Framing.LENGTH, length, keep, idleMillis);
        }
        return new Http1Body(connection, pool, Http1Body.Framing.UNTIL_CLOSE, 0, false, idleMillis);
    }

    /** An answer collected whole, up to the limit. */
    private static byte[] whole(Http1Body stream, long maxBytes) throws IOException {
        long declared = stream.length();
        if (declared > maxBytes || declared > Integer.MAX_VALUE - 8) {
            stream.close();
            throw UpstreamFault.tooLarge(maxBytes);
        }
        if (declared >= 0) {
            byte[] bytes = stream.readNBytes((int) declared);
            if (bytes.length < declared) {
                throw new EOFException("The provider closed the connection before its answer was complete.");
            }
            return bytes;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8 * 1024];
        int n;
        while ((n = stream.read(buffer, 0, buffer.length)) >= 0) {
            if (bytes.size() + (long) n > maxBytes) {
                stream.close();
                throw UpstreamFault.tooLarge(maxBytes);
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }
}
