package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.FakeTokenEndpoint;
import dev.srooter.testkit.RecordedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions as credentials, the whole cycle against the testkit's fake token endpoints: a Claude Max credential
 * as Claude Code keeps it and a ChatGPT plan as Codex CLI keeps it are imported, used, renewed before they expire and
 * after the provider refuses them, kept sealed, shown as "needs sign-in" when the vendor will not renew them (work
 * moving down the fallback chain meanwhile), and back in service once a new credential is imported.
 */
class SubscriptionsIT {

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<String> providers = new ArrayList<>();
    private FakeTokenEndpoint tokens;

    @BeforeEach
    void start() throws Exception {
        tokens = new FakeTokenEndpoint();
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    @AfterEach
    void stop() {
        tokens.close();
        gateway.anthropic.reset();
        gateway.openAi.reset();
        providers.forEach(id -> gateway.admin("DELETE", "/api/providers/" + id, null));
        gateway.admin("DELETE", "/api/routing/chains/chatgpt-" + run + "/gpt-5.1-codex", null);
    }

    @Test
    void aClaudeMaxSubscriptionIsRenewedBeforeExpiryAndAfterARefusalAndSaysWhenItNeedsSignIn() throws Exception {
        String access = "sk-ant-oat01-imported-" + run;
        String refresh = "sk-ant-ort01-imported-" + run;
        tokens.grant(refresh, FakeTokenEndpoint.CLAUDE_CLIENT);
        String file = claudeFile(access, refresh, System.currentTimeMillis() + 3_600_000);
        JsonObject provider = importNew("max-" + run, file, "http://127.0.0.1:" + gateway.anthropic.port(),
                tokens.claudeTokenUrl());
        assertEquals("anthropic", provider.getString("kind"));
        JsonObject credential = provider.getJsonArray("credentials").getJsonObject(0);
        assertEquals("subscription", credential.getString("kind"));
        assertEquals("ok", credential.getString("state"));
        assertFalse(credential.isNull("expiresAt"));
        String model = "max-" + run + "/" + Gateway.CLAUDE;

        // used as Claude Code uses it: a bearer token with the OAuth beta flag
        assertEquals(200, ask(model).statusCode());
        RecordedRequest used = gateway.anthropic.lastRequest();
        assertEquals(access, FakeProvider.credentialOf(used));
        assertTrue(used.header("anthropic-beta").contains("oauth-2025-04-20"), used.header("anthropic-beta"));
        assertTrue(tokens.requests().isEmpty(), "a token with an hour left is not renewed");

        // the provider refuses the access token: renewed once, and the request served with the new one
        tokens.setLifetimeSeconds(62); // the next token lives just over the minute a call renews ahead
        gateway.anthropic.refuseKey(access, 401);
        HttpResponse<String> afterRefusal = ask(model);
        assertEquals(200, afterRefusal.statusCode(), afterRefusal.body());
        assertEquals(1, tokens.requests().size());
        assertEquals(refresh, tokens.requests().get(0).getString("refresh_token"));
        assertEquals(FakeTokenEndpoint.CLAUDE_CLIENT, tokens.requests().get(0).getString("client_id"));
        String renewed = tokens.issued().get(0);
        assertEquals(renewed, FakeProvider.credentialOf(gateway.anthropic.lastRequest()));

        // about to expire (under a minute left): renewed before the call, with the refresh token the last one issued
        tokens.setLifetimeSeconds(3600);
        Gateway.sleep(2500);
        assertEquals(200, ask(model).statusCode());
        assertEquals(2, tokens.requests().size());
        assertEquals("sk-ant-ort01-renewed-1", tokens.requests().get(1).getString("refresh_token"));
        String current = tokens.issued().get(1);
        assertEquals(current, FakeProvider.credentialOf(gateway.anthropic.lastRequest()));
        assertEquals(1, gateway.anthropic.received().stream().map(FakeProvider::credentialOf)
                .filter(renewed::equals).count(), "the token about to expire was not used again");

        // the refreshed pair is kept sealed: neither token is stored in clear
        for (String secret : List.of(current, "sk-ant-ort01-renewed-2")) {
            List<String> found = new ArrayList<>();
            assertFalse(gateway.searchDatabase(secret, found).isEmpty());
            assertEquals(List.of(), found, "stored in clear");
        }

        // the token endpoint down for a moment: the subscription rests, it is not written off
        tokens.failWith(503);
        gateway.anthropic.refuseKey(current, 401);
        assertTrue(ask(model).statusCode() >= 400);
        JsonObject resting = credentialOf(provider.getString("id"));
        assertEquals("cooling", resting.getString("state"));
        assertNull(signIn(provider.getString("id")), "a transient failure is not a sign-in");
        tokens.failWith(0);
        gateway.admin("POST", "/api/providers/" + provider.getString("id") + "/credentials/reset", null);

        // the vendor refuses to renew (signed out elsewhere): "needs sign-in", in health and on the credential
        tokens.revokeAll();
        HttpResponse<String> signedOut = ask(model);
        assertEquals(502, signedOut.statusCode(), signedOut.body());
        assertTrue(signedOut.body().contains("sign-in"), signedOut.body());
        assertEquals("needs sign-in", credentialOf(provider.getString("id")).getString("state"));
        String why = signIn(provider.getString("id"));
        assertTrue(why.contains("invalid_grant"), why);

        // recovery: the admin imports the credential Claude Code holds after signing in again
        tokens.grant("sk-ant-ort01-again-" + run, FakeTokenEndpoint.CLAUDE_CLIENT);
        HttpResponse<String> reimported = gateway.admin("POST", "/api/providers/" + provider.getString("id")
                + "/subscription", importBody(null, claudeFile("sk-ant-oat01-again-" + run, "sk-ant-ort01-again-" + run,
                System.currentTimeMillis() + 3_600_000), null, tokens.claudeTokenUrl()));
        assertEquals(201, reimported.statusCode(), reimported.body());
        assertEquals(200, ask(model).statusCode());
        assertEquals("sk-ant-oat01-again-" + run, FakeProvider.credentialOf(gateway.anthropic.lastRequest()));
        assertNull(signIn(provider.getString("id")), "signed in again");
        JsonObject after = Gateway.object(gateway.admin("GET", "/api/providers/" + provider.getString("id"), null)
                .body());
        assertEquals(1, after.getJsonArray("credentials").size(), "the credential that needed sign-in is replaced");
    }

    @Test
    void aChatGptPlanServesEveryClientFormatThroughTheCodexBackendAndIsRenewedLikeClaude() {
        long now = System.currentTimeMillis() / 1000;
        String expired = FakeTokenEndpoint.jwt(now - 60, "acct-fake", "imported-" + run);
        tokens.grant("rt-imported-" + run, FakeTokenEndpoint.CODEX_CLIENT);
        String file = Json.createObjectBuilder().addNull("OPENAI_API_KEY").add("tokens", Json.createObjectBuilder()
                .add("id_token", expired).add("access_token", expired).add("refresh_token", "rt-imported-" + run)
                .add("account_id", "acct-fake")).add("last_refresh", "2026-11-20T10:00:00Z").build().toString();
        // imported expired, as a file copied from a laptop that has not run Codex for days: renewed at import
        JsonObject provider = importNew("chatgpt-" + run, file, "http://127.0.0.1:" + gateway.openAi.port()
                + "/backend-api/codex", tokens.chatGptTokenUrl());
        assertEquals("chatgpt", provider.getString("kind"));
        assertTrue(provider.getJsonArray("models").toString().contains("gpt-5.1-codex"), provider.toString());
        assertEquals(1, tokens.requests().size());
        assertEquals("openid profile email", tokens.requests().get(0).getString("scope"));
        String model = "chatgpt-" + run + "/gpt-5.1-codex";

        // a Chat Completions client that does not stream: the backend is asked for a stream, collected into one answer
        HttpResponse<String> chat = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals("chat.completion", Gateway.object(chat.body()).getString("object"));
        RecordedRequest sent = gateway.openAi.lastRequest();
        assertTrue(sent.pathAndQuery().startsWith("/backend-api/codex/responses"), sent.pathAndQuery());
        assertEquals("acct-fake", sent.header("chatgpt-account-id"));
        assertEquals(tokens.issued().get(0), FakeProvider.credentialOf(sent));
        assertTrue(Gateway.object(sent.body()).getBoolean("stream"));

        // Codex CLI's own streamed Responses request passes through
        HttpResponse<String> codex = gateway.openAi("/v1/responses", "{\"model\":\"" + model
                + "\",\"instructions\":\"x\",\"input\":\"hi\",\"stream\":true,\"store\":false}");
        assertEquals(200, codex.statusCode(), codex.body());
        assertTrue(codex.body().contains("response.completed"), codex.body());

        // the plan's usage limit (429) moves work down the chain like any rate limit
        gateway.admin("PUT", "/api/routing/chains/" + model, "{\"chain\":[\"" + Gateway.OPENAI_PROVIDER + "/"
                + Gateway.GPT + "\"]}");
        gateway.openAi.refuseKey(tokens.issued().get(0), 429);
        HttpResponse<String> limited = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, limited.statusCode(), limited.body());
        assertEquals(Gateway.GPT, limited.headers().firstValue("x-srooter-served-model").orElse(""));
        gateway.admin("POST", "/api/providers/" + provider.getString("id") + "/credentials/reset", null);

        // a 401 renews with Codex's client and the single-use refresh token of the last renewal
        gateway.openAi.refuseKey(tokens.issued().get(0), 401);
        HttpResponse<String> renewed = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, renewed.statusCode(), renewed.body());
        assertEquals(2, tokens.requests().size());
        assertEquals("rt-renewed-1", tokens.requests().get(1).getString("refresh_token"));
        // the token issued by the renewal served it; not read from the fake's last request, which a background call
        // of another test (with the plain provider's key) can reach first (seen once in CI)
        String renewedToken = tokens.issued().get(1);
        assertTrue(gateway.openAi.received().stream().anyMatch(r -> renewedToken.equals(FakeProvider.credentialOf(r))),
                "a request carried the renewed token");

