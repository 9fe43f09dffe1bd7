package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, the council sits: security work flagged by the routing rules is reviewed, after its answer has gone
 * to the developer, by three members on two vendors (the testkit's fake Anthropic and OpenAI, answering as
 * reviewers when asked as one). Each member's verdict, reasons, latency and cost are recorded, the verdicts are
 * combined by the configured rule, and a member that fails or runs out of time is recorded while the council still
 * concludes.
 */
class CouncilIT extends CouncilCase {

    @Test
    void aUnanimousCouncilApprovesAndEveryMembersVerdictIsRecorded() {
        members("majority", 30, CLAUDE, GPT);
        verdicts.put(Gateway.CLAUDE, verdict("approve", "the signature is checked now"));
        verdicts.put(Gateway.GPT, verdict("approve", "fine"));
        HttpResponse<String> response = turn("s-" + run);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject review = concluded(response);
        assertEquals("approve", review.getString("verdict"));
        assertEquals("security", review.getString("trigger"));
        assertEquals("council : security", response.headers().firstValue("x-srooter-route").orElseThrow());
        assertEquals("council : security", gateway.auditRecord(response.headers().firstValue("x-srooter-request-id")
                .orElseThrow()).getString("route"));
        assertEquals(response.headers().firstValue("x-srooter-task").orElseThrow(), review.getString("task"));
        assertEquals(response.headers().firstValue("x-srooter-request-id").orElseThrow(), review.getString("requestId"));
        Map<String, JsonObject> members = byModel(review);
        assertEquals("approve", members.get(CLAUDE).getString("verdict"));
        assertEquals("the signature is checked now", members.get(CLAUDE).getString("reasons"));
        assertTrue(members.get(GPT).getJsonNumber("latencyMs").doubleValue() > 0);
        assertTrue(members.get(CLAUDE).getJsonNumber("costUsd").doubleValue() > 0, "members are priced calls");
        assertTrue(review.getJsonNumber("costUsd").doubleValue() > 0);
        // the reviewer saw the developer's ask and the answer, with the review prompt
        String asked = gateway.openAi.received().stream().map(r -> r.body()).filter(b -> b.contains("review council"))
                .findFirst().orElseThrow();
        assertTrue(asked.contains("fix the signature verification") && asked.contains("security work"), asked);

        JsonArray listed = Gateway.array(gateway.admin("GET", "/api/council/reviews?task="
                + review.getString("task"), null).body());
        assertEquals(1, listed.size());
        assertEquals(review.getString("id"), listed.getJsonObject(0).getString("id"));
    }

