package dev.srooter.plugins.syslog;

import static dev.srooter.plugins.syslog.SyslogToRsyslogTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP and TLS connection's failure cases, against receivers in this JVM that misbehave on purpose. */
class SyslogConnectionTest {

    @TempDir
    Path dir;

    @Test
    void aBatchAfterTheReceiverClosedTheConnectionGoesOnANewOne() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> first = new CopyOnWriteArrayList<>();
            List<String> second = new CopyOnWriteArrayList<>();
            CountDownLatch closed = new CountDownLatch(1);
            Thread receiver = new Thread(() -> {
                try {
                    try (Socket one = server.accept()) { // a receiver that restarts after the first batch
                        InputStream in = one.getInputStream();
                        first.add(frame(in));
                        first.add(frame(in));
                    }
                    closed.countDown();
                    try (Socket two = server.accept()) {
                        InputStream in = two.getInputStream();
                        for (int i = 0; i < 3; i++) {
                            second.add(frame(in));
                        }
                    }
                } catch (IOException e) {
                    second.add("receiver failed: " + e);
                }
            });
            receiver.start();
            SyslogSink sink = new SyslogSink();
            sink.configure(Map.of("host", "127.0.0.1", "port", String.valueOf(server.getLocalPort())));
            sink.write(List.of(event("a1", 200, "dana"), event("a2", 200, "dana")));
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            Thread.sleep(100); // the receiver's close has reached this side
            sink.write(List.of(event("b1", 200, "dana"), event("b2", 200, "dana"), event("b3", 200, "dana")));
            receiver.join(10_000);
            sink.close();

