package dev.srooter.plugins.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.AuditEvent;
import dev.srooter.testkit.Rsyslog;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink against a real syslog receiver: Debian's rsyslogd, which parses what it gets as RFC 5424. */
class SyslogToRsyslogTest {

    @TempDir
    static Path dir;
    static Rsyslog rsyslog;

    @BeforeAll
    static void start() throws Exception {
        rsyslog = Rsyslog.start(dir.resolve("rsyslog"));
    }

    @AfterAll
    static void stop() {
        rsyslog.close();
    }

    static AuditEvent event(String id, int status, String username) {
        return AuditEvent.builder().id(id).createdAt(Instant.parse("2026-12-01T10:00:00.123456789Z")).keyId("k1")
                .username(username).team("payments").endpoint("messages").requestedModel("claude-sonnet-4-5")
                .servedModel("claude-haiku-4-5").provider("anthropic").route("trivial -> claude-haiku-4-5")
                .intent("trivial").intentConfidence(0.91).inputTokens(1200).outputTokens(80).costUsd(2.505E-4)
                .priceKnown(true).latencyMs(14.5).status(status).errorType(status >= 400 ? "rate_limit" : null)
                .attempts("anthropic/claude-haiku-4-5 " + status + " 10ms").task("26be7cee921b00c3d3f559c9")
                .turn(0).promptSha256("ab".repeat(32)).build();
    }

    @Test
    void rsyslogReadsEachRecordAsAnRfc5424MessageOverTcp() throws Exception {
        SyslogSink sink = new SyslogSink();
        sink.configure(Map.of("host", "127.0.0.1", "port", String.valueOf(rsyslog.tcpPort()), "facility", "local3",
                "appName", "srooter-test", "hostname", "gw-1"));
        String run = Long.toString(System.nanoTime(), 36);
        sink.write(List.of(event("ok-" + run, 200, "dana"), event("limited-" + run, 429, "Zoë \"z\" | o'brien"),
                event("failed-" + run, 502, "dana")));
        sink.close();

        Rsyslog.Received ok = awaitId("ok-" + run);
        assertEquals(19 * 8 + 6, ok.pri(), "local3, informational");
        assertEquals("srooter-test", ok.appName());
        assertEquals(String.valueOf(ProcessHandle.current().pid()), ok.procId());
        assertEquals("audit", ok.msgId());
        assertEquals("gw-1", ok.hostname());
        assertEquals("2026-12-01T10:00:00.123456Z", ok.timestamp(), "microseconds, the finest RFC 5424 allows");
        assertEquals("-", ok.structuredData());
        JsonObject json = Json.createReader(new StringReader(ok.msg())).readObject();
        assertEquals("claude-haiku-4-5", json.getString("servedModel"));
        assertEquals("ab".repeat(32), json.getString("promptSha256"));
        assertEquals(0.0002505, json.getJsonNumber("costUsd").doubleValue());
        assertEquals(0, json.getInt("turn"));
        assertFalse(json.containsKey("errorType"), "fields without a value are left out");

        Rsyslog.Received limited = awaitId("limited-" + run);
        assertEquals(19 * 8 + 4, limited.pri(), "a 4xx is a warning");
        assertTrue(limited.msg().chars().allMatch(c -> c < 0x80), "the text is ASCII: " + limited.msg());
        assertEquals("Zoë \"z\" | o'brien", Json.createReader(new StringReader(limited.msg())).readObject()
                .getString("username"));
        assertEquals(19 * 8 + 3, awaitId("failed-" + run).pri(), "a 5xx is an error");
    }

    @Test
    void lineFramingAndUdpReachRsyslogToo() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        SyslogSink lines = new SyslogSink();
        lines.configure(Map.of("host", "127.0.0.1", "port", String.valueOf(rsyslog.tcpPort()), "framing", "lf"));
        lines.write(List.of(event("lf-1-" + run, 200, "dana"), event("lf-2-" + run, 200, "dana")));
        lines.close();
        SyslogSink datagrams = new SyslogSink();
        datagrams.configure(Map.of("host", "127.0.0.1", "port", String.valueOf(rsyslog.udpPort()),
                "transport", "udp", "facility", "13"));
        datagrams.write(List.of(event("udp-" + run, 200, "dana")));
        datagrams.close();

