package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cortex over the admin API: the multi-language sample repository and this project's own repository indexed
 * with known symbols and edges; search; neighbourhoods and transitive dependents; a saved file re-read on its
 * own within seconds (the watcher) and on request (the reindex call a git hook makes).
 */
class CortexIT {

    private static final Path SAMPLE = Path.of("..", "testkit", "cortex-sample").toAbsolutePath().normalize();
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void unregister() {
        for (JsonValue repo : Gateway.array(gateway.admin("GET", "/api/cortex/repos", null).body())) {
            String name = repo.asJsonObject().getString("name");
            if (name.endsWith(run)) {
                gateway.admin("DELETE", "/api/cortex/repos/" + name, null);
            }
        }
    }

    private JsonObject register(String name, Path path) {
        HttpResponse<String> response = gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"" + name
                + "\",\"path\":\"" + path + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return Gateway.object(response.body());
    }

    private JsonArray search(String q, String repo) {
        HttpResponse<String> response = gateway.admin("GET", "/api/cortex/symbols?q=" + q + "&repo=" + repo, null);
        assertEquals(200, response.statusCode(), response.body());
        return Gateway.array(response.body());
    }

    private static List<String> names(JsonArray symbols) {
        return symbols.stream().map(v -> v.asJsonObject().getString("name")).toList();
    }

    @Test
    void theSampleRepositoryIsIndexedWithItsSymbolsAndEdgesInEveryLanguage() {
        String repo = "sample-" + run;
        JsonObject created = register(repo, SAMPLE);
        assertEquals(11, created.getInt("files"), "Java, Python, Go, TypeScript and JavaScript files; not the SQL");
        assertTrue(created.getInt("symbols") >= 30 && created.getInt("edges") >= 25, created.toString());

        JsonObject listed = Gateway.array(gateway.admin("GET", "/api/cortex/repos", null).body()).stream()
                .map(JsonValue::asJsonObject).filter(r -> r.getString("name").equals(repo)).findFirst().orElseThrow();
        assertEquals(created.getInt("symbols"), listed.getInt("symbols"));
        assertEquals(created.getInt("edges"), listed.getInt("edges"));

        JsonObject charge = search("ChargeService", repo).stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("kind").equals("class")).findFirst().orElseThrow();
        assertEquals("java/src/main/java/shop/payments/ChargeService.java", charge.getString("file"));
        assertEquals(3, charge.getInt("line"));

        JsonObject ledger = Gateway.object(gateway.admin("GET", "/api/cortex/repos/" + repo
                + "/neighbourhood?name=record", null).body());
        assertEquals(List.of("charge"), names(ledger.getJsonArray("dependents")));
        JsonObject chargeNeighbourhood = Gateway.object(gateway.admin("GET", "/api/cortex/repos/" + repo
                + "/neighbourhood?name=charge", null).body());
        assertTrue(names(chargeNeighbourhood.getJsonArray("dependsOn")).containsAll(List.of("record", "audit")),
                chargeNeighbourhood.toString());

        assertTrue(names(Gateway.array(gateway.admin("GET", "/api/cortex/repos/" + repo + "/dependents?name=record",
                null).body())).containsAll(List.of("charge", "checkout")), "Java, transitively");
        assertTrue(names(Gateway.array(gateway.admin("GET", "/api/cortex/repos/" + repo
                + "/dependents?name=record_refund", null).body())).contains("refund"), "Python");
        assertTrue(names(Gateway.array(gateway.admin("GET", "/api/cortex/repos/" + repo + "/dependents?name=verify",
                null).body())).containsAll(List.of("Validate", "Handle")), "Go, across packages");
        assertTrue(names(Gateway.array(gateway.admin("GET", "/api/cortex/repos/" + repo + "/dependents?name=total",
                null).body())).containsAll(List.of("checkout", "start")), "TypeScript into JavaScript");

