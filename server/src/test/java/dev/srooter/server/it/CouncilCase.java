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
 * What the council tests share: three members on two vendors (the testkit's fake Anthropic and OpenAI, answering
 * as reviewers when asked as one), security work flagged for review, and the helpers to ask and to read reviews.
 */
abstract class CouncilCase {

    static final String AGENT = "You are an interactive coding agent.";
    static final String ASK = "Our JWT validation accepts unsigned tokens; fix the signature verification in"
            + " the auth filter";
    static final String CLAUDE = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE;
    static final String HAIKU = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.HAIKU;
    static final String GPT = Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT;

    final Gateway gateway = Gateway.get();
    final String run = Long.toString(System.nanoTime(), 36);
    /** What each member model answers when asked as a reviewer. */
    final Map<String, Reply> verdicts = new HashMap<>();

    @BeforeEach
    void council() {
        reset();
        assertEquals(200, gateway.admin("PUT", "/api/routing/rules", "{\"rules\":[{\"intent\":\"security\","
                + "\"target\":\"requested\",\"council\":true}]}").statusCode());
        gateway.anthropic.setResponder(this::asReviewer);
        gateway.openAi.setResponder(this::asReviewer);
    }

    @AfterEach
    void reset() {
        gateway.admin("PUT", "/api/routing/council", "{\"members\":[],\"rule\":\"majority\",\"timeoutSeconds\":60,"
                + "\"blocking\":{\"triggers\":[]}}");
        gateway.neutralRouting();
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    /** A member's answer when the request is a council review; null (the default reply) for anything else. */
    Reply asReviewer(JsonObject request) {
        if (!request.toString().contains("member of a review council")) {
            return null;
        }
        return verdicts.get(request.getString("model", ""));
    }

    static Reply verdict(String verdict, String reasons) {
        return Reply.text("{\"verdict\":\"" + verdict + "\",\"reasons\":\"" + reasons + "\"}");
    }

    void members(String rule, int timeoutSeconds, String... models) {
        HttpResponse<String> put = gateway.admin("PUT", "/api/routing/council", "{\"members\":[\"" + String.join("\",\"",
                models) + "\"],\"rule\":\"" + rule + "\",\"timeoutSeconds\":" + timeoutSeconds + "}");
        assertEquals(200, put.statusCode(), put.body());
    }

    HttpResponse<String> turn(String session) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64,\"system\":\""
                + AGENT + "\",\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"" + ASK + "\"}]}", "x-claude-code-session-id", session);
    }

    /** The review the response names, once it has concluded. */
    JsonObject concluded(HttpResponse<String> response) {
        String council = response.headers().firstValue("x-srooter-council").orElseThrow();
        assertTrue(council.startsWith("review rev_"), council);
        String id = council.substring("review ".length());
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> got = gateway.admin("GET", "/api/council/reviews/" + id, null);
            if (got.statusCode() == 200 && Gateway.object(got.body()).getString("status").equals("concluded")) {
                return Gateway.object(got.body());
            }
            Gateway.sleep(100);
        }
        throw new AssertionError("review " + id + " did not conclude within 15 s");
    }

    static Map<String, JsonObject> byModel(JsonObject review) {
        return review.getJsonArray("members").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(m -> m.getString("model"), m -> m));
    }


    HttpResponse<String> streamedTurn(String session) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":64,\"stream\":true,"
                + "\"system\":\"" + AGENT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + ASK + "\"}]}",
                "x-claude-code-session-id", session);
    }


    /** The API leaves out what is null: a member that gave no verdict has none. */
    static boolean noVerdict(JsonObject member) {
        return !member.containsKey("verdict") || member.isNull("verdict");
    }

}