            assertEquals(2, first.size());
            assertEquals(3, second.size(), "written to the closed connection, the batch would be lost: " + second);
            for (int i = 0; i < 3; i++) {
                assertTrue(second.get(i).contains("\"id\":\"b" + (i + 1) + "\""), second.get(i));
            }
        }
    }

    @Test
    void aReceiverThatStopsReadingFailsTheBatchAtTheTimeoutInsteadOfHoldingTheWriter() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(server.accept()); // and never read
                } catch (IOException ignored) {
                    // closed at the end
                }
            });
            acceptor.start();
            SyslogSink sink = new SyslogSink();
            sink.configure(Map.of("host", "127.0.0.1", "port", String.valueOf(server.getLocalPort()),
                    "timeoutSeconds", "1"));
            List<AuditEvent> big = new ArrayList<>();
            String risk = "x".repeat(2000);
            for (int i = 0; i < 20_000; i++) { // about 45 MB: more than both sides' buffers hold
                big.add(AuditEvent.builder().id("big-" + i).createdAt(java.time.Instant.now()).status(200)
                        .risk(risk).build());
            }
            IOException failed = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(IOException.class, () -> sink.write(big)));
            assertTrue(failed instanceof SocketTimeoutException, failed.toString());
            assertTrue(failed.getMessage().contains("took no more data for 1 s"), failed.getMessage());
            sink.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void tlsChecksTheReceiversCertificateAgainstTheCaFileAndItsName() throws Exception {
        Path keystore = keyPair("receiver", "SAN=dns:localhost");
        Path ca = exportCertificate(keystore, "receiver");
        Path otherCa = exportCertificate(keyPair("other", "SAN=dns:localhost"), "other");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(keystore), null, null);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> received = new CopyOnWriteArrayList<>();
            receive(server, received, new CopyOnWriteArrayList<>());
            String port = String.valueOf(server.getLocalPort());

            SyslogSink trusted = new SyslogSink();
            trusted.configure(Map.of("host", "localhost", "port", port, "transport", "tls", "caFile", ca.toString()));
            trusted.write(List.of(event("tls-1", 200, "dana")));
            trusted.close();
            long deadline = System.currentTimeMillis() + 10_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, received.size());
            assertTrue(received.get(0).contains("\"id\":\"tls-1\""), received.get(0));

            SyslogSink otherAuthority = new SyslogSink();
            otherAuthority.configure(Map.of("host", "localhost", "port", port, "transport", "tls",
                    "caFile", otherCa.toString()));
            IOException untrusted = assertThrows(IOException.class,
                    () -> otherAuthority.write(List.of(event("tls-2", 200, "dana"))));
            assertTrue(untrusted.getMessage().contains("localhost:" + port), untrusted.getMessage());
            otherAuthority.close();

            SyslogSink wrongName = new SyslogSink(); // the certificate names localhost only
            wrongName.configure(Map.of("host", "127.0.0.1", "port", port, "transport", "tls",
                    "caFile", ca.toString()));
            assertThrows(IOException.class, () -> wrongName.write(List.of(event("tls-3", 200, "dana"))));
            wrongName.close();
            assertEquals(1, received.size(), "nothing reached the receiver over an unchecked connection");
        }
    }

    /**
     * A receiver that asks for a client certificate (rsyslog's {@code x509/certvalid}) gets the one of
     * {@code certFile} and {@code keyFile}, made by OpenSSL as an admin makes them. Without one, the refusal fails
     * the write with a hint: over TLS 1.3 the client's handshake ends before the receiver's verdict, and the batch
     * was written into a connection the receiver was closing, reported delivered and lost.
     */
    @Test
    void tlsShowsTheClientCertificateToAReceiverThatAsksForOne() throws Exception {
        Path keystore = keyPair("receiver", "SAN=dns:localhost");
        Path ca = exportCertificate(keystore, "receiver");
        Path clientCert = dir.resolve("client.pem");
        Path clientKey = dir.resolve("client-key.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", clientKey.toString(), "-out", clientCert.toString(), "-subj", "/CN=srooter-audit",
                "-days", "2");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(keystore), trustOnly(clientCert), null);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            List<String> received = new CopyOnWriteArrayList<>();
            List<String> clients = new CopyOnWriteArrayList<>();
            receive(server, received, clients);
            String port = String.valueOf(server.getLocalPort());

            SyslogSink anonymous = new SyslogSink();
            anonymous.configure(Map.of("host", "localhost", "port", port, "transport", "tls", "caFile", ca.toString()));
            IOException refused = assertThrows(IOException.class,
                    () -> anonymous.write(List.of(event("mtls-0", 200, "dana"))));
            assertTrue(refused.getMessage().contains("set certFile and keyFile"), refused.getMessage());
            anonymous.close();

            SyslogSink identified = new SyslogSink();
            identified.configure(Map.of("host", "localhost", "port", port, "transport", "tls", "caFile", ca.toString(),
                    "certFile", clientCert.toString(), "keyFile", clientKey.toString()));
            identified.write(List.of(event("mtls-1", 200, "dana")));
            identified.write(List.of(event("mtls-2", 200, "dana"))); // the same connection
            identified.close();
            long deadline = System.currentTimeMillis() + 10_000;
            while (received.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, received.size(), received.toString());
            assertTrue(received.get(0).contains("\"id\":\"mtls-1\""), received.get(0));
            assertEquals(List.of("CN=srooter-audit"), clients);
        }
    }

    @Test
    void settingsAreCheckedWhenSaved() throws Exception {
        SyslogSink sink = new SyslogSink();
        assertRefused(sink, Map.of(), "needs a host");
        assertRefused(sink, Map.of("host", "h", "transport", "http"), "transport must be udp, tcp or tls");
        assertRefused(sink, Map.of("host", "h", "port", "70000"), "port must be a number from 1 to 65535");
        assertRefused(sink, Map.of("host", "h", "facility", "local9"), "facility must be a number from 0 to 23");
        assertRefused(sink, Map.of("host", "h", "appName", "my app"), "appName must be 1 to 48 printable ASCII");
        assertRefused(sink, Map.of("host", "h", "framing", "nul"), "framing must be octet-counting or lf");
        assertRefused(sink, Map.of("host", "h", "caFile", "/etc/hostname"), "caFile is for transport tls only");
        assertRefused(sink, Map.of("host", "h", "transport", "tls", "caFile", dir.resolve("none.pem").toString()),
                "is not a readable file");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        assertRefused(sink, Map.of("host", "h", "transport", "tls", "caFile", notPem.toString()), "caFile");
        Path cert = dir.resolve("c.pem");
        Path key = dir.resolve("k.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=a", "-days", "1");
        Path otherKey = dir.resolve("other-k.pem");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", otherKey.toString());
        Path oldStyleKey = dir.resolve("rsa-k.pem");
        openssl("pkey", "-in", key.toString(), "-traditional", "-out", oldStyleKey.toString());
        assertRefused(sink, Map.of("host", "h", "transport", "tls", "certFile", cert.toString()),
                "certFile and keyFile go together");
        assertRefused(sink, Map.of("host", "h", "certFile", cert.toString(), "keyFile", key.toString()),
                "certFile is for transport tls only");
        assertRefused(sink, Map.of("host", "h", "transport", "tls", "certFile", cert.toString(),
                "keyFile", otherKey.toString()), "is not the key of the first certificate");
        assertRefused(sink, Map.of("host", "h", "transport", "tls", "certFile", cert.toString(),
                "keyFile", oldStyleKey.toString()), "as BEGIN RSA PRIVATE KEY; srooter reads an unencrypted PKCS #8");
        assertRefused(sink, Map.of("host", "h", "transport", "tls", "certFile", key.toString(),
                "keyFile", key.toString()), "certFile");
        sink.configure(Map.of("host", "h", "transport", "tls", "certFile", cert.toString(), "keyFile", key.toString()));
        sink.close();
        SyslogSettings defaults = SyslogSettings.parse(Map.of("host", "h", "transport", "tls"));
        assertEquals(6514, defaults.port(), "RFC 5425's port");
        assertEquals(16, defaults.facility(), "local0");
        assertEquals(514, SyslogSettings.parse(Map.of("host", "h")).port());
        assertEquals(SyslogSettings.Transport.TCP, SyslogSettings.parse(Map.of("host", "h")).transport());
    }

    private static void assertRefused(SyslogSink sink, Map<String, String> settings, String reason) {
        Exception refused = assertThrows(Exception.class, () -> sink.configure(settings));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    /** One octet-counted frame: its length, a space, then the message. */
    static String frame(InputStream in) throws IOException {
        int length = 0;
        for (int c = in.read(); c != ' '; c = in.read()) {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            length = length * 10 + (c - '0');
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(length);
        for (int i = 0; i < length; i++) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("end of stream in a message");
            }
            message.write(c);
        }
        return message.toString(StandardCharsets.US_ASCII);
    }

    private Path keyPair(String alias, String san) throws Exception {
        Path keystore = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", san, "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        return keystore;
    }

    private Path exportCertificate(Path keystore, String alias) throws Exception {
        Path pem = dir.resolve(alias + ".pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        return pem;
    }

    /**
     * A TLS receiver on its own daemon thread: each frame it reads goes to {@code received}, and the certificate name
     * of each client that shows one to {@code clients}.
     */
    private static void receive(SSLServerSocket server, List<String> received, List<String> clients) {
        Thread receiver = new Thread(() -> {
            while (!server.isClosed()) {
                try (javax.net.ssl.SSLSocket client = (javax.net.ssl.SSLSocket) server.accept()) {
                    if (server.getNeedClientAuth()) {
                        clients.add(client.getSession().getPeerPrincipal().getName());
                    }
                    InputStream in = client.getInputStream();
                    while (true) {
                        received.add(frame(in));
                    }
                } catch (IOException refusedOrEnded) {
                    // a refused handshake or the client's close: take the next
                }
            }
        });
        receiver.setDaemon(true);
        receiver.start();
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        return managers.getKeyManagers();
    }

    /** Trust managers that trust exactly the certificate in {@code pem}. */
    private static javax.net.ssl.TrustManager[] trustOnly(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry("client",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust.getTrustManagers();
    }

    /** Debian's OpenSSL, as an admin makes a client certificate and key. */
    static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
