package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests and tokens per minute, per user and per key: 429 with retry-after, in the caller's format. */
class RateLimitsIT {

    private final Gateway gateway = Gateway.get();
    private final String run = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void reset() {
        gateway.admin("DELETE", "/api/limits/users/limited-" + run, null);
        gateway.admin("DELETE", "/api/limits/counts", null);
        gateway.anthropic.reset();
        gateway.openAi.reset();
    }

    private HttpResponse<String> anthropic(String key) {
        return gateway.anthropicWithKey(key, "{\"model\":\"" + Gateway.CLAUDE + "\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private HttpResponse<String> chat(String key) {
        return gateway.send("POST", "/v1/chat/completions", List.of("authorization", "Bearer " + key),
                "{\"model\":\"" + Gateway.GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void requestsPerMinutePerUserAreRefusedWith429AndRetryAfterInEachFormat() {
        String token = gateway.createUser("limited-" + run, "developer");
        String key = gateway.mintKeyAs(token, "one");
        String otherKey = gateway.mintKeyAs(token, "two");
        HttpResponse<String> put = gateway.admin("PUT", "/api/limits/users/limited-" + run, "{\"requestsPerMinute\":3}");
        assertEquals(200, put.statusCode(), put.body());

        for (int i = 0; i < 3; i++) {
            assertEquals(200, anthropic(i == 1 ? otherKey : key).statusCode(), "request " + i);
        }
        HttpResponse<String> refused = anthropic(key);
        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry-after " + retryAfter);
        JsonObject error = Gateway.object(refused.body()).getJsonObject("error");
        assertEquals("rate_limit_error", error.getString("type"));
        assertTrue(error.getString("message").contains("3 requests per minute"), error.getString("message"));

        HttpResponse<String> openAi = chat(otherKey);
        assertEquals(429, openAi.statusCode(), "the limit is the user's, whichever key they use");
        assertEquals("rate_limited", Gateway.object(openAi.body()).getJsonObject("error").getString("code"));
        assertTrue(openAi.headers().firstValue("retry-after").isPresent());

        JsonObject audit = gateway.auditRecord(openAi.headers().firstValue("x-srooter-request-id").orElseThrow());
        assertEquals(429, audit.getInt("status"));
        assertEquals("rate_limited", audit.getString("errorType"));

        assertEquals(200, anthropic(gateway.key).statusCode(), "other users are not limited");
    }

    /** Issue 17: a check and a count made apart let a burst of concurrent requests all pass a limit. */
    @Test
    void aHundredConcurrentRequestsAgainstALimitOfTenAdmitTen() throws Exception {
        String token = gateway.createUser("limited-" + run, "developer");
        String key = gateway.mintKeyAs(token, "burst");
        assertEquals(200, gateway.admin("PUT", "/api/limits/users/limited-" + run, "{\"requestsPerMinute\":10}")
                .statusCode());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 100; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return anthropic(key).statusCode();
                }));
            }
            start.countDown();
            int ok = 0;
            int limited = 0;
            for (java.util.concurrent.Future<Integer> f : sent) {
                int status = f.get();
                ok += status == 200 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            assertEquals(10, ok, "admitted");
            assertEquals(90, limited, "refused");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokensPerMinutePerKeyCountWhatRequestsUsed() {
        String token = gateway.createUser("tokens-" + run, "developer");
        String key = gateway.mintKeyAs(token, "metered");
        String keyId = Gateway.array(gateway.as(token, "GET", "/api/keys", null).body()).getJsonObject(0)
                .getString("id");
        try {
            assertEquals(200, gateway.admin("PUT", "/api/limits/keys/" + keyId, "{\"tokensPerMinute\":1000}")
                    .statusCode());
            // the fakes report 1200 input and 80 output tokens per request: one request uses up the minute
            assertEquals(200, anthropic(key).statusCode());
            HttpResponse<String> refused = anthropic(key);
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("1000 tokens per minute"), refused.body());
        } finally {
            gateway.admin("DELETE", "/api/limits/keys/" + keyId, null);
        }
    }

    @Test
    void limitsAreValidated() {
        assertEquals(400, gateway.admin("PUT", "/api/limits/users/x", "{}").statusCode());
        assertEquals(400, gateway.admin("PUT", "/api/limits/users/x", "{\"requestsPerMinute\":0}").statusCode());
    }
}