        assertEquals(409, gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"" + repo + "\",\"path\":\"" + SAMPLE
                + "\"}").statusCode());
        assertEquals(400, gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"x-" + run
                + "\",\"path\":\"/no/such/folder\"}").statusCode());
        String developer = gateway.createUser("cortex-dev-" + run, "developer");
        assertEquals(403, gateway.as(developer, "GET", "/api/cortex/repos", null).statusCode());
    }

    @Test
    void thisProjectsOwnRepositoryIsIndexed() {
        String repo = "srooter-" + run;
        JsonObject created = register(repo, PROJECT);
        assertTrue(created.getInt("files") > 250, created.toString());
        JsonObject pipeline = search("Pipeline", repo).stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("kind").equals("class")).findFirst().orElseThrow();
        assertEquals("server/src/main/java/dev/srooter/server/pipeline/Pipeline.java", pipeline.getString("file"));
        JsonArray dependents = Gateway.object(gateway.admin("GET", "/api/cortex/repos/" + repo
                + "/neighbourhood?name=Budgets&file=server/src/main/java/dev/srooter/server/budget/Budgets.java", null)
                .body()).getJsonArray("dependents");
        assertTrue(names(dependents).containsAll(List.of("Budget", "BudgetResource", "SpendLedger")),
                "who uses Budgets: " + names(dependents));
        assertTrue(names(search("crossings", repo)).contains("crossings"), "test sources too");
    }

    /** A Claude Code turn in the sample repository that read the given files. */
    private HttpResponse<String> agentTurn(String system, String ask, String... files) {
        StringBuilder reads = new StringBuilder();
        for (int i = 0; i < files.length; i++) {
            reads.append(",{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t").append(i)
                    .append("\",\"name\":\"Read\",\"input\":{\"file_path\":\"").append(SAMPLE).append('/').append(files[i])
                    .append("\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t")
                    .append(i).append("\",\"content\":\"(file)\"}]}");
        }
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"system\":\"" + system + " Primary working directory: " + SAMPLE
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + ask + "\"}" + reads + "]}");
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    @Test
    void aRequestsBlastRadiusIsGaugedRecordedAndRoutesIt() {
        register("shop-" + run, SAMPLE);
        try {
            HttpResponse<String> leaf = agentTurn("You are an interactive coding agent.", "rename the start function",
                    "web/src/app.js");
            String low = leaf.headers().firstValue("x-srooter-risk").orElseThrow();
            assertTrue(low.startsWith("low "), low);
            assertTrue(leaf.headers().firstValue("server-timing").orElse("").startsWith("cortex;dur="));

            HttpResponse<String> risky = agentTurn("You are an interactive coding agent.",
                    "round cents in the ledger and add a column", "java/src/main/java/shop/payments/Ledger.java",
                    "db/migrations/V1__payments.sql");
            String high = risky.headers().firstValue("x-srooter-risk").orElseThrow();
            assertTrue(high.startsWith("high "), high);
            assertTrue(high.contains("migrations, payments"), high);
            assertTrue(high.contains("Ledger") && high.contains("record"), high);
            assertTrue(risky.headers().firstValue("x-srooter-route").orElse("").startsWith("risk high"),
                    risky.headers().map().toString());
            assertTrue(risky.headers().firstValue("x-srooter-council").isPresent(), "flagged for the council");
            JsonObject audit = gateway.auditRecord(risky.headers().firstValue("x-srooter-request-id").orElseThrow());
            assertTrue(audit.getInt("riskScore") >= 60, audit.toString());
            assertTrue(audit.getString("risk").startsWith("high"), audit.toString());

            // trivial work goes to the cheapest model only when it is also low-risk
            assertEquals(200, gateway.admin("PUT", "/api/routing/rules", "{\"rules\":[{\"intent\":\"trivial\","
                    + "\"target\":\"cheapest\"}]}").statusCode());
            assertEquals(200, gateway.admin("PUT", "/api/cortex/escalation", "{\"enabled\":false}").statusCode());
            HttpResponse<String> trivialButRisky = agentTurn("Generate a concise, sentence-case title for this coding"
                    + " session.", "Fix the flaky login test", "java/src/main/java/shop/payments/Ledger.java");
            assertTrue(trivialButRisky.headers().firstValue("x-srooter-route").orElse("").startsWith("risk "),
                    trivialButRisky.headers().map().toString());
            assertEquals(Gateway.CLAUDE, trivialButRisky.headers().firstValue("x-srooter-served-model").orElseThrow());
        } finally {
            gateway.admin("PUT", "/api/cortex/escalation", "{\"enabled\":true}");
            gateway.neutralRouting();
        }
    }

    @Test
    void aRepositoryCanBeUploadedAsAZipArchive() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes);
             Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(SAMPLE.relativize(file).toString()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        String repo = "zip-" + run;
        HttpResponse<String> uploaded = gateway.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                gateway.url + "/api/cortex/repos/" + repo + "/archive")).header("authorization", "Bearer "
                + gateway.adminToken).header("content-type", "application/zip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        assertEquals(11, Gateway.object(uploaded.body()).getInt("files"));
        assertTrue(names(search("ChargeService", repo)).contains("ChargeService"));

        java.io.ByteArrayOutputStream evil = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(evil)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("../../escape.py"));
            zip.write("x = 1\n".getBytes());
            zip.closeEntry();
        }
        HttpResponse<String> refused = gateway.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                gateway.url + "/api/cortex/repos/evil-" + run + "/archive")).header("authorization", "Bearer "
                + gateway.adminToken).header("content-type", "application/zip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(evil.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode(), refused.body());
        // issue 17, item 4: the folder of a refused upload stayed, and the name could never be used again
        HttpResponse<String> retried = gateway.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                gateway.url + "/api/cortex/repos/evil-" + run + "/archive")).header("authorization", "Bearer "
                + gateway.adminToken).header("content-type", "application/zip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, retried.statusCode(), retried.body());
    }

    /** Issue 17, item 4: a lead could register any folder of the server, / included, to be walked and watched. */
    @Test
    void onlyAdminsRegisterServerFoldersAndNeverTheRoot() throws java.io.IOException {
        String lead = gateway.createUser("cortex-lead-" + run, "lead");
        HttpResponse<String> byLead = gateway.as(lead, "POST", "/api/cortex/repos", "{\"name\":\"lead-" + run
                + "\",\"path\":\"" + SAMPLE + "\"}");
        assertEquals(403, byLead.statusCode(), byLead.body());
        HttpResponse<String> root = gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"root-" + run
                + "\",\"path\":\"/\"}");
        assertEquals(400, root.statusCode(), root.body());
        assertTrue(root.body().contains("too near the root"), root.body());
        // SROOTER_CORTEX_ROOTS, given to this server in bootstrap.properties: the checkout, and nothing outside it
        Path elsewhere = java.nio.file.Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                "srooter-outside-");
        HttpResponse<String> outside = gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"outside-" + run
                + "\",\"path\":\"" + elsewhere + "\"}");
        java.nio.file.Files.delete(elsewhere);
        assertEquals(400, outside.statusCode(), outside.body());
        assertTrue(outside.body().contains("is outside the folders this server indexes"), outside.body());
    }

    @Test
    void sensitiveAreasAreConfigurable() {
        JsonObject defaults = Gateway.object(gateway.admin("GET", "/api/cortex/sensitive", null).body());
        assertTrue(defaults.getJsonObject("tags").keySet().containsAll(List.of("authentication", "payments",
                "migrations", "security-configuration", "ci", "dependency-manifests")), defaults.toString());
        try {
            HttpResponse<String> put = gateway.admin("PUT", "/api/cortex/sensitive",
                    "{\"tags\":{\"pricing\":[\"*pricing*\"]}}");
            assertEquals(200, put.statusCode(), put.body());
            register("tags-" + run, SAMPLE);
            HttpResponse<String> priced = agentTurn("You are an interactive coding agent.", "change the total",
                    "web/src/pricing.ts");
            assertTrue(priced.headers().firstValue("x-srooter-risk").orElseThrow().contains("pricing"));
        } finally {
            gateway.admin("PUT", "/api/cortex/sensitive", defaults.toString());
        }
    }

    @Test
    void aSavedFileIsReadAgainOnItsOwn() throws Exception {
        String repo = "live-" + run;
        Path copy = gateway.dataDir().resolve("cortex-" + run);
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(SAMPLE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        register(repo, copy);
        Path pricing = copy.resolve("web/src/pricing.ts");
        Files.writeString(pricing, Files.readString(pricing) + "\nexport function discount(cents: number): number {\n"
                + "  return total([{ cents, quantity: 1 }]) / 10;\n}\n");
        long deadline = System.currentTimeMillis() + 10_000;
        long started = System.currentTimeMillis();
        while (!names(search("discount", repo)).contains("discount") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        long seconds = (System.currentTimeMillis() - started) / 1000;
        assertTrue(names(search("discount", repo)).contains("discount"), "the watcher read the saved file");
        assertTrue(seconds < 10, "within seconds: " + seconds);
        assertTrue(names(Gateway.array(gateway.admin("GET", "/api/cortex/repos/" + repo + "/dependents?name=total",
                null).body())).contains("discount"));

        // a git hook names the files it changed; unchanged files are left alone
        HttpResponse<String> unchanged = gateway.admin("POST", "/api/cortex/repos/" + repo + "/reindex",
                "{\"paths\":[\"go/auth/session.go\"]}");
        assertEquals(200, unchanged.statusCode(), unchanged.body());
        assertEquals(0, Gateway.object(unchanged.body()).getInt("filesRead"), "same digest: not parsed again");
        Files.delete(copy.resolve("python/payments/refunds.py"));
        HttpResponse<String> reindex = gateway.admin("POST", "/api/cortex/repos/" + repo + "/reindex",
                "{\"paths\":[\"python/payments/refunds.py\"]}");
        assertEquals(200, reindex.statusCode(), reindex.body());
        assertEquals(List.of(), names(search("RefundError", repo)), "a deleted file's symbols are gone");
    }
}
