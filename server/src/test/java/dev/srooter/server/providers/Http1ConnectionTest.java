package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A small request is put together in the connection's read buffer (no array of its own), so the buffer must hold
 * nothing of an answer when a request is sent, and the answer read after it must not see the request's bytes.
 */
class Http1ConnectionTest {

    @Test
    void requestsOfEverySizeArriveWholeAndTheAnswersAfterThemReadClean() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            Http1Connection connection = new Http1Connection("test", client);
            InputStream received = peer.getInputStream();
            OutputStream answers = peer.getOutputStream();
            for (int size : new int[] {0, 2_000, 16 * 1024 - 30, 16 * 1024, 60_000}) {
                byte[] head = Http1Connection.ascii("POST /v1/messages HTTP/1.1\r\nContent-Length: " + size + "\r\n\r\n");
                byte[] body = new byte[size];
                Arrays.fill(body, (byte) ('a' + size % 26));
                connection.send(head, body);
                assertArrayEquals(head, received.readNBytes(head.length), "the head of a " + size + "-byte request");
                assertArrayEquals(body, received.readNBytes(size), "the body of a " + size + "-byte request");
                answers.write(("HTTP/1.1 200 OK " + size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                answers.flush();
                assertEquals("HTTP/1.1 200 OK " + size, connection.line(100), "the answer after a " + size
                        + "-byte request");
            }
        }
    }

    @Test
    void aRequestIsNotSentWhileAnAnswersBytesAreUnread() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            Http1Connection connection = new Http1Connection("test", client);
            peer.getOutputStream().write("HTTP/1.1 200 OK\r\nmore of it".getBytes(StandardCharsets.ISO_8859_1));
            peer.getOutputStream().flush();
            assertEquals("HTTP/1.1 200 OK", connection.line(100));
            assertThrows(IllegalStateException.class,
                    () -> connection.send(Http1Connection.ascii("GET / HTTP/1.1\r\n\r\n"), new byte[0]));
        }
    }
    @Test
    void linesReadTheSameWholeInTheBufferOrSplitAcrossReads() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            Http1Connection connection = new Http1Connection("test", client);
            OutputStream answers = peer.getOutputStream();
            answers.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\nx-empty:\r\n\r\nx-split: a".getBytes(
                    StandardCharsets.ISO_8859_1));
            answers.flush();
            assertEquals("HTTP/1.1 200 OK", connection.line(100), "CRLF, whole in the buffer");
            assertEquals("Content-Type: text/plain", connection.line(100), "a bare LF");
            assertEquals("x-empty:", connection.line(100));
            assertEquals("", connection.line(100), "the empty line that ends a head");
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    answers.write("bc\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    answers.write(("x".repeat(101) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    answers.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertEquals("x-split: abc", connection.line(100), "a line that arrives in two reads");
            writer.join();
            assertThrows(java.io.IOException.class, () -> connection.line(100), "a line longer than the limit");
        }
    }
}
