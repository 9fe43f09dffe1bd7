package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.srooter.testkit.Rsyslog;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Audit sinks as plugins (the rotating JSON Lines file, syslog to a real rsyslogd, the webhook sample uploaded
 * through the admin API), settings a sink refuses, and audit queries and exports filtered by time, user, model, route and status.
 */
class AuditSinksIT {

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void disableSinks() {
        gateway.admin("PUT", "/api/audit/sinks/jsonl", "{\"enabled\":false}");
        gateway.admin("PUT", "/api/audit/sinks/webhook", "{\"enabled\":false}");
        gateway.admin("PUT", "/api/audit/sinks/syslog", "{\"enabled\":false}");
        gateway.admin("DELETE", "/api/plugins/audit-webhook", null);
    }

    private HttpResponse<String> ask(String prompt) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    private static String id(HttpResponse<String> response) {
        return response.headers().firstValue("x-srooter-request-id").orElseThrow();
    }

    @Test
    void theJsonLinesSinkWritesEachRecordWithoutThePrompt() throws Exception {
        Path dir = gateway.dataDir().resolve("audit-sink-" + run);
        HttpResponse<String> enabled = gateway.admin("PUT", "/api/audit/sinks/jsonl",
                "{\"enabled\":true,\"settings\":{\"dir\":\"" + dir + "\",\"maxBytes\":\"1000000\"}}");
        assertEquals(200, enabled.statusCode(), enabled.body());
        String secretPrompt = "sink-prompt-" + run;
        String requestId = id(ask(secretPrompt));

        Path file = dir.resolve("audit.jsonl");
        String line = waitForLine(file, requestId);
        assertTrue(line.contains("\"servedModel\":\"" + Gateway.CLAUDE + "\""), line);
        assertTrue(line.contains("\"promptSha256\":\""), line);
        assertFalse(Files.readString(file).contains(secretPrompt), "the prompt never reaches a sink");

        assertEquals(200, gateway.admin("PUT", "/api/audit/sinks/jsonl", "{\"enabled\":false}").statusCode());
        String after = id(ask("after"));
        gateway.auditRecord(after);
        Thread.sleep(300);
        assertFalse(Files.readString(file).contains(after), "a disabled sink gets nothing");
        assertEquals(400, gateway.admin("PUT", "/api/audit/sinks/database", "{\"enabled\":false}").statusCode());
    }