        // the vendor will not renew: needs sign-in, and the chain serves meanwhile
        tokens.revokeAll();
        gateway.openAi.refuseKey(tokens.issued().get(1), 401);
        HttpResponse<String> signedOut = gateway.openAi("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, signedOut.statusCode(), signedOut.body());
        assertEquals(Gateway.GPT, signedOut.headers().firstValue("x-srooter-served-model").orElse(""));
        assertEquals("needs sign-in", credentialOf(provider.getString("id")).getString("state"));
        assertNotNull(signIn(provider.getString("id")));
    }

    @Test
    void aFileThatIsNoSubscriptionOrOfAnotherVendorIsRefusedWithAReason() {
        HttpResponse<String> junk = gateway.admin("POST", "/api/providers/subscriptions",
                importBody("x-" + run, "{\"OPENAI_API_KEY\":\"sk-abc\",\"tokens\":null}", null, null));
        assertEquals(400, junk.statusCode(), junk.body());
        assertTrue(junk.body().contains("not a subscription credential file"), junk.body());
        assertFalse(junk.body().contains("sk-abc"), "the file is never quoted");

        tokens.grant("sk-ant-ort01-x-" + run, FakeTokenEndpoint.CLAUDE_CLIENT);
        HttpResponse<String> wrongKind = gateway.admin("POST", "/api/providers/" + gatewayOpenAiId()
                + "/subscription", importBody(null, claudeFile("sk-ant-oat01-x", "sk-ant-ort01-x-" + run,
                System.currentTimeMillis() + 3_600_000), null, tokens.claudeTokenUrl()));
        assertEquals(400, wrongKind.statusCode(), wrongKind.body());

        // an expired credential whose refresh token the vendor no longer takes: sign in first
        HttpResponse<String> stale = gateway.admin("POST", "/api/providers/subscriptions", importBody("y-" + run,
                claudeFile("sk-ant-oat01-y", "sk-ant-ort01-unknown", System.currentTimeMillis() - 1000), null,
                tokens.claudeTokenUrl()));
        assertEquals(400, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("sign in again"), stale.body());
    }

