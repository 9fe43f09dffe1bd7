package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tasks against the running server: a human turn and its tool follow-ups are one task that stays on one model;
 * a new human turn is a new task; spend per task and the task guard in each of its modes.
 */
class TasksIT {

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    @AfterEach
    void reset() {
        gateway.admin("DELETE", "/api/routing/chains/" + Gateway.CLAUDE, null);
        gateway.admin("DELETE", "/api/routing/task-guard", null);
        gateway.neutralRouting();
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.resetCredentials();
    }

    private String humanTurn(String ask) {
        return "{\"role\":\"user\",\"content\":\"" + ask + " (" + run + ")\"}";
    }

    private static String toolRound(int n) {
        return ",{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_" + n + "\",\"name\":\"Bash\","
                + "\"input\":{\"command\":\"ls\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"toolu_" + n + "\",\"content\":\"src tests README.md\"}]}";
    }

    /** Turn {@code turns} of a task begun with {@code ask}: the human turn, then {@code turns} tool rounds. */
    private HttpResponse<String> turn(String ask, int turns, String... headers) {
        StringBuilder messages = new StringBuilder(humanTurn(ask));
        for (int n = 1; n <= turns; n++) {
            messages.append(toolRound(n));
        }
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":256,"
                + "\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":[" + messages
                + "]}", headers);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Test
    void aTaskStaysOnTheModelThatServedItsHumanTurnAndANewHumanTurnIsRoutedAfresh() {
        // the human turn's model fails, so a fallback on another provider serves it: the task stays there
        assertEquals(200, gateway.admin("PUT", "/api/routing/chains/" + Gateway.CLAUDE, "{\"chain\":[\""
                + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT + "\"]}").statusCode());
        gateway.anthropic.enqueue(Reply.error(529));
        HttpResponse<String> first = turn("list the files in the repository", 0, "x-claude-code-session-id", run);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(Gateway.GPT, header(first, "x-srooter-served-model"));
        String task = header(first, "x-srooter-task");
        assertEquals("0", header(first, "x-srooter-task-turn"));

        for (int n = 1; n <= 2; n++) {
            HttpResponse<String> followUp = turn("list the files in the repository", n, "x-claude-code-session-id",
                    run);
            assertEquals(200, followUp.statusCode(), followUp.body());
            assertEquals(task, header(followUp, "x-srooter-task"), "a follow-up is a turn of the same task");
            assertEquals(String.valueOf(n), header(followUp, "x-srooter-task-turn"));
            assertEquals(Gateway.GPT, header(followUp, "x-srooter-served-model"),
                    "same model, same provider, although the model asked for answers again");
            assertEquals("task -> " + Gateway.GPT, header(followUp, "x-srooter-route"));
        }
        assertEquals(1, gateway.anthropic.received().size(), "only the failed human turn reached Anthropic");

        HttpResponse<String> next = turn("now explain what README.md says", 0, "x-claude-code-session-id", run);
        assertNotEquals(task, header(next, "x-srooter-task"), "a new human turn is a new task");
        assertEquals(Gateway.CLAUDE, header(next, "x-srooter-served-model"), "routed afresh: the model asked for");

        gateway.auditRecord(header(next, "x-srooter-request-id")); // written in order: the earlier ones are in too
        JsonArray records = Gateway.array(gateway.admin("GET", "/api/audit?task=" + task, null).body());
        assertEquals(List.of(2, 1, 0), records.stream().map(r -> r.asJsonObject().getInt("turn")).toList(),
                "the audit filtered by task: its turns, newest first");
        JsonObject summary = Gateway.array(gateway.admin("GET", "/api/tasks?sort=recent&limit=50", null).body())
                .stream().map(JsonValue::asJsonObject).filter(t -> t.getString("task").equals(task)).findFirst()
                .orElseThrow();
        assertEquals(3, summary.getInt("turns"));
        assertEquals(List.of(Gateway.GPT), summary.getJsonArray("models").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(summary.getJsonNumber("costUsd").doubleValue() > 0, summary.toString());
    }

    @Test
    void theGuardWarns() {
        guard("{\"maxTurns\":2,\"action\":\"warn\"}");
        assertEquals("", header(turn("run the test suite", 1), "x-srooter-task-guard"));
        HttpResponse<String> third = turn("run the test suite", 2);
        assertEquals(200, third.statusCode());
        assertEquals("warn; 3 turns > 2", header(third, "x-srooter-task-guard"));
        String task = header(third, "x-srooter-task");
        gateway.auditRecord(header(third, "x-srooter-request-id"));
        JsonObject summary = Gateway.array(gateway.admin("GET", "/api/tasks?sort=recent", null).body()).stream()
                .map(JsonValue::asJsonObject).filter(t -> t.getString("task").equals(task)).findFirst().orElseThrow();
        assertEquals("warn", summary.getString("guard"), "the task is flagged for the dashboard");
    }

    @Test
    void theGuardMovesTheFollowingTurnsDownTheChain() {
        assertEquals(200, gateway.admin("PUT", "/api/routing/chains/" + Gateway.CLAUDE, "{\"chain\":[\""
                + Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.HAIKU + "\"]}").statusCode());
        guard("{\"maxTurns\":1,\"action\":\"downgrade\"}");
        assertEquals(Gateway.CLAUDE, header(turn("refactor the parser", 0), "x-srooter-served-model"));
        HttpResponse<String> second = turn("refactor the parser", 1);
        assertEquals(Gateway.HAIKU, header(second, "x-srooter-served-model"));
        assertEquals("task-guard -> " + Gateway.HAIKU, header(second, "x-srooter-route"));
        assertEquals(Gateway.HAIKU, header(turn("refactor the parser", 2), "x-srooter-served-model"));
    }

    @Test
    void theGuardStopsARunawayTaskWithAnErrorInTheClientsOwnFormat() {
        assertEquals(200, gateway.admin("PUT", "/api/routing/task-guard/teams/nobody", "{\"maxTurns\":50,"
                + "\"action\":\"warn\"}").statusCode());
        guard("{\"maxTurns\":1,\"maxUsd\":100,\"action\":\"stop\"}");
        HttpResponse<String> stopped = turn("fix the flaky test", 1);
        assertEquals(403, stopped.statusCode());
        JsonObject error = Gateway.object(stopped.body()).getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertTrue(error.getString("message").contains("2 turns > 1") && error.getString("message")
                .contains("new message"), error.getString("message"));

        HttpResponse<String> chat = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + Gateway.GPT + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"fix the flaky test " + run + "\"},{\"role\":"
                + "\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"sh\","
                + "\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"ok\"}]}");
        assertEquals(403, chat.statusCode());
        assertEquals("task_guard_stopped", Gateway.object(chat.body()).getJsonObject("error").getString("code"));

        JsonObject guards = Gateway.object(gateway.admin("GET", "/api/routing/task-guard", null).body());
        assertEquals("stop", guards.getJsonObject("org").getString("action"));
        assertEquals(50, guards.getJsonObject("team:nobody").getInt("maxTurns"));
        assertEquals(400, gateway.admin("PUT", "/api/routing/task-guard", "{\"maxTurns\":0,\"action\":\"stop\"}")
                .statusCode());
        assertEquals(400, gateway.admin("PUT", "/api/routing/task-guard", "{\"maxTurns\":3,\"action\":\"pause\"}")
                .statusCode());
        gateway.admin("DELETE", "/api/routing/task-guard/teams/nobody", null);
    }

    private void guard(String json) {
        HttpResponse<String> put = gateway.admin("PUT", "/api/routing/task-guard", json);
        assertEquals(200, put.statusCode(), put.body());
    }
}
