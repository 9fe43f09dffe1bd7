package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Liberty servers on one PostgreSQL database (the PostgreSQL pass's server, A, and a second node, B, started by
 * the build with the same database and master key): load through both, one cap, one audit; a key revoked on A is
 * refused on B; a rule changed on A applies on B; a console token from A is good on B.
 */
class TwoNodesIT {

    private static final String NODE_B = System.getProperty("srooter.node2.url");
    /** What docs/operations.md states: a change on one node applies on the others within this. */
    private static final long STATED_MILLIS = 2_000;

    private final Gateway a = Gateway.get();

    /** Routing rules that send trivial work to Haiku and keep the rest on the model asked for. */
    private static final String TRIVIAL_TO_HAIKU = "{\"rules\":["
            + "{\"intent\":\"trivial\",\"target\":\"" + Gateway.HAIKU + "\",\"minConfidence\":0},"
            + "{\"intent\":\"substantive\",\"target\":\"requested\"},"
            + "{\"intent\":\"architecture\",\"target\":\"requested\"},"
            + "{\"intent\":\"security\",\"target\":\"requested\"}]}";

    @BeforeEach
    void bothNodes() {
        Assumptions.assumeTrue(NODE_B != null, "PostgreSQL pass only: the second node shares its database");
    }

    private HttpResponse<String> onB(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(NODE_B + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return a.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> messageOn(boolean nodeB, String key, String body) {
        return nodeB ? onB("POST", "/v1/messages", body, "x-api-key", key, "anthropic-version", "2023-06-01")
                : a.anthropicWithKey(key, body);
    }

    private static String ask(String model, String text, int maxTokens) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}]}";
    }

    @Test
    void aConsoleTokenFromOneNodeIsGoodOnTheOther() {
        HttpResponse<String> keys = onB("GET", "/api/keys", null, "authorization", "Bearer " + a.adminToken);
        assertEquals(200, keys.statusCode(), "the nodes share the key that signs console tokens: " + keys.body());
    }

    @Test
    void loadThroughBothNodesIsAuditedOnceAndSpendMatchesTheAuditWithinTheCap() throws Exception {
        String user = "two-nodes-" + System.nanoTime();
        String key = a.mintKeyAs(a.createUser(user, "developer"), "load");
        BigDecimal limit = new BigDecimal("2.00");
        assertEquals(200, a.admin("PUT", "/api/budgets/users/" + user, "{\"limitUsd\":" + limit
                + ",\"period\":\"monthly\",\"hardStop\":true}").statusCode());
        Gateway.sleep(STATED_MILLIS);
        // a body whose estimate is above what the fake bills (1,200 input and 80 output tokens): as for real requests
        String body = ask(Gateway.CLAUDE, "Explain this log. " + "x".repeat(7_000), 100);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<String[]>>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            boolean nodeB = t % 2 == 1;
            work.add(pool.submit(() -> {
                List<String[]> sent = new ArrayList<>();
                for (int r = 0; r < 70; r++) {
                    HttpResponse<String> response = messageOn(nodeB, key, body);
                    sent.add(new String[] {response.headers().firstValue("x-srooter-request-id").orElse("none"),
                            String.valueOf(response.statusCode()), nodeB ? "B" : "A"});
                }
                return sent;
            }));
        }
        List<String[]> sent = new ArrayList<>();
        for (Future<List<String[]>> f : work) {
            sent.addAll(f.get());
        }
        pool.shutdown();
        Map<String, Integer> statuses = new HashMap<>();
        sent.forEach(s -> statuses.merge(s[2] + " " + s[1], 1, Integer::sum));
        assertTrue(statuses.getOrDefault("A 200", 0) > 0 && statuses.getOrDefault("B 200", 0) > 0, "both served: "
                + statuses);
        assertTrue(statuses.getOrDefault("A 403", 0) + statuses.getOrDefault("B 403", 0) > 0, "the cap was reached: "
                + statuses);

        // every request has exactly one audit record, from whichever node served it
        Map<String, Integer> audited = new HashMap<>();
        BigDecimal auditedCost = BigDecimal.ZERO;
        BigDecimal largest = BigDecimal.ZERO;
        long deadline = System.currentTimeMillis() + 15_000;
        List<JsonValue> records = List.of();
        while (System.currentTimeMillis() < deadline) {
            records = Gateway.array(a.admin("GET", "/api/audit?limit=2000&user=" + user, null).body());
            if (records.size() >= sent.size()) {
                break;
            }
            Gateway.sleep(200);
        }
        for (JsonValue value : records) {
            JsonObject record = value.asJsonObject();
            audited.merge(record.getString("id"), 1, Integer::sum);
            BigDecimal cost = record.isNull("costUsd") ? BigDecimal.ZERO : record.getJsonNumber("costUsd").bigDecimalValue();
            auditedCost = auditedCost.add(cost);
            largest = largest.max(cost);
        }
        for (String[] s : sent) {
            assertEquals(1, audited.getOrDefault(s[0], 0), "one audit record for " + s[0] + " (" + s[2] + " " + s[1]
                    + ")");
        }
        assertEquals(sent.size(), records.size(), "no other records, none doubled");

        // spend (written by both nodes' leases within a second) equals the audited cost, and stays within the cap
        BigDecimal spent = null;
        deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            spent = spentOf("user:" + user);
            if (spent.subtract(auditedCost).abs().compareTo(new BigDecimal("0.000001")) < 0) {
                break;
            }
            Gateway.sleep(200);
        }
        System.out.printf("two nodes: %s; spent %s of %s, audited %s%n", statuses, spent, limit, auditedCost);
        assertTrue(spent.subtract(auditedCost).abs().compareTo(new BigDecimal("0.000001")) < 0,
                "spend " + spent + " equals the audited cost " + auditedCost);
        assertTrue(spent.compareTo(limit.add(largest).add(largest)) <= 0, "spent " + spent
                + " is within the cap plus one request per node");
        assertTrue(leasingNodes("user:" + user) >= 2, "both nodes held from leases");
    }

    private BigDecimal spentOf(String id) {
        for (JsonValue value : Gateway.array(a.admin("GET", "/api/budgets", null).body())) {
            if (value.asJsonObject().getString("id").equals(id)) {
                return value.asJsonObject().getJsonNumber("spentUsd").bigDecimalValue();
            }
        }
        throw new AssertionError("no budget " + id);
    }

    private static int leasingNodes(String budgetId) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("srooter.jdbc.url"));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(DISTINCT node) FROM budget_leases WHERE budget_id = '"
                     + budgetId.replace("'", "''") + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedOnTheOtherWithinTheStatedTime() {
        HttpResponse<String> minted = a.admin("POST", "/api/keys", "{\"name\":\"revoked-on-a\"}");
        JsonObject key = Gateway.object(minted.body());
        String body = ask(Gateway.CLAUDE, "hello", 16);
        assertEquals(200, messageOn(true, key.getString("key"), body).statusCode(), "B takes the key (and caches it)");
        assertEquals(204, a.admin("DELETE", "/api/keys/" + key.getString("id"), null).statusCode());
        long revoked = System.currentTimeMillis();
        int status = 0;
        while (System.currentTimeMillis() - revoked < 10_000) {
            status = messageOn(true, key.getString("key"), body).statusCode();
            if (status == 401) {
                break;
            }
            Gateway.sleep(50);
        }
        long took = System.currentTimeMillis() - revoked;
        System.out.println("two nodes: a key revoked on A was refused on B after " + took + " ms");
        assertEquals(401, status);
        assertTrue(took <= STATED_MILLIS, "refused on B after " + took + " ms");
    }

    @Test
    void aRuleChangedOnOneNodeAppliesOnTheOther() {
        String trivial = ask(Gateway.CLAUDE, "Fix the typo in the README heading: Instalation", 64);
        try {
            assertEquals(200, a.admin("PUT", "/api/routing/rules", TRIVIAL_TO_HAIKU).statusCode());
            long changed = System.currentTimeMillis();
            String served = null;
            while (System.currentTimeMillis() - changed < 10_000) {
                HttpResponse<String> response = messageOn(true, a.key, trivial);
                served = response.headers().firstValue("x-srooter-served-model").orElse(null);
                if (Gateway.HAIKU.equals(served)) {
                    break;
                }
                Gateway.sleep(50);
            }
            long took = System.currentTimeMillis() - changed;
            System.out.println("two nodes: a rule changed on A applied on B after " + took + " ms");
            assertEquals(Gateway.HAIKU, served, "B routes by A's new rule");
            assertTrue(took <= STATED_MILLIS, "applied on B after " + took + " ms");
        } finally {
            a.neutralRouting();
            Gateway.sleep(STATED_MILLIS);
        }
    }

    @Test
    void aTaskFollowedUpOnTheOtherNodeStaysOnItsModel() {
        String ask = "Fix the typo in the README heading: Instalation (" + System.nanoTime() + ")";
        String tools = "\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}]";
        String human = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64," + tools + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"" + ask + "\"}]}";
        String followUp = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64," + tools + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"" + ask + "\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"README.md\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
                + "\"content\":\"# Instalation\"}]}]}";
        try {
            assertEquals(200, a.admin("PUT", "/api/routing/rules", TRIVIAL_TO_HAIKU).statusCode());
            HttpResponse<String> first = messageOn(false, a.key, human);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals(Gateway.HAIKU, first.headers().firstValue("x-srooter-served-model").orElse(null));
            // the rule changes back everywhere; the task's next turn lands on the other node
            a.neutralRouting();
            Gateway.sleep(STATED_MILLIS);
            HttpResponse<String> second = messageOn(true, a.key, followUp);
            assertEquals(200, second.statusCode(), second.body());
            assertEquals(first.headers().firstValue("x-srooter-task").orElseThrow(),
                    second.headers().firstValue("x-srooter-task").orElse(null), "one task across the nodes");
            assertEquals(Gateway.HAIKU, second.headers().firstValue("x-srooter-served-model").orElse(null),
                    "the follow-up stays on the task's model on the other node");
        } finally {
            a.neutralRouting();
            Gateway.sleep(STATED_MILLIS);
        }
    }

    @Test
    void aRateLimitHoldsAcrossBothNodes() {
        String user = "two-nodes-limited-" + System.nanoTime();
        String key = a.mintKeyAs(a.createUser(user, "developer"), "limited");
        assertEquals(200, a.admin("PUT", "/api/limits/users/" + user, "{\"requestsPerMinute\":20}").statusCode());
        Gateway.sleep(STATED_MILLIS);
        String body = ask(Gateway.CLAUDE, "hello", 16);
        int admitted = 0;
        // 40 requests over about eight seconds, alternating nodes: each node alone would admit all 20 of its own
        for (int i = 0; i < 40; i++) {
            int status = messageOn(i % 2 == 1, key, body).statusCode();
            if (status == 200) {
                admitted++;
            } else {
                assertEquals(429, status);
            }
            Gateway.sleep(200);
        }
        System.out.println("two nodes: a limit of 20 requests a minute admitted " + admitted + " of 40 sent to both");
        assertTrue(admitted >= 20, "the limit's own allowance is served: " + admitted);
        // together the nodes pass the limit by at most what they admit before they see each other's counts (each
        // writes and reads every second: two seconds of traffic, 10 requests here), not by a whole node's allowance
        assertTrue(admitted <= 30, "the nodes admitted " + admitted + " together");
    }

    /** The plugin's state on node B (null when B does not list it), within the stated time of {@code since}. */
    private String pluginStateOnB(String id, String expected, long since) {
        String state = null;
        while (System.currentTimeMillis() - since < 10_000) {
            state = Gateway.array(onB("GET", "/api/plugins", null, "authorization", "Bearer " + a.adminToken).body())
                    .stream().map(JsonValue::asJsonObject).filter(p -> p.getString("id").equals(id)).findFirst()
                    .map(p -> p.getString("state")).orElse(null);
            if (java.util.Objects.equals(expected, state)) {
                break;
            }
            Gateway.sleep(50);
        }
        long took = System.currentTimeMillis() - since;
        System.out.println("two nodes: plugin " + id + " " + expected + " on B after " + took + " ms");
        assertEquals(expected, state);
        assertTrue(took <= STATED_MILLIS, "seen on B after " + took + " ms");
        return state;
    }

    @Test
    void aPluginUploadedDisabledAndRemovedOnOneNodeIsSoOnTheOther() throws Exception {
        String id = "policy-prompt-size";
        byte[] jar = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(System.getProperty("srooter.samples.dir"),
                id + ".jar"));
        a.admin("DELETE", "/api/plugins/" + id, null);
        Gateway.sleep(STATED_MILLIS);
        try {
            HttpResponse<String> uploaded = a.http.send(HttpRequest.newBuilder(URI.create(a.url + "/api/plugins"))
                    .header("authorization", "Bearer " + a.adminToken).header("content-type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            pluginStateOnB(id, "STARTED", System.currentTimeMillis());
            assertEquals(200, a.admin("POST", "/api/plugins/" + id + "/disable", null).statusCode());
            pluginStateOnB(id, "DISABLED", System.currentTimeMillis());
        } finally {
            assertEquals(204, a.admin("DELETE", "/api/plugins/" + id, null).statusCode());
        }
        pluginStateOnB(id, null, System.currentTimeMillis());
    }
}
