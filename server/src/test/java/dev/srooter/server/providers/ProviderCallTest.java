package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A refused connection to a provider is tried twice more, after a pause; then the refusal is the caller's. */
class ProviderCallTest {

    /** Counts its pauses and runs {@code onPause} at the first, instead of sleeping. */
    private static final class CountingCall extends ProviderCall {
        int pauses;
        Runnable onPause = () -> { };

        @Override
        void pause() {
            if (pauses++ == 0) {
                onPause.run();
            }
        }
    }

    @Test
    void aProviderThatComesUpDuringThePauseAnswers() throws Exception {
        int port = freePort();
        CountingCall call = call();
        HttpServer[] server = new HttpServer[1];
        call.onPause = () -> server[0] = answering(port); // the provider comes back before the next try
        try {
            HttpResponse<String> answer = call.send(request(port), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals("{\"ok\":true}", answer.body());
            assertEquals(1, call.pauses);
        } finally {
            server[0].stop(0);
        }
    }

    @Test
    void aProviderThatStaysDownIsTriedThreeTimesInAll() {
        CountingCall call = call();
        int port = freePort();
        assertThrows(ConnectException.class, () -> call.send(request(port), HttpResponse.BodyHandlers.ofString()));
        assertEquals(ProviderCall.RETRIES, call.pauses);
    }

    private static CountingCall call() {
        CountingCall call = new CountingCall();
        call.upstream = new Upstream();
        return call;
    }

    private static HttpRequest request(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    private static HttpServer answering(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