    @Test
    void splitVerdictsFollowTheConfiguredRule() throws Exception {
        verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
        verdicts.put(Gateway.HAIKU, verdict("approve", "ok"));
        verdicts.put(Gateway.GPT, verdict("reject", "the secret is still logged"));
        members("majority", 30, CLAUDE, HAIKU, GPT);
        assertEquals("approve", concluded(turn("maj-" + run)).getString("verdict"), "two of three approve");
        members("any-reject", 30, CLAUDE, HAIKU, GPT);
        java.nio.file.Path sink = gateway.dataDir().resolve("council-sink-" + run);
        assertEquals(200, gateway.admin("PUT", "/api/audit/sinks/jsonl", "{\"enabled\":true,\"settings\":{\"dir\":\""
                + sink + "\",\"maxBytes\":\"1000000\"}}").statusCode());
        JsonObject strict;
        try {
            strict = concluded(turn("any-" + run));
            // the audit sinks (a webhook among them) are told how the review ended
            String told = "";
            long deadline = System.currentTimeMillis() + 10_000;
            while (!told.contains("council_reject") && System.currentTimeMillis() < deadline) {
                Gateway.sleep(100);
                java.nio.file.Path file = sink.resolve("audit.jsonl");
                told = java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
            }
            String id = strict.getString("id");
            String line = told.lines().filter(l -> l.contains("council-review") && l.contains(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no council-review line for " + id + " in the sink"));
            assertTrue(line.contains("\"errorType\":\"council_reject\""), line);
        } finally {
            gateway.admin("PUT", "/api/audit/sinks/jsonl", "{\"enabled\":false}");
        }
        assertEquals("reject", strict.getString("verdict"), "one reject rejects");
        assertEquals("any-reject", strict.getString("rule"));
        assertEquals("the secret is still logged", byModel(strict).get(GPT).getString("reasons"));
        assertEquals(1, Gateway.array(gateway.admin("GET", "/api/council/reviews?verdict=reject&task="
                + strict.getString("task"), null).body()).size());
    }

    @Test
    void aMemberThatFailsOrTimesOutIsRecordedAndTheCouncilStillConcludes() {
        members("majority", 1, CLAUDE, HAIKU, GPT);
        verdicts.put(Gateway.CLAUDE, verdict("concerns", "no test for the unsigned case"));
        verdicts.put(Gateway.HAIKU, Reply.error(500));
        verdicts.put(Gateway.GPT, verdict("approve", "ok").delayed(2500));
        JsonObject review = concluded(turn("fail-" + run));
        Map<String, JsonObject> members = byModel(review);
        assertEquals("concerns", review.getString("verdict"), "the one member that answered decides");
        assertTrue(noVerdict(members.get(HAIKU)), members.get(HAIKU).toString());
        assertTrue(!members.get(HAIKU).getString("error").isBlank(), members.get(HAIKU).toString());
        assertTrue(noVerdict(members.get(GPT)), members.get(GPT).toString());
        assertTrue(members.get(GPT).getString("error").contains("1 s"), members.get(GPT).toString());
    }

    /** srooter prefers members from different vendors: it suggests such a council, and warns of a one-vendor one. */
    @Test
    void differentVendorsAreSuggestedAndAOneVendorCouncilIsWarnedOf() {
        JsonObject none = Gateway.object(gateway.admin("GET", "/api/routing/council", null).body());
        List<String> suggested = none.getJsonArray("suggested").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        // one model per maker: the fakes serve Anthropic's Claude and OpenAI's GPT (and a Qwen, through OpenAI's API)
        assertEquals(1, suggested.stream().filter(m -> m.contains("/claude")).count(), suggested.toString());
        assertEquals(1, suggested.stream().filter(m -> m.contains("/gpt")).count(), suggested.toString());
        assertTrue(!none.containsKey("warning") || none.isNull("warning"), none.toString());

        members("majority", 30, CLAUDE, HAIKU);
        JsonObject oneVendor = Gateway.object(gateway.admin("GET", "/api/routing/council", null).body());
        assertTrue(oneVendor.getString("warning").contains("every member is served by"), oneVendor.toString());
        members("majority", 30, CLAUDE, GPT);
        JsonObject twoVendors = Gateway.object(gateway.admin("GET", "/api/routing/council", null).body());
        assertTrue(!twoVendors.containsKey("warning") || twoVendors.isNull("warning"), twoVendors.toString());
    }

    /** A member whose provider fails is asked through its fallback chain, as any request would be. */
    @Test
    void aFailingMemberFallsBackAlongItsChain() {
        assertEquals(200, gateway.admin("PUT", "/api/routing/chains/" + Gateway.GPT, "{\"chain\":[\"" + Gateway.HAIKU
                + "\"]}").statusCode());
        try {
            members("majority", 30, CLAUDE, GPT);
            verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
            verdicts.put(Gateway.GPT, Reply.error(503));
            verdicts.put(Gateway.HAIKU, verdict("reject", "the fallback reviewer objects"));
            JsonObject review = concluded(turn("chain-" + run));
            JsonObject gpt = byModel(review).get(GPT);
            assertEquals("reject", gpt.getString("verdict"), gpt.toString());
            assertEquals("the fallback reviewer objects", gpt.getString("reasons"));
            assertEquals("reject", review.getString("verdict"), "a tie goes to the stricter verdict");
        } finally {
            gateway.admin("DELETE", "/api/routing/chains/" + Gateway.GPT, null);
        }
    }

    /** Council calls are the task's user's spend: one audit line per member, counted against their budget. */
    @Test
    void membersCallsAreAuditedAndCountedAgainstTheUsersBudget() throws Exception {
        members("majority", 30, CLAUDE, GPT);
        verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
        verdicts.put(Gateway.GPT, verdict("approve", "ok"));
        String user = "council-" + run;
        String key = gateway.mintKeyAs(gateway.createUser(user, "developer"), "council");
        assertEquals(200, gateway.admin("PUT", "/api/budgets/users/" + user, "{\"limitUsd\":100,\"period\":\"monthly\"}")
                .statusCode());
        try {
            HttpResponse<String> response = gateway.send("POST", "/v1/messages", List.of("x-api-key", key,
                    "anthropic-version", "2023-06-01", "x-claude-code-session-id", "budget-" + run), "{\"model\":\""
                    + Gateway.CLAUDE + "\",\"max_tokens\":64,\"system\":\"" + AGENT + "\",\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"" + ASK + "\"}]}");
            JsonObject review = concluded(response);
            String task = review.getString("task");
            List<JsonObject> lines = List.of();
            long deadline = System.currentTimeMillis() + 10_000;
            while (lines.size() < 2 && System.currentTimeMillis() < deadline) {
                lines = Gateway.array(gateway.admin("GET", "/api/audit?task=" + task + "&limit=50", null).body())
                        .stream().map(JsonValue::asJsonObject).filter(r -> r.getString("endpoint").equals("council"))
                        .toList();
                Gateway.sleep(100);
            }
            assertEquals(2, lines.size(), "one audit line per member");
            double councilCost = 0;
            for (JsonObject line : lines) {
                assertEquals(user, line.getString("username"));
                assertEquals("council : security; review " + review.getString("id"), line.getString("route"));
                assertTrue(line.getJsonNumber("costUsd").doubleValue() > 0, line.toString());
                councilCost += line.getJsonNumber("costUsd").doubleValue();
            }
            assertEquals(review.getJsonNumber("costUsd").doubleValue(), councilCost, 1e-9);
            double answered = Double.parseDouble(response.headers().firstValue("x-srooter-cost-usd").orElseThrow());
            double spent = 0;
            long until = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < until) {
                spent = Gateway.array(gateway.admin("GET", "/api/budgets", null).body()).stream()
                        .map(JsonValue::asJsonObject).filter(b -> b.getString("id").equals("user:" + user)).findFirst()
                        .orElseThrow().getJsonNumber("spentUsd").doubleValue();
                if (spent >= answered + councilCost - 1e-9) {
                    break;
                }
                Gateway.sleep(100);
            }
            assertEquals(answered + councilCost, spent, 1e-6, "the user's budget counts the answer and the council");
            // spend shows council calls as one line of their own, not one line per review
            JsonArray byRoute = Gateway.object(gateway.admin("GET", "/api/stats", null).body()).getJsonArray("byRoute");
            List<JsonObject> councilLines = byRoute.stream().map(JsonValue::asJsonObject)
                    .filter(g -> g.getString("key", "").equals("council reviews")).toList();
            assertEquals(1, councilLines.size(), byRoute.toString());
            assertTrue(byRoute.stream().noneMatch(g -> g.asJsonObject().getString("key", "").contains("; review rev_")),
                    byRoute.toString());
            assertTrue(councilLines.get(0).getJsonNumber("costUsd").doubleValue() >= councilCost - 1e-9, byRoute
                    .toString());
        } finally {
            gateway.admin("DELETE", "/api/budgets/users/" + user, null);
        }
    }

    /**
     * The members see the changed file's neighbourhood from Cortex, by name and never content: the symbols the task
     * touched (an Edit of Ledger.java in the loop) and what uses them (ChargeService's charge).
     */
    @Test
    void membersAreShownTheChangedFilesNeighbourhoodByName() {
        java.nio.file.Path sample = java.nio.file.Path.of("..", "testkit", "cortex-sample").toAbsolutePath().normalize();
        String repo = "council-shop-" + run;
        HttpResponse<String> registered = gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"" + repo
                + "\",\"path\":\"" + sample + "\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        try {
            members("majority", 30, CLAUDE, GPT);
            verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
            verdicts.put(Gateway.GPT, verdict("approve", "ok"));
            HttpResponse<String> done = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                    + "\",\"max_tokens\":64,\"system\":\"" + AGENT + " Primary working directory: " + sample
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + ASK + "\"},{\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Edit\",\"input\":{\"file_path\":\""
                    + sample + "/java/src/main/java/shop/payments/Ledger.java\",\"old_string\":\"SECRET_CONTENT_A\","
                    + "\"new_string\":\"SECRET_CONTENT_B\"}}]},{\"role\":\"user\",\"content\":[{\"type\":"
                    + "\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"edited\"}]}]}",
                    "x-claude-code-session-id", "hood-" + run);
            assertEquals(200, done.statusCode(), done.body());
            concluded(done);
            String prompt = gateway.openAi.received().stream().map(dev.srooter.testkit.RecordedRequest::body)
                    .filter(b -> b.contains("member of a review council")).reduce((a, b) -> b).orElseThrow();
            assertTrue(prompt.contains("Code around the change"), prompt);
            assertTrue(prompt.contains("Ledger (java/src/main/java/shop/payments/Ledger.java)"), prompt);
            assertTrue(prompt.contains("used by charge (java/src/main/java/shop/payments/ChargeService.java)"), prompt);
            assertTrue(!prompt.contains("SECRET_CONTENT"), "no file content, only the answer and names: " + prompt);
        } finally {
            gateway.admin("DELETE", "/api/cortex/repos/" + repo, null);
        }
    }

    /**
     * A hard skill's paths are a trigger: ordinary (substantive) work inside them is reviewed, route
     * {@code council : skill <name>}, without the caller asking; work elsewhere is not; an admin can turn it off.
     */
    @Test
    void workInsideAHardSkillsPathsConvenesTheCouncil() {
        String name = "payments-rules-" + run;
        HttpResponse<String> created = gateway.admin("POST", "/api/skills", "{\"name\":\"" + name + "\",\"text\":"
                + "\"Payments code: every change has a test.\",\"kind\":\"hard\",\"paths\":[\"**/payments/**\"]}");
        assertEquals(201, created.statusCode(), created.body());
        try {
            members("majority", 30, CLAUDE, GPT);
            verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
            verdicts.put(Gateway.GPT, verdict("approve", "ok"));
            HttpResponse<String> inside = editTurn("src/payments/Refunds.java", "hard-in-" + run);
            assertTrue(inside.headers().firstValue("x-srooter-route").orElse("").contains("council : skill " + name),
                    inside.headers().map().toString());
            JsonObject review = concluded(inside);
            assertEquals("skill " + name, review.getString("trigger"), review.toString());

            HttpResponse<String> outside = editTurn("src/web/Banner.java", "hard-out-" + run);
            assertTrue(outside.headers().firstValue("x-srooter-council").isEmpty(), outside.headers().map().toString());

            assertEquals(200, gateway.admin("PUT", "/api/routing/council", "{\"members\":[\"" + CLAUDE + "\",\"" + GPT
                    + "\"],\"hardSkills\":false}").statusCode());
            HttpResponse<String> off = editTurn("src/payments/Refunds.java", "hard-off-" + run);
            assertTrue(off.headers().firstValue("x-srooter-council").isEmpty(), off.headers().map().toString());
        } finally {
            gateway.admin("PUT", "/api/routing/council", "{\"members\":[],\"hardSkills\":true}");
            gateway.admin("DELETE", "/api/skills/" + name, null);
        }
    }

    /** A finished turn of plain work (a banner's wording) that edited {@code file}. */
    private HttpResponse<String> editTurn(String file, String session) {
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"system\":\"" + AGENT + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Change the wording of the confirmation message shown after the form is sent, and update the"
                + " unit test\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":"
                + "\"Edit\",\"input\":{\"file_path\":\"" + file + "\",\"old_string\":\"a\",\"new_string\":\"b\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":"
                + "\"edited\"}]}]}", "x-claude-code-session-id", session);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    @Test
    void oneCouncilPerTaskTurnAndNoneWhileTheTurnCallsTools() {
        members("majority", 30, CLAUDE, GPT);
        verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
        verdicts.put(Gateway.GPT, verdict("approve", "ok"));
        gateway.anthropic.enqueue(Reply.toolCall("toolu_1", "Read", "{\"path\":\"auth.py\"}"));
        HttpResponse<String> working = turn("tools-" + run);
        String id = working.headers().firstValue("x-srooter-council").orElseThrow().substring("review ".length());
        Gateway.sleep(500);
        assertEquals(404, gateway.admin("GET", "/api/council/reviews/" + id, null).statusCode(),
                "an answer that calls a tool does not end the turn: no council yet");
        HttpResponse<String> done = turn("tools-" + run); // the same ask again: the same task's human turn
        JsonObject review = concluded(done);
        assertEquals(id, review.getString("id"));
        turn("tools-" + run);
        Gateway.sleep(300);
        assertEquals(1, Gateway.array(gateway.admin("GET", "/api/council/reviews?task=" + review.getString("task"),
                null).body()).size(), "one council per task turn");
    }

    /** A council that does not approve is heard by the agent once, on the session's next turn, and nowhere else. */
    @Test
    void concernsReachTheSessionsNextTurnOnceAndNoOtherSession() {
        members("any-reject", 30, CLAUDE, GPT);
        verdicts.put(Gateway.CLAUDE, verdict("concerns", "no test covers an unsigned token"));
        verdicts.put(Gateway.GPT, verdict("approve", "ok"));
        String session = "note-" + run;
        JsonObject review = concluded(turn(session));
        assertEquals("concerns", review.getString("verdict"));

        HttpResponse<String> other = next("other-" + run);
        assertTrue(other.headers().firstValue("x-srooter-council-note").isEmpty(), "another session is not told");
        assertTrue(!gateway.anthropic.lastRequest().body().contains("review council"));

        HttpResponse<String> told = next(session);
        assertEquals(review.getString("id"), told.headers().firstValue("x-srooter-council-note").orElseThrow());
        JsonObject forwarded = Gateway.object(gateway.anthropic.lastRequest().body());
        JsonArray messages = forwarded.getJsonArray("messages");
        JsonArray content = messages.getJsonObject(messages.size() - 1).getJsonArray("content");
        String note = content.getJsonObject(content.size() - 1).getString("text");
        assertTrue(note.startsWith("<system-reminder>") && note.contains("concluded concerns")
                && note.contains("no test covers an unsigned token"), note);
        assertEquals("what should I do next?", content.getJsonObject(0).getString("text"),
                "the developer's message is kept whole, the note after it: the cache of everything before holds");
        assertEquals(AGENT, forwarded.getString("system"), "the system prompt is untouched");

        HttpResponse<String> again = next(session);
        assertTrue(again.headers().firstValue("x-srooter-council-note").isEmpty(), "once");
    }

    private HttpResponse<String> next(String session) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64,\"system\":\""
                + AGENT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"what should I do next?\"}]}",
                "x-claude-code-session-id", session);
    }

    @Test
    void withoutMembersTheHeaderSaysNoCouncilSits() {
        HttpResponse<String> response = turn("none-" + run);
        assertEquals("not convened: no council members are configured",
                response.headers().firstValue("x-srooter-council").orElseThrow());
        assertNull(response.headers().firstValue("x-srooter-council-review").orElse(null));
        assertEquals(List.of(), Gateway.array(gateway.admin("GET", "/api/council/reviews?task="
                + response.headers().firstValue("x-srooter-task").orElseThrow(), null).body()).stream().toList());
    }
}
