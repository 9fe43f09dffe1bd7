package dev.srooter.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.server.keys.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the check of a rate limit and the count of the request were two steps, so a burst of concurrent
 * requests could all pass the check before any was counted. Fifty threads released at once, two hundred times over:
 * a limit of ten admits ten each time, with a key's limit and a user's limit both applying.
 */
class RateLimitsConcurrencyTest {

    @Test
    void aBurstAgainstALimitOfTenAdmitsExactlyTen() throws Exception {
        RateLimits limits = new RateLimits() {
            @Override
            Map<String, Limit> read() {
                return Map.of("user:dana", new Limit("user:dana", 10, null), "key:k1", new Limit("key:k1", 1000, null));
            }
        };
        Caller dana = new Caller("k1", "laptop", "u1", "dana", null);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 200; round++) {
                limits.resetCounts();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int k = 0; k < 50; k++) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        try {
                            limits.admit(dana);
                            return true;
                        } catch (RuntimeException refused) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                int admitted = 0;
                for (Future<Boolean> t : tries) {
                    admitted += t.get() ? 1 : 0;
                }
                assertEquals(10, admitted, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
