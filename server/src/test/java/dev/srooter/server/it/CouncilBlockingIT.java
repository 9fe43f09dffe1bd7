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
 * Issue 18, blocking mode: for the triggers an admin names, the answer waits for the council; a reject refuses it
 * in the client's format, or releases it with the council's concerns put first; plain and streamed.
 */
class CouncilBlockingIT extends CouncilCase {

    /** Blocking mode: the answer waits for the council; a reject refuses it, plain or streamed, in the client's format. */
    @Test
    void inBlockingModeTheAnswerWaitsForTheVerdictPlainAndStreamed() {
        verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
        verdicts.put(Gateway.GPT, verdict("approve", "ok"));
        HttpResponse<String> put = gateway.admin("PUT", "/api/routing/council", "{\"members\":[\"" + CLAUDE + "\",\""
                + GPT + "\"],\"rule\":\"any-reject\",\"timeoutSeconds\":30,\"blocking\":{\"triggers\":[\"security\"],"
                + "\"onReject\":\"refuse\",\"waitSeconds\":20}}");
        assertEquals(200, put.statusCode(), put.body());

        HttpResponse<String> approved = turn("block-ok-" + run);
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("approve", approved.headers().firstValue("x-srooter-council-verdict").orElseThrow());
        assertEquals("message", Gateway.object(approved.body()).getString("type"));
        HttpResponse<String> streamed = streamedTurn("block-ok-stream-" + run);
        assertEquals(200, streamed.statusCode());
        assertEquals("approve", streamed.headers().firstValue("x-srooter-council-verdict").orElseThrow());
        Sse sse = Sse.parse(streamed.body());
        assertEquals("message_start", sse.names().get(0));
        assertEquals("message_stop", sse.last().name(), "the held stream arrives whole");

        verdicts.put(Gateway.GPT, verdict("reject", "the secret is still logged"));
        HttpResponse<String> refused = turn("block-no-" + run);
        assertEquals(403, refused.statusCode(), refused.body());
        JsonObject error = Gateway.object(refused.body());
        assertEquals("error", error.getString("type"));
        assertTrue(error.getJsonObject("error").getString("message").contains("review council rejected"), refused.body());
        assertEquals("reject", refused.headers().firstValue("x-srooter-council-verdict").orElseThrow());
        HttpResponse<String> refusedStream = streamedTurn("block-no-stream-" + run);
        assertEquals(403, refusedStream.statusCode(), "refused before a byte of the stream: " + refusedStream.body());
        assertEquals("error", Gateway.object(refusedStream.body()).getString("type"));
        JsonObject audited = gateway.auditRecord(refused.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(403, audited.getInt("status"));
        assertEquals("council_rejected", audited.getString("errorType"));
    }

    /**
     * Blocking mode with {@code onReject: concerns}: a rejected answer is released with the council's concerns as its
     * first text, in the client's format: an Anthropic message, and a Chat Completions stream whose first content
     * delta is the concerns and which still ends in {@code [DONE]}. The next turn carries no second note.
     */
    @Test
    void onRejectConcernsTheAnswerComesWithTheConcernsPutFirst() {
        verdicts.put(Gateway.CLAUDE, verdict("approve", "ok"));
        verdicts.put(Gateway.GPT, verdict("reject", "the unsigned alg none path is still accepted"));
        HttpResponse<String> put = gateway.admin("PUT", "/api/routing/council", "{\"members\":[\"" + CLAUDE + "\",\""
                + GPT + "\"],\"rule\":\"any-reject\",\"timeoutSeconds\":30,\"blocking\":{\"triggers\":[\"security\"],"
                + "\"onReject\":\"concerns\",\"waitSeconds\":20}}");
        assertEquals(200, put.statusCode(), put.body());

        String session = "concerns-" + run;
        HttpResponse<String> plain = turn(session);
        assertEquals(200, plain.statusCode(), plain.body());
        assertEquals("reject", plain.headers().firstValue("x-srooter-council-verdict").orElseThrow());
        JsonArray content = Gateway.object(plain.body()).getJsonArray("content");
        String first = content.getJsonObject(0).getString("text");
        assertTrue(first.contains("REJECTED") && first.contains("alg none path is still accepted"), first);
        assertTrue(content.size() >= 2, "the model's own answer follows: " + plain.body());
        assertTrue(!content.getJsonObject(1).getString("text", "").contains("REJECTED"), plain.body());

        HttpResponse<String> next = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":64,\"system\":\"" + AGENT + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + ASK + "\"},{\"role\":\"assistant\",\"content\":\"done\"},{\"role\":\"user\",\"content\":\"thanks, now"
                + " rename the helper\"}]}", "x-claude-code-session-id", session);
        assertEquals(200, next.statusCode(), next.body());
        assertTrue(next.headers().firstValue("x-srooter-council-note").isEmpty(),
                "the concerns were in the answer; no second note: " + next.headers().map());

        HttpResponse<String> streamed = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + Gateway.GPT
                + "\",\"stream\":true,\"messages\":[{\"role\":\"system\",\"content\":\"" + AGENT + "\"},{\"role\":"
                + "\"user\",\"content\":\"" + ASK + " (" + run + ")\"}]}"); // an ask of its own: a task no other test has
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertEquals("reject", streamed.headers().firstValue("x-srooter-council-verdict").orElseThrow());
        Sse sse = Sse.parse(streamed.body());
        assertEquals("[DONE]", sse.last().data(), "the stream is whole: " + streamed.body());
        StringBuilder text = new StringBuilder();
        for (Sse.Event e : sse.events()) {
            if (!e.data().equals("[DONE]")) {
                JsonArray choices = e.json().getJsonArray("choices");
                if (!choices.isEmpty() && choices.getJsonObject(0).getJsonObject("delta").containsKey("content")
                        && !choices.getJsonObject(0).getJsonObject("delta").isNull("content")) {
                    text.append(choices.getJsonObject(0).getJsonObject("delta").getString("content"));
                }
            }
        }
        assertTrue(text.toString().startsWith("[srooter review council: this answer was REJECTED"), text.toString());
        assertTrue(text.length() > text.indexOf("]\n\n") + 3, "the answer follows the concerns: " + text);
    }

}
