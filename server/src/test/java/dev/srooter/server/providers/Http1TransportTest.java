package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * srooter's own HTTP/1.1 transport against a provider written byte by byte: each way an answer's end is framed,
 * connections kept and not kept, a kept connection the provider closed, silence before and within an answer, and an
 * answer too large to take whole.
 */
class Http1TransportTest {

    /** What the fake provider does with one request: writes to the connection, or closes it (returns false). */
    private interface Answer {
        boolean write(OutputStream out) throws Exception;
    }

    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final Http1Transport transport = new Http1Transport((SSLSocketFactory) SSLSocketFactory.getDefault());

    Http1TransportTest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Acceptor.start(server, connections, this::serve);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length: (\\d+)\r\n.*", "$1"));
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                synchronized (requests) {
                    requests.add(head + body);
                }
                if (!answers.take().write(socket.getOutputStream())) {
                    return;
                }
            }
        } catch (Exception ignored) {
            // the test is over, or the transport closed the connection
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return null;
    }

    private static Answer writes(String raw) {
        return out -> {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return !raw.toLowerCase().contains("connection: close");
        };
    }

    private ProviderRequest request(Duration timeout) {
        return new ProviderRequest(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/messages?beta=true"),
                "POST", timeout).header("content-type", "application/json").header("x-api-key", "sk-test");
    }

    private HttpResponse<UpstreamBody> send(String body) throws IOException {
        return transport.send(request(Duration.ofSeconds(5)), body.getBytes(StandardCharsets.UTF_8), 5_000,
                1_000_000);
    }

    private static String text(HttpResponse<UpstreamBody> answer) throws IOException {
        UpstreamBody body = answer.body();
        byte[] bytes = body instanceof UpstreamBody.Whole whole ? whole.bytes()
                : ((UpstreamBody.Stream) body).in().readAllBytes();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aRequestIsWrittenWithItsHeadersAndBodyAndALengthAnswerIsReadWhole() throws Exception {
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nRequest-Id: req_1\r\n"
                + "Content-Length: 11\r\n\r\n{\"ok\":true}"));
        HttpResponse<UpstreamBody> answer = send("{\"model\":\"m\"}");
        assertEquals(200, answer.statusCode());
        assertEquals("req_1", answer.headers().firstValue("request-id").orElseThrow());
        assertEquals("{\"ok\":true}", text(answer));
        String seen = requests.get(0);
        assertTrue(seen.startsWith("POST /v1/messages?beta=true HTTP/1.1\r\nhost: 127.0.0.1:" + server.getLocalPort()
                + "\r\n"), seen);
        assertTrue(seen.contains("\r\nx-api-key: sk-test\r\n") && seen.contains("\r\ncontent-length: 13\r\n"), seen);
        assertTrue(seen.endsWith("\r\n\r\n{\"model\":\"m\"}"), seen);
    }

    @Test
    void aConnectionIsKeptAndUsedAgainUnlessTheProviderSaysClose() throws Exception {
        for (int i = 0; i < 3; i++) {
            answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
            assertEquals("{}", text(send("{}")));
        }
        assertEquals(1, connections.get());
        answers.add(writes("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"));
        assertEquals("{}", text(send("{}")));
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        assertEquals("{}", text(send("{}")));
        assertEquals(2, connections.get());
    }

    @Test
    void chunkedAndCloseDelimitedAnswersAreReadToTheirEnd() throws Exception {
        answers.add(writes("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\n{\"err\r\n3\r\nor\"\r\n1\r\n}\r\n0\r\nx-trailer: t\r\n\r\n"));
        HttpResponse<UpstreamBody> chunked = send("{}");
        assertEquals(400, chunked.statusCode());
        assertEquals("{\"error\"}", text(chunked));
        answers.add(out -> {
            out.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{\"until\":\"close\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        });
        assertEquals("{\"until\":\"close\"}", text(send("{}")));
        answers.add(writes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"));
        assertEquals(204, send("{}").statusCode());
        assertEquals(2, connections.get()); // the chunked one was kept, the close-delimited one could not be
    }

    @Test
    void anEventStreamIsHandedOverAsItComesAndItsConnectionKeptOnceRead() throws Exception {
        BlockingQueue<String> release = new LinkedBlockingQueue<>();
        answers.add(out -> {
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
                    + "d\r\ndata: first\n\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.take(); // the second event only once the first was read
            out.write("c\r\ndata: last\n\n\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        });
        HttpResponse<UpstreamBody> answer = send("{\"stream\":true}");
        InputStream in = assertInstanceOf(UpstreamBody.Stream.class, answer.body()).in();
        byte[] buffer = new byte[1024];
        int n = in.read(buffer, 0, buffer.length);
        assertEquals("data: first\n\n", new String(buffer, 0, n, StandardCharsets.UTF_8));
        release.add("go");
        assertEquals("data: last\n\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(1, transport.pool().idle(Http1Pool.origin(answer.uri())));
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        send("{}");
        assertEquals(1, connections.get());
    }

    @Test
    void aKeptConnectionTheProviderClosedIsReplacedAndTheRequestWrittenAgain() throws Exception {
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        send("{}");
        answers.add(out -> false); // the provider closes the kept connection when the next request arrives
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"n\":2}"));
        assertEquals("{\"n\":2}", text(send("{\"again\":1}")));
        assertEquals(2, connections.get());
        assertEquals(3, requests.size());
        assertTrue(requests.get(2).endsWith("{\"again\":1}"));
    }

    @Test
    void aKeptConnectionClosedLongAfterTheRequestReachedItIsAFailureNotASecondRequest() throws Exception {
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        send("{}");
        answers.add(out -> { // the provider reads the request, works on it, then drops the connection
            Thread.sleep(Http1Transport.STALE_NANOS / 1_000_000 + 500);
            return false;
        });
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")); // what a second request would get
        assertThrows(IOException.class, () -> send("{\"once\":1}"));
        assertEquals(2, requests.size(), "the request the provider may have started on is not sent again");
        assertEquals(1, connections.get());
    }

    @Test
    void aNewConnectionClosedWithoutAnAnswerIsAFailureNotARetry() {
        answers.add(out -> false);
        assertThrows(IOException.class, () -> send("{}"));
        assertEquals(1, requests.size());
    }

    @Test
    void silenceBeforeTheAnswerIsATimeoutAndWithinItIsIdle() throws Exception {
        answers.add(out -> {
            Thread.sleep(1_000);
            return false;
        });
        assertThrows(HttpTimeoutException.class, () -> transport.send(request(Duration.ofMillis(200)), new byte[0],
                5_000, 1_000_000));
        answers.add(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(1_000);
            return false;
        });
        UpstreamFault idle = assertThrows(UpstreamFault.class, () -> transport.send(request(Duration.ofSeconds(5)),
                new byte[0], 200, 1_000_000));
        assertEquals("upstream_idle", idle.code());
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        answers.add(writes("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n" + "x".repeat(2000)));
        UpstreamFault declared = assertThrows(UpstreamFault.class, () -> transport.send(request(Duration.ofSeconds(5)),
                new byte[0], 5_000, 1_000));
        assertEquals("upstream_too_large", declared.code());
        answers.add(writes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + "x".repeat(2000)
                + "\r\n0\r\n\r\n"));
        UpstreamFault chunked = assertThrows(UpstreamFault.class, () -> transport.send(request(Duration.ofSeconds(5)),
                new byte[0], 5_000, 1_000));
        assertEquals("upstream_too_large", chunked.code());
    }

    @Test
    void aLargeBodyGoesWholeAndALargeAnswerComesWhole() throws Exception {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'b');
        answers.add(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(big);
            out.flush();
            return true;
        });
        HttpResponse<UpstreamBody> answer = transport.send(request(Duration.ofSeconds(5)), big, 5_000, 1_000_000);
        assertArrayEquals(big, ((UpstreamBody.Whole) answer.body()).bytes());
        assertTrue(requests.get(0).endsWith(new String(big, StandardCharsets.UTF_8)));
    }
}
