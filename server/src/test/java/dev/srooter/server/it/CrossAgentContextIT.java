package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, cross-agent context, through the gateway with the fake providers and Cortex's sample repository: a
 * task of one developer edits the ledger; another developer's task that touches the ledger then carries a note of
 * it (the same bytes turn after turn), a task on other files does not, a team scope keeps other teams' changes out,
 * and nothing of any prompt or code is kept.
 */
class CrossAgentContextIT {

    private static final Path SAMPLE = Path.of("..", "testkit", "cortex-sample").toAbsolutePath().normalize();
    private static final String LEDGER = "java/src/main/java/shop/payments/Ledger.java";
    private static final String MARK = "srooter cross-agent context";

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final String repo = "ctx-shop-" + run;

    @BeforeEach
    void register() {
        HttpResponse<String> created = gateway.admin("POST", "/api/cortex/repos", "{\"name\":\"" + repo
                + "\",\"path\":\"" + SAMPLE + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, gateway.admin("PUT", "/api/cortex/context", "{\"enabled\":true,\"scope\":\"org\","
                + "\"repositories\":[],\"windowHours\":24,\"maxFiles\":5}").statusCode());
    }

    @AfterEach
    void unregister() {
        gateway.admin("DELETE", "/api/cortex/repos/" + repo, null);
        gateway.admin("PUT", "/api/cortex/context", "{\"scope\":\"org\",\"repositories\":[]}");
        gateway.anthropic.reset();
    }

    private String developer(String name, String team) {
        String token = gateway.createUser(name + "-" + run, "developer");
        assertEquals(200, gateway.admin("PUT", "/api/users/" + name + "-" + run + "/team", "{\"team\":\"" + team
                + "\"}").statusCode());
        return gateway.mintKeyAs(token, name);
    }

