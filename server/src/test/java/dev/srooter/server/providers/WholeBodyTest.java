package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

    /** Providers are reached over TLS: the same bytes arrive through the client's TLS path. */
    @Test
    void andOverTls() throws Exception {
        Path store = Files.createTempDirectory("wholebody").resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "fake-provider", "-keyalg", "RSA", "-dname", "CN=localhost", "-validity", "1",
                "-ext", "san=ip:127.0.0.1").inheritIO().start();
        assertEquals(0, keytool.waitFor());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, "changeit".toCharArray());
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(km.getKeyManagers(), null, null);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tm.getTrustManagers(), null);
        List<byte[]> received = new ArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(body);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(clientTls).build();
            byte[] large = new byte[200_000];
            new Random(11).nextBytes(large);
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + server.getAddress().getPort() + "/")).POST(new WholeBody(large)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(204, answer.statusCode());
            assertArrayEquals(large, received.get(0));
        } finally {
            server.stop(0);
        }
    }
}
