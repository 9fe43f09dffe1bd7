package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers are reached over TLS: the transport's handshake trusts what the JVM trusts (here a test authority) and
 * checks the certificate against the host's name, as the JDK's client does, and keeps the TLS connection for the
 * next call.
 */
class Http1TransportTlsTest {

    private SSLServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** A key pair for "localhost" only, made by the JDK's keytool; the client trusts it and nothing else. */
    private SSLContext[] contexts(Path dir) throws Exception {
        Path store = dir.resolve("provider.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "provider", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), said);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, "changeit".toCharArray());
        SSLContext serverSide = SSLContext.getInstance("TLS");
        serverSide.init(km.getKeyManagers(), null, null);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext clientSide = SSLContext.getInstance("TLS");
        clientSide.init(null, tm.getTrustManagers(), null);
        return new SSLContext[] {serverSide, clientSide};
    }

    private void serve(SSLContext context) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        Acceptor.start(server, connections, Http1TransportTlsTest::answerEach);
    }

    private static void answerEach(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                int b;
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    if ((b = in.read()) < 0) {
                        return;
                    }
                    head.write(b);
                }
                String text = head.toString(StandardCharsets.ISO_8859_1);
                in.readNBytes(Integer.parseInt(text.replaceAll("(?is).*\r\ncontent-length: (\\d+)\r\n.*", "$1")));
                String host = text.replaceAll("(?is).*\r\nhost: ([^\r]*)\r\n.*", "$1");
                byte[] body = ("{\"host\":\"" + host + "\"}").getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static ProviderRequest request(String url) {
        return new ProviderRequest(URI.create(url), "POST", Duration.ofSeconds(5));
    }

    @Test
    void aProviderOverTlsIsAnsweredAndItsConnectionKept(@TempDir Path dir) throws Exception {
        SSLContext[] tls = contexts(dir);
        serve(tls[0]);
        Http1Transport transport = new Http1Transport(tls[1].getSocketFactory());
        String url = "https://localhost:" + server.getLocalPort() + "/v1/messages";
        for (int i = 0; i < 2; i++) {
            HttpResponse<UpstreamBody> answer = transport.send(request(url), "{}".getBytes(StandardCharsets.UTF_8),
                    5_000, 1_000_000);
            assertEquals(200, answer.statusCode());
            assertEquals("{\"host\":\"localhost:" + server.getLocalPort() + "\"}",
                    new String(((UpstreamBody.Whole) answer.body()).bytes(), StandardCharsets.UTF_8));
        }
        assertEquals(1, connections.get());
    }

    @Test
    void aCertificateForAnotherNameIsRefused(@TempDir Path dir) throws Exception {
        SSLContext[] tls = contexts(dir);
        serve(tls[0]);
        Http1Transport transport = new Http1Transport(tls[1].getSocketFactory());
        // the same server, trusted, but its certificate names localhost, not 127.0.0.1
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> transport.send(
                request("https://127.0.0.1:" + server.getLocalPort() + "/v1/messages"), new byte[0], 5_000, 1_000));
        assertTrue(String.valueOf(refused.getMessage()).contains("127.0.0.1")
                || refused.getCause() != null, String.valueOf(refused.getMessage()));
    }
}
