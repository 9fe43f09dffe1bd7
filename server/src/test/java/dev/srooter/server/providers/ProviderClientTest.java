package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.plugins.anthropic.AnthropicProvider;
import dev.srooter.server.routing.CircuitBreakers;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.testkit.FakeAnthropic;
import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.Reply;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one provider client, with no server: a real Anthropic fake over HTTP, the real Anthropic provider plugin,
 * credentials opened from sealed rows. Credentials take turns; a refused one is skipped from then on, a
 * rate-limited one rests; the provider's health and circuit see every call.
 */
class ProviderClientTest {

    private static final byte[] BODY = ("{\"model\":\"claude-x\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8);

    private FakeAnthropic fake;
    private ProviderClient client;
    private Target target;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        fake = new FakeAnthropic(0, List.of("claude-x"));
        client = ProviderClients.over(dir, "p1", "key-a", "key-b");
        target = new Target("p1", new ProviderConfig("fake", "http://127.0.0.1:" + fake.port(), null),
                new AnthropicProvider(), "claude-x", "claude-x", Price.UNKNOWN, Set.of(WireFormat.ANTHROPIC_MESSAGES),
                Capabilities.UNKNOWN, 5);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private HttpResponse<UpstreamBody> send() {
        return client.send(target, ProviderClient.Call.own(Operation.MESSAGES, BODY, false));
    }

    private List<String> credentialsUsed() {
        return fake.received().stream().map(FakeProvider::credentialOf).toList();
    }

    @Test
    void credentialsTakeTurnsAndARefusedOneIsSkippedFromThenOn() {
        for (int k = 0; k < 4; k++) {
            assertEquals(200, send().statusCode());
        }
        assertEquals(2, credentialsUsed().stream().filter("key-a"::equals).count(), "turns: " + credentialsUsed());
        fake.reset();
        fake.refuseKey("key-a", 401);
        for (int k = 0; k < 4; k++) {
            assertEquals(200, send().statusCode(), "the next credential serves the same call");
        }
        assertEquals(1, credentialsUsed().stream().filter("key-a"::equals).count(),
                "a refused credential is tried once, then skipped: " + credentialsUsed());
        assertEquals("bad", client.credentials.standing("p1").get(0).state());
    }

    @Test
    void aRateLimitedCredentialRestsForTheProvidersRetryAfterAndTheOtherServes() {
        fake.refuseKey("key-a", 429);
        fake.setRetryAfter("30");
        send();
        send();
        fake.reset();
        for (int k = 0; k < 3; k++) {
            assertEquals(200, send().statusCode());
        }
        assertEquals(List.of("key-b", "key-b", "key-b"), credentialsUsed(), "key-a rests for 30 s");
        Credentials.Standing a = client.credentials.standing("p1").get(0);
        assertEquals("cooling", a.state());
        assertTrue(a.coolingForSeconds() > 25 && a.coolingForSeconds() <= 30, a.toString());
    }

    @Test
    void whenEveryCredentialIsRateLimitedTheCallerGetsA429WithTheWait() {
        fake.refuseKey("key-a", 429);
        fake.refuseKey("key-b", 429);
        fake.setRetryAfter("20");
        HttpResponse<UpstreamBody> last = send();
        assertEquals(429, last.statusCode(), "the last answer is the caller's to judge");
        GatewayError none = assertThrows(GatewayError.class, this::send);
        assertEquals(429, none.status());
        assertTrue(none.retryAfterSeconds() >= 19 && none.retryAfterSeconds() <= 20, "" + none.retryAfterSeconds());
    }

    @Test
    void failuresReachTheProvidersHealthAndOpenItsCircuit() {
        fake.setDefaultReply(Reply.error(529));
        for (int k = 0; k < 4; k++) {
            assertEquals(529, send().statusCode());
        }
        assertEquals(CircuitBreakers.State.OPEN, client.breakers.state("p1"));
        assertTrue(!client.circuitAllows(target));
        assertEquals(4, client.health.view("p1").errors());
        fake.close();
        client.breakers.closeAll();
        GatewayError unreachable = assertThrows(GatewayError.class, this::send);
        assertEquals("upstream_unreachable", unreachable.code());
    }

    @Test
    void aClientErrorIsNotTheProvidersFailure() {
        fake.setDefaultReply(Reply.error(400, "max_tokens: must be positive"));
        for (int k = 0; k < 6; k++) {
            assertEquals(400, send().statusCode());
        }
        assertEquals(CircuitBreakers.State.CLOSED, client.breakers.state("p1"));
    }
}