        assertEquals("srooter", awaitId("lf-1-" + run).appName());
        assertEquals(16 * 8 + 6, awaitId("lf-2-" + run).pri(), "local0 unless set");
        assertEquals(13 * 8 + 6, awaitId("udp-" + run).pri(), "facility 13, log audit");
    }

    /**
     * A receiver that takes only senders with a certificate its CA issued (rsyslog's OpenSSL driver in
     * {@code x509/certvalid} mode, as a SIEM's input is set up): the sink without {@code certFile} is refused and
     * its write fails, the sink with one is delivered. Certificates are made with OpenSSL, as an admin makes them.
     */
    @Test
    void rsyslogThatRequiresClientCertificatesTakesTheSinkThatShowsOne() throws Exception {
        Path tls = dir.resolve("mtls");
        java.nio.file.Files.createDirectories(tls);
        Path ca = tls.resolve("ca.pem");
        Path caKey = tls.resolve("ca-key.pem");
        SyslogConnectionTest.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(), "-subj", "/CN=srooter test CA",
                "-days", "2");
        Path serverCert = issue(tls, ca, caKey, "localhost");
        Path clientCert = issue(tls, ca, caKey, "srooter-audit");
        String run = Long.toString(System.nanoTime(), 36);
        try (Rsyslog secured = Rsyslog.startMutualTls(tls.resolve("rsyslog"),
                new Rsyslog.MutualTls(ca, serverCert, tls.resolve("localhost-key.pem")))) {
            String port = String.valueOf(secured.tcpPort());

            SyslogSink anonymous = new SyslogSink();
            anonymous.configure(Map.of("host", "localhost", "port", port, "transport", "tls", "caFile", ca.toString()));
            java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> anonymous.write(List.of(event("anonymous-" + run, 200, "dana"))));
            assertTrue(refused.getMessage().contains("localhost:" + port), refused.getMessage());
            assertTrue(refused.getMessage().contains("set certFile and keyFile"), refused.getMessage());
            anonymous.close();

            SyslogSink identified = new SyslogSink();
            identified.configure(Map.of("host", "localhost", "port", port, "transport", "tls", "caFile",
                    ca.toString(), "certFile", clientCert.toString(),
                    "keyFile", tls.resolve("srooter-audit-key.pem").toString()));
            identified.write(List.of(event("identified-" + run, 200, "dana")));
            identified.close();

            Rsyslog.Received received = secured.await(r -> r.msg().contains("\"id\":\"identified-" + run + "\""),
                    Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("rsyslog got nothing over mutual TLS"));
            assertEquals("srooter", received.appName());
            assertTrue(secured.received().stream().noneMatch(r -> r.msg().contains("anonymous-" + run)));
        }
    }

    /** A key and a certificate for {@code name} (also its DNS name), issued by the test CA. */
    private static Path issue(Path tls, Path ca, Path caKey, String name) throws Exception {
        Path key = tls.resolve(name + "-key.pem");
        Path request = tls.resolve(name + ".csr");
        Path cert = tls.resolve(name + ".pem");
        Path extensions = java.nio.file.Files.writeString(tls.resolve(name + ".ext"), "subjectAltName=DNS:" + name
                + "\n");
        SyslogConnectionTest.openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", request.toString(), "-subj", "/CN=" + name);
        SyslogConnectionTest.openssl("x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey",
                caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile",
                extensions.toString());
        return cert;
    }

    private static Rsyslog.Received awaitId(String id) throws Exception {
        return rsyslog.await(r -> r.msg().contains("\"id\":\"" + id + "\""), Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("rsyslog got no message for " + id + ": " + received()));
    }

    private static List<Rsyslog.Received> received() {
        try {
            return rsyslog.received();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
