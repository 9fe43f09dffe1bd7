package dev.srooter.server.providers.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeTokenEndpoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The credential files Claude Code and Codex CLI keep after their user signed in, read as they are. */
class SubscriptionFileTest {

    @Test
    void readsClaudeCodesCredentialFile() {
        Subscription plan = SubscriptionFile.read("""
                {"claudeAiOauth":{"accessToken":"sk-ant-oat01-aaa","refreshToken":"sk-ant-ort01-bbb",
                 "expiresAt":1767225600000,"scopes":["user:inference","user:profile"],"subscriptionType":"max"}}""",
                null);
        assertEquals(Vendor.CLAUDE, plan.vendor());
        assertEquals("sk-ant-oat01-aaa", plan.accessToken());
        assertEquals("sk-ant-ort01-bbb", plan.refreshToken());
        assertEquals(Instant.ofEpochMilli(1767225600000L), plan.expiresAt());
        assertEquals(Vendor.CLAUDE.tokenUrl(), plan.tokenUrl());
        assertEquals("anthropic", plan.vendor().providerKind());
    }

    @Test
    void readsCodexAuthJsonWithTheExpiryAndAccountFromItsAccessToken() {
        long exp = Instant.now().plus(Duration.ofDays(9)).getEpochSecond();
        String jwt = FakeTokenEndpoint.jwt(exp, "acct-from-claim", "x");
        Subscription plan = SubscriptionFile.read("{\"OPENAI_API_KEY\":null,\"tokens\":{\"id_token\":\"" + jwt
                + "\",\"access_token\":\"" + jwt + "\",\"refresh_token\":\"rt-1\"},"
                + "\"last_refresh\":\"2026-11-20T10:00:00Z\"}", "http://127.0.0.1:1/oauth/token");
        assertEquals(Vendor.CHATGPT, plan.vendor());
        assertEquals(Instant.ofEpochSecond(exp), plan.expiresAt());
        assertEquals("acct-from-claim", plan.accountId(), "no account_id in the file: the token's claim names it");
        assertEquals("http://127.0.0.1:1/oauth/token", plan.tokenUrl());
        assertEquals(java.util.Map.of("account_id", "acct-from-claim"), plan.attributes());

        Subscription opaque = SubscriptionFile.read("{\"tokens\":{\"access_token\":\"opaque\",\"refresh_token\":"
                + "\"rt\",\"account_id\":\"acct-2\"},\"last_refresh\":\"2026-11-20T10:00:00Z\"}", null);
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), opaque.expiresAt(), "Codex renews 8 days after the last");
        assertEquals("acct-2", opaque.accountId());
    }

    @Test
    void sealsAndOpensAsOneDocumentAndRenewsKeepingWhatTheAnswerLeftOut() {
        Subscription plan = new Subscription(Vendor.CHATGPT, "a1", "r1", Instant.ofEpochSecond(100), "acct",
                "http://t/oauth/token");
        assertEquals(plan, Subscription.fromJson(plan.toJson()));
        Subscription renewed = plan.renewed("a2", null, Instant.ofEpochSecond(200));
        assertEquals("r1", renewed.refreshToken(), "an answer without a refresh token keeps the old one");
        assertEquals("acct", renewed.accountId());
        assertFalse(plan.toString().contains("a1"), "tokens are never in a log line");
        assertTrue(plan.expiresWithin(Duration.ZERO));
    }

    @Test
    void refusesWhatIsNotASubscriptionWithoutQuotingIt() {
        IllegalArgumentException apiKeyLogin = assertThrows(IllegalArgumentException.class,
                () -> SubscriptionFile.read("{\"OPENAI_API_KEY\":\"sk-secret\"}", null));
        assertFalse(apiKeyLogin.getMessage().contains("sk-secret"));
        assertThrows(IllegalArgumentException.class, () -> SubscriptionFile.read("not json", null));
        assertThrows(IllegalArgumentException.class, () -> SubscriptionFile.read(
                "{\"tokens\":{\"access_token\":\"a\"}}", null));
    }
}
