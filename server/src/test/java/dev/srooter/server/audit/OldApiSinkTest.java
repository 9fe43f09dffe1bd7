package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.srooter.api.AuditSink;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.store.AuditRecord;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The api compatibility rule, shown: the webhook sink as built against api 0.1.0 (when AuditEvent was a
 * 26-component record) is loaded by this server's plugin host and receives events made by this server.
 */
class OldApiSinkTest {

    @Test
    void aSinkBuiltAgainstApi010LoadsAndReceivesEveryEvent(@TempDir Path dir) throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        try (InputStream jar = getClass().getResourceAsStream("/compat/audit-webhook-built-against-api-0.1.0.jar")) {
            Files.copy(jar, shipped.resolve("audit-webhook.jar"));
        }
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        PluginHost host = new PluginHost();
        try {
            host.start(shipped, dir.resolve("uploaded"), Set.of());
            try (PluginHost.Lease lease = host.lease()) {
                AuditSink sink = lease.auditSinks().get("webhook");
                assertTrue(sink.getClass().getClassLoader() instanceof org.pf4j.PluginClassLoader,
                        "the sink comes from the old jar, not from a build on the class path");
                sink.configure(Map.of("url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"));
                AuditRecord record = new AuditRecord();
                record.id = "req-1";
                record.createdAt = Instant.parse("2026-12-03T10:00:00Z");
                record.username = "dana";
                record.requestedModel = "claude-x";
                record.servedModel = "gpt-x";
                record.route = "security -> claude-x; fallback -> gpt-x";
                record.status = 200;
                record.costUsd = 0.25;
                record.riskScore = 80; // recorded since api 0.2.0: an old sink simply does not ask for it
                record.promptSha256 = "ab".repeat(32);
                sink.write(List.of(AuditSinks.event(record)));
            }
        } finally {
            hook.stop(0);
        }
        assertEquals(1, received.size());
        String batch = received.get(0);
        assertTrue(batch.contains("\"id\":\"req-1\"") && batch.contains("\"username\":\"dana\"")
                && batch.contains("\"route\":\"security -> claude-x; fallback -> gpt-x\"")
                && batch.contains("\"servedModel\":\"gpt-x\"") && batch.contains("\"costUsd\":0.25"), batch);
    }
}
