package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, routes that learn, through the gateway with the fake providers: a learned rule for trivial work chooses
 * between a cheap and a strong Claude; after enough feedback that the cheap one succeeds, most trivial tasks go to it,
 * labelled {@code learned-route}. Every outcome signal reaches the decision it is about; pins, resets and switching
 * learning off work; exploration stays within its share and away from security work.
 */
class LearnedRoutesIT {

    private static final String CHEAP = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.HAIKU;
    private static final String STRONG = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE;
    private static final String OPUS = "claude-opus-4-1-20250805";
    private static final String CONTEXT = "trivial|none|-|-";
    private static final String AGENT = "You are an interactive coding agent.";

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);
    private int asks;

    @BeforeEach
    void learnTrivialWork() {
        rules("{\"intent\":\"trivial\",\"target\":\"learned\",\"candidates\":[\"" + CHEAP + "\",\"" + STRONG + "\"]}");
        settings("{\"enabled\":true,\"exploreShare\":0,\"qualityFloor\":0.95,\"exploreSecurity\":false}");
        reset(CONTEXT);
        reset("trivial|*|*|*");
        reset("security|none|-|-");
        reset("security|*|*|*");
    }

    @AfterEach
    void back() {
        settings("{\"enabled\":true,\"exploreShare\":0.1,\"qualityFloor\":0.95,\"exploreSecurity\":false}");
        gateway.admin("PUT", "/api/routing/learned/pin", "{\"context\":\"" + CONTEXT + "\"}");
        gateway.admin("PUT", "/api/routing/council", "{\"members\":[]}");
        gateway.admin("DELETE", "/api/routing/chains/" + Gateway.HAIKU, null);
        gateway.neutralRouting();
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    private void rules(String... learned) {
        StringBuilder json = new StringBuilder("{\"rules\":[");
        List<String> intents = new java.util.ArrayList<>(List.of("trivial", "substantive", "architecture", "security"));
        for (String rule : learned) {
            json.append(rule).append(',');
            intents.removeIf(rule::contains);
        }
        for (String intent : intents) {
            json.append("{\"intent\":\"").append(intent).append("\",\"target\":\"requested\"},");
        }
        json.setLength(json.length() - 1);
        HttpResponse<String> put = gateway.admin("PUT", "/api/routing/rules", json + "]}");
        assertEquals(200, put.statusCode(), put.body());
    }

    private void settings(String json) {
        HttpResponse<String> put = gateway.admin("PUT", "/api/routing/learned/settings", json);
        assertEquals(200, put.statusCode(), put.body());
    }

    private void reset(String context) {
        assertEquals(200, gateway.admin("POST", "/api/routing/learned/reset", "{\"context\":\"" + context + "\"}")
                .statusCode());
    }

    /** A new trivial ask, in a conversation of its own. */
    private String trivialAsk() {
        return "Fix the typo recieve in the comment on line " + (++asks) + " of utils_" + run + ".py";
    }

    private HttpResponse<String> turn(String model, String session, String messages) {
        HttpResponse<String> response = gateway.anthropic("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":"
                + "64,\"system\":\"" + AGENT + "\",\"messages\":" + messages + "}", "x-claude-code-session-id", session);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private HttpResponse<String> ask(String session, String ask) {
        return turn(Gateway.CLAUDE, session, "[{\"role\":\"user\",\"content\":\"" + ask + "\"}]");
    }

    private static String task(HttpResponse<String> response) {
        return response.headers().firstValue("x-srooter-task").orElseThrow();
    }

    private static String route(HttpResponse<String> response) {
        return response.headers().firstValue("x-srooter-route").orElse("");
    }

    /** The learned decision for a task, once recorded (in the background), with its signals. */
    private JsonObject decision(String task, String expectSignal) {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonObject last = null;
        while (System.currentTimeMillis() < deadline) {
            JsonArray found = Gateway.array(gateway.admin("GET", "/api/routing/learned/decisions?task=" + task, null)
                    .body());
            if (!found.isEmpty()) {
                last = found.getJsonObject(0);
                if (expectSignal == null || last.getString("signals").contains(expectSignal)) {
                    return last;
                }
            }
            Gateway.sleep(100);
        }
        throw new AssertionError("task " + task + ": no decision" + (expectSignal == null ? "" : " with "
                + expectSignal) + " within 10 s; last seen " + last);
    }

    private HttpResponse<String> feedback(String task, String outcome, String... headers) {
        List<String> h = headers.length == 0 ? List.of("authorization", "Bearer " + gateway.adminToken)
                : List.of(headers);
        return gateway.send("POST", "/api/feedback", h, "{\"task\":\"" + task + "\",\"outcome\":\"" + outcome + "\"}");
    }

    /** The outcomes the learner has counted for a candidate in the context under test. */
    private double outcomes(String model) {
        return Gateway.object(gateway.admin("GET", "/api/routing/learned", null).body()).getJsonArray("contexts")
                .stream().map(JsonValue::asJsonObject).filter(c -> c.getString("context").equals(CONTEXT))
                .flatMap(c -> c.getJsonArray("candidates").stream().map(JsonValue::asJsonObject))
                .filter(c -> c.getString("model").equals(model)).mapToDouble(c -> c.getJsonNumber("outcomes")
                        .doubleValue()).findFirst().orElse(0);
    }

    @Test
    void afterFeedbackThatTheCheapCandidateSucceedsMostTrivialTasksGoToIt() {
        settings("{\"exploreShare\":0.5}");
        // Until the cheap candidate has proven itself: eight outcomes, all successes. A fixed number of tasks left it
        // to chance (one run in a hundred or so explored it only five times in 24, and five successes against the
        // strong model's nineteen are not yet within the floor: the learner rightly kept the strong one).
        for (int i = 0; outcomes(CHEAP) < 8; i++) {
            assertTrue(i < 80, "the cheap candidate explored in a share of 0.5: " + outcomes(CHEAP) + " outcomes");
            HttpResponse<String> done = ask("learn-" + run + "-" + i, trivialAsk());
            assertEquals("trivial", done.headers().firstValue("x-srooter-intent").orElse(""), done.headers().map()
                    .toString());
            assertTrue(route(done).startsWith("learned-route trivial -> "), route(done));
            String task = task(done);
            decision(task, null);
            assertEquals(202, feedback(task, "success").statusCode());
        }
        settings("{\"exploreShare\":0}");
        int cheap = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> done = ask("learned-" + run + "-" + i, trivialAsk());
            if (done.headers().firstValue("x-srooter-served-model").orElse("").equals(Gateway.HAIKU)) {
                cheap++;
                assertEquals("learned-route trivial -> " + Gateway.HAIKU, route(done));
            }
        }
        assertTrue(cheap >= 8, "most trivial tasks go to the cheap candidate once it has proven itself: " + cheap);
        JsonObject audit = gateway.auditRecord(ask("audited-" + run, trivialAsk()).headers()
                .firstValue("x-srooter-request-id").orElseThrow());
        assertTrue(audit.getString("route").startsWith("learned-route trivial -> "), audit.toString());

        JsonObject explained = Gateway.object(gateway.admin("GET", "/api/routing/learned", null).body()).getJsonArray(
                "contexts").stream().map(JsonValue::asJsonObject).filter(c -> c.getString("context").equals(CONTEXT))
                .findFirst().orElseThrow();
        assertEquals(CHEAP, explained.getString("choice"), explained.toString());
        assertTrue(!explained.getString("why").isBlank(), explained.toString());
        JsonObject cheapView = explained.getJsonArray("candidates").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("model").equals(CHEAP)).findFirst().orElseThrow();
        assertTrue(cheapView.getJsonNumber("success").doubleValue() > 0.8, cheapView.toString());
        assertTrue(cheapView.getJsonNumber("outcomes").doubleValue() >= 5, cheapView.toString());
        assertTrue(cheapView.getJsonNumber("costUsd").doubleValue() > 0, cheapView.toString());
    }

    @Test
    void whatFollowsATaskReachesItsDecision() {
        String first = trivialAsk();
        HttpResponse<String> a = ask("follow-" + run, first);
        String taskA = task(a);
        decision(taskA, null);
        // built on: a new ask in the same conversation
        HttpResponse<String> next = turn(Gateway.CLAUDE, "follow-" + run, "[{\"role\":\"user\",\"content\":\"" + first
                + "\"},{\"role\":\"assistant\",\"content\":\"Fixed.\"},{\"role\":\"user\",\"content\":\"Now add a"
                + " docstring to the parse_header function in http_" + run + ".py\"}]");
        assertEquals("continued", decision(taskA, "continued").getString("signals"));
        // the same ask again: retried
        String taskB = task(next);
        String askB = "Now add a docstring to the parse_header function in http_" + run + ".py";
        decision(taskB, null);
        turn(Gateway.CLAUDE, "follow-" + run, "[{\"role\":\"user\",\"content\":\"" + first + "\"},{\"role\":"
                + "\"assistant\",\"content\":\"Fixed.\"},{\"role\":\"user\",\"content\":\"" + askB + "\"},{\"role\":"
                + "\"assistant\",\"content\":\"Added.\"},{\"role\":\"user\",\"content\":\"" + askB + "!\"}]");
        assertEquals("retried", decision(taskB, "retried").getString("signals"));

        // moved to a dearer model by hand: escalated
        String askC = trivialAsk();
        HttpResponse<String> c = turn(Gateway.HAIKU, "escalate-" + run, "[{\"role\":\"user\",\"content\":\"" + askC
                + "\"}]");
        String taskC = task(c);
        decision(taskC, null);
        turn(OPUS, "escalate-" + run, "[{\"role\":\"user\",\"content\":\"" + askC + "\"},{\"role\":\"assistant\","
                + "\"content\":\"Done.\"},{\"role\":\"user\",\"content\":\"Also rename the helper in io_" + run
                + ".py to read_all\"}]");
        assertEquals("escalated", decision(taskC, "escalated").getString("signals"));

        // a tool result after the answer reports an error
        String askD = trivialAsk();
        HttpResponse<String> d = ask("tools-" + run, askD);
        String taskD = task(d);
        decision(taskD, null);
        turn(Gateway.CLAUDE, "tools-" + run, "[{\"role\":\"user\",\"content\":\"" + askD + "\"},{\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{\"command\":"
                + "\"pytest\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                + "\"is_error\":true,\"content\":\"1 failed\"}]}]");
        assertTrue(decision(taskD, "tool-error").getString("signals").contains("tool-error"));
    }

    @Test
    void aFallbackAnAbortAndTheCouncilReachTheirDecisions() throws Exception {
        // the pinned cheap model fails; its chain serves: fallback
        assertEquals(200, gateway.admin("PUT", "/api/routing/learned/pin", "{\"context\":\"" + CONTEXT + "\",\"model\":\""
                + CHEAP + "\"}").statusCode());
        assertEquals(200, gateway.admin("PUT", "/api/routing/chains/" + Gateway.HAIKU, "{\"chain\":[\"" + Gateway.CLAUDE
                + "\"]}").statusCode());
        gateway.anthropic.setResponder(r -> r.getString("model", "").equals(Gateway.HAIKU) ? Reply.error(503) : null);
        HttpResponse<String> fellBack = ask("fallback-" + run, trivialAsk());
        assertEquals(Gateway.CLAUDE, fellBack.headers().firstValue("x-srooter-served-model").orElse(""));
        assertTrue(decision(task(fellBack), "fallback").getString("model").equals(CHEAP));
        gateway.anthropic.setResponder(null);
        gateway.admin("PUT", "/api/routing/learned/pin", "{\"context\":\"" + CONTEXT + "\"}");

        // the client goes away in the middle of the answer: aborted
        gateway.anthropic.enqueue(Reply.text("w ".repeat(100).trim()).eventsEvery(100));
        String body = "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64,\"stream\":true,\"system\":\"" + AGENT
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + trivialAsk() + "\"}]}";
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(gateway.url
                + "/v1/messages")).header("x-api-key", gateway.key).header("content-type", "application/json")
                .header("x-claude-code-session-id", "abort-" + run)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<java.io.InputStream> streaming = gateway.http.send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = streaming.body()) {
            in.readNBytes(200); // the answer has begun; the client hangs up
        }
        decision(streaming.headers().firstValue("x-srooter-task").orElseThrow(), "aborted");

        // the council rejects: council-reject
        rules("{\"intent\":\"trivial\",\"target\":\"learned\",\"council\":true,\"candidates\":[\"" + CHEAP + "\",\""
                + STRONG + "\"]}");
        assertEquals(200, gateway.admin("PUT", "/api/routing/council", "{\"members\":[\"" + STRONG + "\",\""
                + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"],\"rule\":\"any-reject\"}").statusCode());
        java.util.function.Function<JsonObject, Reply> reviewer = r -> r.toString().contains("member of a review council")
                ? Reply.text("{\"verdict\":\"reject\",\"reasons\":\"wrong file\"}") : null;
        gateway.anthropic.setResponder(reviewer);
        gateway.openAi.setResponder(reviewer);
        HttpResponse<String> reviewed = ask("council-" + run, trivialAsk());
        assertTrue(decision(task(reviewed), "council-reject").getString("signals").contains("council-reject"));
    }

    @Test
    void feedbackComesFromPeopleAndHooksForTheirOwnTasks() {
        String user = "learner-" + run;
        String token = gateway.createUser(user, "developer");
        String key = gateway.mintKeyAs(token, "ci-hook");
        HttpResponse<String> own = gateway.send("POST", "/v1/messages", List.of("x-api-key", key, "anthropic-version",
                "2023-06-01", "x-claude-code-session-id", "own-" + run), "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"system\":\"" + AGENT + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + trivialAsk() + "\"}]}");
        String task = task(own);
        decision(task, null);
        HttpResponse<String> hook = feedback(task, "failure", "x-api-key", key);
        assertEquals(202, hook.statusCode(), hook.body());
        assertTrue(Gateway.object(hook.body()).getBoolean("counted"));
        assertTrue(decision(task, "failure").getString("signals").contains("failure"));

        String other = gateway.mintKeyAs(gateway.createUser("other-" + run, "developer"), "other");
        assertEquals(403, feedback(task, "success", "x-api-key", other).statusCode(), "not their task");
        assertEquals(404, feedback("no-such-task-" + run, "success").statusCode());
        assertEquals(400, feedback(task, "great").statusCode());
        assertEquals(401, gateway.send("POST", "/api/feedback", List.of(), "{\"task\":\"" + task
                + "\",\"outcome\":\"success\"}").statusCode());
        HttpResponse<String> byRequest = gateway.send("POST", "/api/feedback", List.of("authorization", "Bearer "
                + token), "{\"requestId\":\"" + own.headers().firstValue("x-srooter-request-id").orElseThrow()
                + "\",\"outcome\":\"success\",\"note\":\"tests pass\"}");
        assertEquals(202, byRequest.statusCode(), byRequest.body());
    }

    @Test
    void anAdminPinsResetsAndSwitchesLearningOff() {
        HttpResponse<String> pin = gateway.admin("PUT", "/api/routing/learned/pin", "{\"context\":\"" + CONTEXT
                + "\",\"model\":\"" + CHEAP + "\"}");
        assertEquals(200, pin.statusCode(), pin.body());
        assertEquals("pinned by an admin", Gateway.object(pin.body()).getString("why"));
        HttpResponse<String> pinned = ask("pin-" + run, trivialAsk());
        assertEquals(Gateway.HAIKU, pinned.headers().firstValue("x-srooter-served-model").orElse(""));
        assertEquals(400, gateway.admin("PUT", "/api/routing/learned/pin", "{\"context\":\"" + CONTEXT + "\",\"model\":\""
                + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"}").statusCode(), "not a candidate");

        HttpResponse<String> reset = gateway.admin("POST", "/api/routing/learned/reset", "{\"context\":\"" + CONTEXT
                + "\"}");
        assertEquals(200, reset.statusCode(), reset.body());
        JsonObject after = Gateway.object(reset.body());
        assertTrue(!after.containsKey("pinned") || after.isNull("pinned"), after.toString());
        assertTrue(after.getJsonArray("candidates").stream().allMatch(c -> c.asJsonObject().getJsonNumber("outcomes")
                .doubleValue() == 0), after.toString());
        assertEquals(STRONG, after.getString("choice"), "with nothing learned, the catalogue's best");

        settings("{\"enabled\":false}");
        HttpResponse<String> off = ask("off-" + run, trivialAsk());
        assertEquals("learned-route trivial -> " + Gateway.CLAUDE, route(off));
        Gateway.sleep(500);
        assertTrue(Gateway.array(gateway.admin("GET", "/api/routing/learned/decisions?task=" + task(off), null).body())
                .isEmpty(), "nothing is learned while learning is off");
        assertEquals(400, gateway.admin("PUT", "/api/routing/learned/settings", "{\"exploreShare\":0.9}").statusCode());
    }

    @Test
    void explorationKeepsItsShareAndLeavesSecurityWorkAlone() {
        for (int i = 0; i < 8; i++) {
            assertTrue(!route(ask("noexplore-" + run + "-" + i, trivialAsk())).contains("exploring"));
        }
        rules("{\"intent\":\"security\",\"target\":\"learned\",\"candidates\":[\"" + CHEAP + "\",\"" + STRONG + "\"]}");
        settings("{\"exploreShare\":0.5,\"exploreSecurity\":false}");
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> done = turn(Gateway.HAIKU, "sec-" + run + "-" + i, "[{\"role\":\"user\",\"content\":"
                    + "\"Our JWT validation accepts unsigned tokens; fix the signature verification in auth_" + run + i
                    + ".py\"}]");
            assertEquals("security", done.headers().firstValue("x-srooter-intent").orElse(""));
            assertTrue(route(done).startsWith("learned-route security -> ") && !route(done).contains("exploring"),
                    route(done));
        }
        settings("{\"exploreSecurity\":true}");
        int explored = 0;
        for (int i = 0; i < 16; i++) {
            HttpResponse<String> done = turn(Gateway.HAIKU, "sec2-" + run + "-" + i, "[{\"role\":\"user\",\"content\":"
                    + "\"Our JWT validation accepts unsigned tokens; fix the signature verification in authz_" + run + i
                    + ".py\"}]");
            explored += route(done).contains("exploring") ? 1 : 0;
        }
        assertTrue(explored > 0 && explored < 16, "allowed, exploration takes about half: " + explored);
    }
}