    @Test
    void theSyslogSinkSendsEachRecordToARealSyslogReceiver() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.start(Path.of("target", "rsyslog-" + run).toAbsolutePath())) {
            HttpResponse<String> enabled = gateway.admin("PUT", "/api/audit/sinks/syslog", "{\"enabled\":true,"
                    + "\"settings\":{\"host\":\"127.0.0.1\",\"port\":\"" + rsyslog.tcpPort() + "\","
                    + "\"hostname\":\"gw-it\"}}");
            assertEquals(200, enabled.statusCode(), enabled.body());
            String secretPrompt = "syslog-prompt-" + run;
            String requestId = id(ask(secretPrompt));

            Rsyslog.Received message = rsyslog.await(r -> r.msg().contains("\"id\":\"" + requestId + "\""),
                    java.time.Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("rsyslog got no message for "
                    + requestId));
            assertEquals("srooter", message.appName());
            assertEquals("audit", message.msgId());
            assertEquals("gw-it", message.hostname());
            assertEquals(16 * 8 + 6, message.pri(), "local0, informational");
            jakarta.json.JsonObject record = Gateway.object(message.msg());
            assertEquals(Gateway.CLAUDE, record.getString("servedModel"));
            assertEquals(64, record.getString("promptSha256").length());
            assertTrue(rsyslog.received().stream().noneMatch(r -> r.msg().contains(secretPrompt)),
                    "the prompt never reaches a sink");

            // an admin setting up a receiver sends a made-up record and knows at once
            HttpResponse<String> tested = gateway.admin("POST", "/api/audit/sinks/syslog/test", null);
            assertEquals(200, tested.statusCode(), tested.body());
            String testId = Gateway.object(tested.body()).getString("id");
            assertTrue(testId.startsWith("sink-test-"), testId);
            Rsyslog.Received test = rsyslog.await(r -> r.msg().contains("\"id\":\"" + testId + "\""),
                    java.time.Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no test record"));
            assertTrue(test.msg().contains("\"endpoint\":\"sink-test\""), test.msg());
            assertTrue(test.msg().contains("\"username\":\"admin\""), test.msg());
        }
        int closed;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closed = free.getLocalPort(); // nothing listens there once this closes
        }
        assertEquals(200, gateway.admin("PUT", "/api/audit/sinks/syslog", "{\"enabled\":true,\"settings\":"
                + "{\"host\":\"127.0.0.1\",\"port\":\"" + closed + "\"}}").statusCode());
        HttpResponse<String> refused = gateway.admin("POST", "/api/audit/sinks/syslog/test", null);
        assertEquals(502, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("the syslog sink could not deliver a test record: syslog receiver 127.0.0.1:"
                + closed), refused.body());
        assertEquals(404, gateway.admin("POST", "/api/audit/sinks/nowhere/test", null).statusCode());
        String auditor = gateway.createUser("sink-tester-" + run, "auditor");
        assertEquals(403, gateway.as(auditor, "POST", "/api/audit/sinks/syslog/test", null).statusCode(),
                "sending is an admin's");
    }

    @Test
    void aSinkThatRefusesItsSettingsIsNotEnabled() {
        HttpResponse<String> noHost = gateway.admin("PUT", "/api/audit/sinks/syslog",
                "{\"enabled\":true,\"settings\":{\"transport\":\"tls\"}}");
        assertEquals(400, noHost.statusCode(), noHost.body());
        assertTrue(noHost.body().contains("the syslog sink refused these settings: the syslog sink needs a host"),
                noHost.body());
        HttpResponse<String> badPort = gateway.admin("PUT", "/api/audit/sinks/syslog",
                "{\"enabled\":true,\"settings\":{\"host\":\"siem\",\"port\":\"ninety\"}}");
        assertEquals(400, badPort.statusCode(), badPort.body());
        assertTrue(badPort.body().contains("port must be a number from 1 to 65535"), badPort.body());
        JsonArray sinks = Gateway.array(gateway.admin("GET", "/api/audit/sinks", null).body());
        jakarta.json.JsonObject syslog = sinks.stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals("syslog")).findFirst().orElseThrow();
        assertFalse(syslog.getBoolean("enabled"), "a refused sink stays off: " + syslog);
        assertTrue(syslog.getBoolean("installed"), "the built-in syslog plugin is installed: " + syslog);
        assertFalse(syslog.getJsonObject("settings").containsKey("port"), "refused settings are not saved: " + syslog);
    }

    @Test
    void theWebhookSampleIsUploadedEnabledAndReceivesRecords() throws Exception {
        uploadedWebhookReceivesRecords(Files.readAllBytes(Path.of(System.getProperty("srooter.samples.dir"),
                "audit-webhook.jar")));
    }

    /**
     * A webhook that stops answering (its client waits 10 s, three times a batch) once held the audit writer: the
     * next records reached neither the database nor the other sinks for half a minute.
     */
    @Test
    void aSinkWhoseReceiverHangsHoldsUpNeitherTheDatabaseNorAnotherSink() throws Exception {
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        hook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                answer.await(60, java.util.concurrent.TimeUnit.SECONDS); // hangs until the test is done
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        Path dir = gateway.dataDir().resolve("audit-sink-hung-" + run);
        try {
            HttpResponse<String> upload = gateway.http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(gateway.url + "/api/plugins")).header("authorization", "Bearer "
                    + gateway.adminToken).header("content-type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Path.of(
                            System.getProperty("srooter.samples.dir"), "audit-webhook.jar")))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, upload.statusCode(), upload.body());
            assertEquals(200, gateway.admin("PUT", "/api/audit/sinks/webhook", "{\"enabled\":true,\"settings\":"
                    + "{\"url\":\"http://127.0.0.1:" + hook.getAddress().getPort() + "/hook\"}}").statusCode());
            assertEquals(200, gateway.admin("PUT", "/api/audit/sinks/jsonl", "{\"enabled\":true,\"settings\":"
                    + "{\"dir\":\"" + dir + "\"}}").statusCode());

            String first = id(ask("the webhook stops answering here"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (received.stream().noneMatch(b -> b.contains(first)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(received.stream().anyMatch(b -> b.contains(first)), "the webhook has the first record");

            String second = id(ask("and the records after it"));
            gateway.auditRecord(second); // in the database within 10 s
            waitForLine(dir.resolve("audit.jsonl"), second); // and in the other sink
            JsonValue webhook = Gateway.array(gateway.admin("GET", "/api/audit/sinks", null).body()).stream()
                    .filter(v -> v.asJsonObject().getString("name").equals("webhook")).findFirst().orElseThrow();
            assertTrue(webhook.asJsonObject().getInt("waiting") >= 2, "the hung sink's records wait for it: "
                    + webhook);
            assertEquals(0, webhook.asJsonObject().getJsonNumber("dropped").longValue());
            String metrics = gateway.send("GET", "/metrics?scope=application", List.of(), null).body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("srooter_audit_sink_waiting")
                    && l.contains("sink=\"webhook\"") && !l.endsWith(" 0.0") && !l.endsWith(" 0")), metrics);
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("srooter_audit_sink_dropped")
                    && l.contains("sink=\"webhook\"")), metrics);
            // a test record to the hung receiver: an answer in bounded time, not a hung admin request
            HttpResponse<String> tested = gateway.admin("POST", "/api/audit/sinks/webhook/test", null);
            assertEquals(502, tested.statusCode(), tested.body());
            assertTrue(tested.body().contains("the webhook sink could not deliver a test record"), tested.body());
        } finally {
            answer.countDown();
            hook.stop(0);
        }
    }

    /** The api compatibility rule: a sink built against api 0.1.0 (AuditEvent a record then) still works. */
    @Test
    void theWebhookSampleBuiltAgainstTheFirstApiStillReceivesRecords() throws Exception {
        try (java.io.InputStream old = getClass().getResourceAsStream(
                "/compat/audit-webhook-built-against-api-0.1.0.jar")) {
            uploadedWebhookReceivesRecords(old.readAllBytes());
        }
    }

    private void uploadedWebhookReceivesRecords(byte[] jar) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            HttpResponse<String> upload = gateway.http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(gateway.url + "/api/plugins")).header("authorization", "Bearer "
                    + gateway.adminToken).header("content-type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, upload.statusCode(), upload.body());
            assertEquals("audit-webhook", Gateway.object(upload.body()).getString("id"));
            HttpResponse<String> enabled = gateway.admin("PUT", "/api/audit/sinks/webhook",
                    "{\"enabled\":true,\"settings\":{\"url\":\"http://127.0.0.1:" + hook.getAddress().getPort()
                            + "/hook\",\"authorization\":\"Bearer hook-secret\"}}");
            assertEquals(200, enabled.statusCode(), enabled.body());

            String requestId = id(ask("to the webhook"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (received.stream().noneMatch(b -> b.contains(requestId)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            String batch = received.stream().filter(b -> b.contains(requestId)).findFirst()
                    .orElseThrow(() -> new AssertionError("the webhook got no record of " + requestId));
            JsonArray records = Gateway.array(batch);
            assertTrue(records.stream().map(JsonValue::asJsonObject).anyMatch(r -> r.getString("id").equals(requestId)
                    && r.getString("servedModel").equals(Gateway.CLAUDE)), batch);
            assertEquals("Bearer hook-secret", authorizations.get(0));

            // issue 17, item 5: the webhook's authorization was shown in clear to auditors and stored unsealed
            String auditor = gateway.createUser("sink-auditor-" + System.nanoTime(), "auditor");
            for (HttpResponse<String> shown : List.of(enabled, gateway.as(auditor, "GET", "/api/audit/sinks", null))) {
                assertFalse(shown.body().contains("hook-secret"), shown.body());
                assertTrue(shown.body().contains("\"authorization\":\"***\""), shown.body());
            }
            List<String> found = new ArrayList<>();
            assertFalse(gateway.searchDatabase("hook-secret", found).isEmpty());
            assertEquals(List.of(), found, "the secret is sealed in the database");
            // sent back masked, the stored secret is kept while another setting changes
            assertEquals(200, gateway.admin("PUT", "/api/audit/sinks/webhook", "{\"enabled\":true,\"settings\":"
                    + "{\"url\":\"http://127.0.0.1:" + hook.getAddress().getPort() + "/hook?again\","
                    + "\"authorization\":\"***\"}}").statusCode());
            String again = id(ask("to the webhook again"));
            long until = System.currentTimeMillis() + 10_000;
            while (received.stream().noneMatch(b -> b.contains(again)) && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertEquals("Bearer hook-secret", authorizations.get(authorizations.size() - 1));
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void auditIsQueriedAndExportedByTimeUserModelRouteAndStatus() {
        String token = gateway.createUser("audited-" + run, "developer");
        String key = gateway.mintKeyAs(token, "audited");
        String from = java.time.Instant.now().minusSeconds(1).toString();
        String ok = id(gateway.anthropicWithKey(key, "{\"model\":\"" + Gateway.HAIKU + "\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"));
        String missing = id(gateway.anthropicWithKey(key, "{\"model\":\"no-such-model-" + run + "\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}"));
        String other = id(ask("someone else"));
        gateway.auditRecord(other);
        gateway.auditRecord(missing);

        String user = "user=audited-" + run;
        JsonArray mine = Gateway.array(gateway.admin("GET", "/api/audit?" + user + "&from=" + from, null).body());
        assertEquals(List.of(missing, ok), ids(mine), "newest first, this user's only");
        assertEquals(List.of(ok), ids(Gateway.array(gateway.admin("GET", "/api/audit?" + user + "&model="
                + Gateway.HAIKU, null).body())));
        assertEquals(List.of(missing), ids(Gateway.array(gateway.admin("GET", "/api/audit?" + user + "&status=4xx",
                null).body())));
        assertEquals(List.of(ok), ids(Gateway.array(gateway.admin("GET", "/api/audit?" + user + "&route=direct",
                null).body())));
        assertEquals(List.of(), ids(Gateway.array(gateway.admin("GET", "/api/audit?" + user + "&to=" + from, null)
                .body())));
        assertEquals(List.of(ok), ids(Gateway.array(gateway.admin("GET", "/api/audit?" + user + "&limit=1&offset=1",
                null).body())), "paging");
        assertEquals(400, gateway.admin("GET", "/api/audit?from=yesterday", null).statusCode());
        assertEquals(400, gateway.admin("GET", "/api/audit?status=ok", null).statusCode());

        HttpResponse<String> csv = gateway.admin("GET", "/api/audit/export?format=csv&" + user, null);
        assertEquals(200, csv.statusCode());
        List<String> rows = csv.body().lines().toList();
        assertEquals(3, rows.size(), "header and this user's two records: " + rows);
        assertTrue(rows.get(0).endsWith(",team,policies,skills,risk_score,risk,task,turn,context_notes"), rows.get(0));
        assertTrue(rows.get(1).startsWith(ok + ","), "oldest first");
        HttpResponse<String> jsonl = gateway.admin("GET", "/api/audit/export?format=jsonl&" + user + "&status=200",
                null);
        assertEquals(1, jsonl.body().lines().count(), jsonl.body());
        assertTrue(jsonl.body().contains(ok));
    }

    private static List<String> ids(JsonArray records) {
        return records.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    private static String waitForLine(Path file, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains("\"id\":\"" + id + "\"")) {
                        return line;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line for " + id + " in " + file);
    }
}
