package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in policies through the gateway: allowlists deny with a 403 in the caller's format naming the
 * policy and keep routing and fallbacks to the list; caps rewrite what the provider receives, in each format;
 * every decision shows in {@code x-srooter-policies} and the audit record.
 */
class PoliciesIT {

    private final Gateway gateway = Gateway.get();

    @BeforeEach
    @AfterEach
    void reset() {
        for (String policy : List.of("allowlist", "service-tier", "reasoning-cap", "max-output-tokens")) {
            gateway.admin("DELETE", "/api/policies/" + policy, null);
            gateway.admin("DELETE", "/api/policies/" + policy + "/teams/policy-team", null);
        }
        gateway.admin("PUT", "/api/users/admin/team", "{\"team\":null}");
        gateway.admin("DELETE", "/api/routing/chains/" + Gateway.CLAUDE, null);
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.resetCredentials();
        gateway.neutralRouting();
    }

    private void put(String path, String body) {
        HttpResponse<String> response = gateway.admin("PUT", path, body);
        assertEquals(200, response.statusCode(), response.body());
    }

    private HttpResponse<String> claude(String model, String extra) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":4000" + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"explain this module\"}]}");
    }

    private JsonObject lastAnthropicBody() {
        return Gateway.object(gateway.anthropic.lastRequest().body());
    }

    private JsonObject lastOpenAiBody() {
        return Gateway.object(gateway.openAi.lastRequest().body());
    }

    @Test
    void theAllowlistDeniesInTheCallersFormatNamingThePolicy() {
        put("/api/policies/allowlist", "{\"models\":[\"" + Gateway.HAIKU + "\",\"gpt-4o-*\"]}");

        HttpResponse<String> denied = claude(Gateway.CLAUDE, "");
        assertEquals(403, denied.statusCode(), denied.body());
        JsonObject error = Gateway.object(denied.body()).getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertTrue(error.getString("message").contains("'allowlist'"), error.getString("message"));
        assertTrue(error.getString("message").contains(Gateway.CLAUDE), error.getString("message"));
        assertTrue(gateway.anthropic.received().isEmpty(), "a denied request never reaches a provider");

        HttpResponse<String> openAiDenied = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + Gateway.GPT
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(403, openAiDenied.statusCode());
        assertEquals("policy_denied", Gateway.object(openAiDenied.body()).getJsonObject("error").getString("code"));
        JsonObject audit = gateway.auditRecord(openAiDenied.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(403, audit.getInt("status"));
        assertTrue(audit.getString("policies").startsWith("allowlist: "), audit.toString());

        HttpResponse<String> allowed = claude(Gateway.HAIKU, "");
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(Gateway.HAIKU, allowed.headers().firstValue("x-srooter-served-model").orElseThrow());

        put("/api/policies/allowlist", "{\"models\":[]}");
        assertEquals(200, claude(Gateway.CLAUDE, "").statusCode(), "an empty list restricts nothing");
    }

    @Test
    void aTeamListNarrowsTheOrgListAndFallbacksKeepToIt() {
        put("/api/policies/allowlist", "{\"models\":[\"claude-*\",\"" + Gateway.GPT + "\"]}");
        put("/api/policies/allowlist/teams/policy-team", "{\"models\":[\"claude-*\"]}");
        put("/api/users/admin/team", "{\"team\":\"policy-team\"}");
        put("/api/routing/chains/" + Gateway.CLAUDE, "{\"chain\":[\"" + Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT
                + "\"]}");

        HttpResponse<String> gpt = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + Gateway.GPT
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(403, gpt.statusCode(), "the team's list does not hold gpt-4o: " + gpt.body());

        gateway.anthropic.enqueue(Reply.error(500));
        HttpResponse<String> failed = claude(Gateway.CLAUDE, "");
        assertEquals(500, failed.statusCode(), "the chain's next model is not allowed: no fallback to it");
        assertTrue(gateway.openAi.received().isEmpty(), "the fallback to gpt-4o was skipped");

        put("/api/users/admin/team", "{\"team\":null}");
        gateway.anthropic.enqueue(Reply.error(500));
        HttpResponse<String> fellBack = claude(Gateway.CLAUDE, "");
        assertEquals(200, fellBack.statusCode(), fellBack.body());
        assertEquals(Gateway.GPT, fellBack.headers().firstValue("x-srooter-served-model").orElseThrow());
    }

    @Test
    void reasoningIsCappedInEachFormatByRewritingNotRefusing() {
        put("/api/policies/reasoning-cap", "{\"maxBudgetTokens\":2048,\"maxEffort\":\"low\"}");

        HttpResponse<String> anthropic = claude(Gateway.CLAUDE,
                ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":8000}");
        assertEquals(200, anthropic.statusCode(), anthropic.body());
        assertEquals(2048, lastAnthropicBody().getJsonObject("thinking").getInt("budget_tokens"));
        assertEquals(4000, lastAnthropicBody().getInt("max_tokens"), "other fields are left alone");
        assertTrue(anthropic.headers().firstValue("x-srooter-policies").orElse("")
                .contains("reasoning-cap: thinking.budget_tokens 8000 -> 2048"), anthropic.headers().map().toString());

        HttpResponse<String> chat = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + Gateway.GPT
                + "\",\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals("low", lastOpenAiBody().getString("reasoning_effort"));

        HttpResponse<String> responses = gateway.openAi("/v1/responses", "{\"model\":\"" + Gateway.GPT
                + "\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"input\":\"hi\"}");
        assertEquals(200, responses.statusCode(), responses.body());
        JsonObject reasoning = lastOpenAiBody().getJsonObject("reasoning");
        assertEquals("low", reasoning.getString("effort"));
        assertEquals("auto", reasoning.getString("summary"));
        JsonObject audit = gateway.auditRecord(responses.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals("reasoning-cap: reasoning effort high -> low", audit.getString("policies"));
    }

    @Test
    void theCapAppliesAfterTranslationToo() {
        put("/api/policies/max-output-tokens", "{\"max\":100}");
        gateway.putAlias("policy-alias-*", Gateway.OPENAI_PROVIDER + "/" + Gateway.GPT);
        try {
            HttpResponse<String> crossed = claude("policy-alias-1", "");
            assertEquals(200, crossed.statusCode(), crossed.body());
            JsonObject sent = lastOpenAiBody();
            int max = sent.containsKey("max_completion_tokens") ? sent.getInt("max_completion_tokens")
                    : sent.getInt("max_tokens");
            assertEquals(100, max, "the Anthropic request's 4000 became 100 before it was translated: " + sent);
        } finally {
            gateway.admin("DELETE", "/api/aliases/policy-alias-*", null);
        }
    }

    @Test
    void serviceTiersAndOutputAreCapped() {
        put("/api/policies/service-tier", "{\"allowed\":[\"auto\",\"default\"]}");
        put("/api/policies/max-output-tokens", "{\"max\":1000}");

        HttpResponse<String> chat = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + Gateway.GPT
                + "\",\"service_tier\":\"priority\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, chat.statusCode(), chat.body());
        JsonObject sent = lastOpenAiBody();
        assertFalse(sent.containsKey("service_tier"), "priority is not allowed: the provider's default serves");
        int max = sent.containsKey("max_completion_tokens") ? sent.getInt("max_completion_tokens")
                : sent.getInt("max_tokens");
        assertEquals(1000, max, "no limit asked: the cap is set, in the field the provider takes: " + sent);
        String notes = chat.headers().firstValue("x-srooter-policies").orElse("");
        assertTrue(notes.contains("service-tier: service_tier priority -> provider default")
                && notes.contains("max-output-tokens: max output tokens unset -> 1000"), notes);

        HttpResponse<String> anthropic = claude(Gateway.CLAUDE, ",\"service_tier\":\"auto\"");
        assertEquals(200, anthropic.statusCode());
        assertEquals("auto", lastAnthropicBody().getString("service_tier"));
        assertEquals(1000, lastAnthropicBody().getInt("max_tokens"));

        put("/api/policies/service-tier", "{\"allowed\":[\"auto\"],\"deny\":true}");
        HttpResponse<String> refused = gateway.openAi("/v1/responses", "{\"model\":\"" + Gateway.GPT
                + "\",\"service_tier\":\"flex\",\"input\":\"hi\"}");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("service-tier"), refused.body());
    }

    @Test
    void policiesAreListedInOrderWithTheirSettingsAndUnknownOnesAreRefused() {
        put("/api/policies/allowlist", "{\"models\":[\"claude-*\"]}");
        var list = Gateway.array(gateway.admin("GET", "/api/policies", null).body());
        List<String> names = list.stream().map(v -> v.asJsonObject().getString("name")).toList();
        assertEquals(List.of("allowlist", "service-tier", "reasoning-cap", "max-output-tokens"),
                names.stream().filter(n -> !n.equals("prompt-size")).toList());
        JsonObject allowlist = list.getJsonObject(names.indexOf("allowlist"));
        assertEquals("policy-core", allowlist.getString("plugin"));
        assertEquals("claude-*", allowlist.getJsonArray("settings").getJsonObject(0).getJsonObject("settings")
                .getJsonArray("models").getString(0));
        assertEquals(404, gateway.admin("PUT", "/api/policies/no-such-policy", "{}").statusCode());
    }
}
