package dev.srooter.server.providers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Open connections to providers, by origin, kept between calls. The most recently used is taken first (warm, and the
 * least likely to have been closed by the provider). One idle for {@link #KEEP_IDLE_MILLIS} is closed instead of
 * used: servers close idle connections after a while of their own (uvicorn and Node after 5 s, by default), and a
 * request written into a connection the server has just closed is lost.
 */
final class Http1Pool {

    static final long KEEP_IDLE_MILLIS = 4_000;
    private static final long KEEP_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(KEEP_IDLE_MILLIS);
    /** Idle connections kept per origin; beyond, the oldest are closed. */
    static final int MAX_IDLE = 256;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private record Idle(ConcurrentLinkedDeque<Http1Connection> connections, AtomicInteger count) {
    }

    private final Map<String, Idle> idle = new ConcurrentHashMap<>();
    private final SSLSocketFactory tls;

    Http1Pool(SSLSocketFactory tls) {
        this.tls = tls;
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** An idle connection to the origin, or null when there is none fresh enough. */
    Http1Connection take(String origin) {
        Idle kept = idle.get(origin);
        if (kept == null) {
            return null;
        }
        long now = System.nanoTime();
        Http1Connection connection;
        while ((connection = kept.connections.pollFirst()) != null) {
            kept.count.decrementAndGet();
            if (now - connection.idleSince < KEEP_IDLE_NANOS) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    /** A new connection (and its TLS handshake, checked against the host's name, for https). */
    Http1Connection open(URI uri) throws IOException {
        String host = uri.getHost();
        int port = port(uri);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // a request is written whole; waiting to fill a packet only delays it
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
                secure.startHandshake();
                return new Http1Connection(origin(uri), secure);
            }
            return new Http1Connection(origin(uri), socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Keeps a connection whose last answer was read to its end, for the next call to its origin. */
    void giveBack(Http1Connection connection) {
        connection.idleSince = System.nanoTime();
        Idle kept = idle.computeIfAbsent(connection.origin,
                o -> new Idle(new ConcurrentLinkedDeque<>(), new AtomicInteger()));
        kept.connections.addFirst(connection);
        kept.count.incrementAndGet();
        // the oldest go when there are too many, or when they have idled too long to be used (no sweeper thread)
        Http1Connection oldest;
        while ((oldest = kept.connections.peekLast()) != null && (kept.count.get() > MAX_IDLE
                || connection.idleSince - oldest.idleSince >= KEEP_IDLE_NANOS)) {
            if (kept.connections.removeLastOccurrence(oldest)) {
                kept.count.decrementAndGet();
                oldest.close();
            }
        }
    }

    /** How many connections to the origin are idle now (for tests). */
    int idle(String origin) {
        Idle kept = idle.get(origin);
        return kept == null ? 0 : kept.count.get();
    }
}