    private HttpResponse<String> ask(String model) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + model
                + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private JsonObject importNew(String name, String file, String baseUrl, String tokenUrl) {
        HttpResponse<String> added = gateway.admin("POST", "/api/providers/subscriptions",
                importBody(name, file, baseUrl, tokenUrl));
        assertEquals(201, added.statusCode(), added.body());
        JsonObject provider = Gateway.object(added.body());
        providers.add(provider.getString("id"));
        return provider;
    }

    private JsonObject credentialOf(String providerId) {
        return Gateway.object(gateway.admin("GET", "/api/providers/" + providerId, null).body())
                .getJsonArray("credentials").getJsonObject(0);
    }

    /** Why provider health says the account needs sign-in, or null when it does not. */
    private String signIn(String providerId) {
        JsonObject health = Gateway.object(gateway.admin("GET", "/api/providers/" + providerId + "/health", null)
                .body());
        return health.get("needsSignIn") instanceof jakarta.json.JsonString why ? why.getString() : null;
    }

    private String gatewayOpenAiId() {
        return Gateway.array(gateway.admin("GET", "/api/providers", null).body()).stream()
                .map(v -> v.asJsonObject()).filter(p -> p.getString("name").equals(Gateway.OPENAI_PROVIDER))
                .findFirst().orElseThrow().getString("id");
    }

    private static String claudeFile(String access, String refresh, long expiresAtMillis) {
        return Json.createObjectBuilder().add("claudeAiOauth", Json.createObjectBuilder().add("accessToken", access)
                .add("refreshToken", refresh).add("expiresAt", expiresAtMillis)
                .add("scopes", Json.createArrayBuilder().add("user:inference").add("user:profile"))
                .add("subscriptionType", "max")).build().toString();
    }

    private static String importBody(String name, String file, String baseUrl, String tokenUrl) {
        var body = Json.createObjectBuilder().add("file", file);
        if (name != null) {
            body.add("name", name);
        }
        if (baseUrl != null) {
            body.add("baseUrl", baseUrl);
        }
        if (tokenUrl != null) {
            body.add("tokenUrl", tokenUrl);
        }
        return body.build().toString();
    }
}
