package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A body sent from srooter's own array arrives whole, byte for byte, however large, and again when sent again. */
class WholeBodyTest {

    @Test
    void theJdkClientSendsTheArrayAsItIs() throws Exception {
        List<byte[]> received = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(body);
            }
            byte[] answer = String.valueOf(body.length).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            byte[] large = new byte[300_000]; // many times the JDK's own 16 KB pieces
            new Random(7).nextBytes(large);
            WholeBody body = new WholeBody(large);
            for (int round = 0; round < 2; round++) { // one publisher, two requests: each subscription sends it all
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).POST(body).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("300000", answer.body());
            }
            HttpResponse<String> empty = client.send(HttpRequest.newBuilder(uri).POST(new WholeBody(new byte[0]))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("0", empty.body());
            assertEquals(3, received.size());
            assertArrayEquals(large, received.get(0));
            assertArrayEquals(large, received.get(1));
        } finally {
            server.stop(0);
        }
    }
}