    /** A turn of an agent in the sample repository: the ask, then rounds of tool calls with their results. */
    private HttpResponse<String> turn(String key, String session, String ask, String... rounds) {
        StringBuilder messages = new StringBuilder("[{\"role\":\"user\",\"content\":\"" + ask + "\"}");
        for (int i = 0; i < rounds.length; i++) {
            messages.append(",{\"role\":\"assistant\",\"content\":[").append(rounds[i]).append("]},{\"role\":\"user\","
                    + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t").append(i).append("\",\"content\":"
                    + "\"ok\"}]}");
        }
        HttpResponse<String> response = gateway.send("POST", "/v1/messages", List.of("x-api-key", key,
                "anthropic-version", "2023-06-01", "x-claude-code-session-id", session), "{\"model\":\""
                + Gateway.CLAUDE + "\",\"max_tokens\":64,\"system\":\"You are an interactive coding agent. Primary"
                + " working directory: " + SAMPLE + "\",\"messages\":" + messages + "]}");
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static String edit(int i, String file, String secret) {
        return "{\"type\":\"tool_use\",\"id\":\"t" + i + "\",\"name\":\"Edit\",\"input\":{\"file_path\":\"" + SAMPLE + "/"
                + file + "\",\"old_string\":\"" + secret + "-old\",\"new_string\":\"" + secret + "-new\"}}";
    }

    private static String read(int i, String file) {
        return "{\"type\":\"tool_use\",\"id\":\"t" + i + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"" + SAMPLE + "/"
                + file + "\"}}";
    }

    /** The note in the body the provider last got, or null. */
    private String noteSent() {
        String body = gateway.anthropic.lastRequest().body();
        int at = body.indexOf(MARK);
        if (at < 0) {
            return null;
        }
        int end = body.indexOf("remember of them.", at);
        return body.substring(at, end);
    }

    /** Asks until the note shows (traces are written just after the turn that made them); null if it never does. */
    private HttpResponse<String> untilNoted(java.util.function.Supplier<HttpResponse<String>> ask) {
        long deadline = System.currentTimeMillis() + 8000;
        HttpResponse<String> last = null;
        while (System.currentTimeMillis() < deadline) {
            last = ask.get();
            if (last.headers().firstValue("x-srooter-context").isPresent()) {
                return last;
            }
            Gateway.sleep(200);
        }
        return last;
    }

    @Test
    void anotherDevelopersTaskOnTheSameCodeGetsANoteAndOneOnOtherFilesDoesNot() throws Exception {
        String secret = "ctx-secret-" + run;
        String alice = developer("alice", "payments");
        String bob = developer("bob", "web");
        String ask = "Round cents in the ledger " + secret;
        turn(alice, "alice-" + run, ask);
        turn(alice, "alice-" + run, ask, edit(0, LEDGER, secret)); // the edit ran: its result is in this request

        String bobAsk = "Show the ledger balance on the account page";
        HttpResponse<String> noted = untilNoted(() -> turn(bob, "bob-" + run, bobAsk, read(0, LEDGER)));
        assertTrue(noted.headers().firstValue("x-srooter-context").orElse("").contains(LEDGER),
                noted.headers().map().toString());
        String note = noteSent();
        assertTrue(note != null && note.contains(LEDGER) && note.contains("by the payments team")
                && note.contains("Ledger"), String.valueOf(note));
        JsonObject audit = gateway.auditRecord(noted.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(LEDGER, audit.getString("contextNotes"), audit.toString());

        // the same state: the same bytes on the next turns, so the prompt cache holds
        turn(bob, "bob-" + run, bobAsk, read(0, LEDGER), read(1, "java/src/main/java/shop/payments/ChargeService.java"));
        assertEquals(note, noteSent(), "the note is byte-identical across turns while nothing changes");
        turn(bob, "bob-" + run, bobAsk, read(0, LEDGER), read(1, "java/src/main/java/shop/payments/ChargeService.java"),
                read(2, LEDGER));
        assertEquals(note, noteSent());

        // a task on files nobody changed: no note
        HttpResponse<String> unrelated = turn(bob, "bob2-" + run, "Rename the start function", read(0, "web/src/app.js"));
        assertTrue(unrelated.headers().firstValue("x-srooter-context").isEmpty(), unrelated.headers().map().toString());
        assertEquals(null, noteSent());

        // hot spots: the ledger, changed by one task and read... only changes count; a second change makes it hot
        String carol = developer("carol", "payments");
        turn(carol, "carol-" + run, "Log every ledger entry", edit(0, LEDGER, secret));
        JsonObject hot = null;
        long deadline = System.currentTimeMillis() + 8000;
        while (hot == null && System.currentTimeMillis() < deadline) {
            hot = Gateway.array(gateway.admin("GET", "/api/cortex/hotspots", null).body()).stream()
                    .map(JsonValue::asJsonObject).filter(h -> h.getString("repo").equals(repo)
                            && h.getString("file").equals(LEDGER)).findFirst().orElse(null);
            Gateway.sleep(200);
        }
        assertTrue(hot != null, "the ledger, changed by two developers' tasks, is a hot spot");
        assertEquals(2, hot.getInt("tasks"));
        assertEquals(2, hot.getInt("developers"));
        assertTrue(hot.getInt("dependents") > 0, hot.toString());

        // nothing of any prompt or code was kept
        for (String needle : List.of(secret, "Round cents in the ledger", "Show the ledger balance")) {
            List<String> found = new ArrayList<>();
            gateway.searchDatabase(needle, found);
            assertEquals(List.of(), found, needle);
        }
    }

    @Test
    void aNoteNeverCrossesTheConfiguredScope() {
        String dana = developer("dana", "payments");
        String erin = developer("erin", "web");
        String frank = developer("frank", "payments");
        turn(dana, "dana-" + run, "Round cents in the charge", edit(0, "java/src/main/java/shop/payments/ChargeService.java",
                "scope-" + run));
        assertEquals(200, gateway.admin("PUT", "/api/cortex/context", "{\"scope\":\"team\"}").statusCode());
        HttpResponse<String> sameTeam = untilNoted(() -> turn(frank, "frank-" + run, "Explain charge",
                read(0, "java/src/main/java/shop/payments/ChargeService.java")));
        assertTrue(sameTeam.headers().firstValue("x-srooter-context").isPresent(), "the same team hears of it");
        HttpResponse<String> otherTeam = turn(erin, "erin-" + run, "Explain charge",
                read(0, "java/src/main/java/shop/payments/ChargeService.java"));
        assertTrue(otherTeam.headers().firstValue("x-srooter-context").isEmpty(),
                "another team does not, with the scope set to team: " + otherTeam.headers().map());
        assertEquals(null, noteSent());
        assertEquals(200, gateway.admin("PUT", "/api/cortex/context", "{\"scope\":\"org\",\"repositories\":[\"elsewhere\"]}")
                .statusCode());
        HttpResponse<String> outOfRepo = turn(frank, "frank2-" + run, "Explain charge again",
                read(0, "java/src/main/java/shop/payments/ChargeService.java"));
        assertTrue(outOfRepo.headers().firstValue("x-srooter-context").isEmpty(), "not a repository in scope");
        assertEquals(400, gateway.admin("PUT", "/api/cortex/context", "{\"scope\":\"everyone\"}").statusCode());
        gateway.admin("PUT", "/api/cortex/context", "{\"repositories\":[]}");
    }
}
