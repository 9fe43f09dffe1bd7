package dev.srooter.server.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per provider account, so that a dead provider is skipped at once instead of timed out
 * on every request. Closed, it counts the outcomes of the last {@value #WINDOW} calls; when at least
 * {@value #MIN_FAILURES} failed and they are half or more, it opens for {@link #openMillis}; after that one
 * trial call is let through (half-open): success closes it, failure opens it again.
 *
 * <p>MicroProfile Fault Tolerance's {@code @CircuitBreaker} keeps one state per annotated method, shared
 * by every call of it, which would let one dead provider open the circuit for all of them; hence this
 * small per-account breaker. ({@code ProviderCall} retries a refused connection with a jittered pause.)
 */
@ApplicationScoped
public class CircuitBreakers {

    static final int WINDOW = 10;
    static final int MIN_FAILURES = 4;

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private static final class Breaker {
        final boolean[] failed = new boolean[WINDOW];
        int next;
        int count;
        State state = State.CLOSED;
        long openUntil;
        boolean trialOut;
    }

    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    volatile long openMillis = 30_000;

    public void setOpenMillis(long millis) {
        this.openMillis = millis;
    }

    /** Whether a call to this account may go now (an open circuit says no until its delay has passed). */
    public boolean allows(String providerId) {
        Breaker b = breakers.get(providerId);
        if (b == null) {
            return true;
        }
        synchronized (b) {
            if (b.state == State.OPEN && System.currentTimeMillis() >= b.openUntil) {
                b.state = State.HALF_OPEN;
                b.trialOut = false;
            }
            if (b.state == State.HALF_OPEN) {
                if (b.trialOut) {
                    return false;
                }
                b.trialOut = true;
                return true;
            }
            return b.state == State.CLOSED;
        }
    }

    public void record(String providerId, boolean failure) {
        Breaker b = breakers.computeIfAbsent(providerId, k -> new Breaker());
        synchronized (b) {
            if (b.state == State.HALF_OPEN) {
                if (failure) {
                    open(b);
                } else {
                    b.state = State.CLOSED;
                    b.count = 0;
                    b.next = 0;
                }
                return;
            }
            b.failed[b.next] = failure;
            b.next = (b.next + 1) % WINDOW;
            b.count = Math.min(WINDOW, b.count + 1);
            int failures = 0;
            for (int k = 0; k < b.count; k++) {
                failures += b.failed[k] ? 1 : 0;
            }
            if (failures >= MIN_FAILURES && failures * 2 >= b.count) {
                open(b);
            }
        }
    }

    private void open(Breaker b) {
        b.state = State.OPEN;
        b.openUntil = System.currentTimeMillis() + openMillis;
        b.count = 0;
        b.next = 0;
    }

    /** Closes every circuit (an admin after fixing a provider; tests between cases). */
    public void closeAll() {
        breakers.clear();
    }

    /** Every account whose circuit is not closed, with its state. */
    public Map<String, State> notClosed() {
        Map<String, State> out = new java.util.TreeMap<>();
        breakers.keySet().forEach(id -> {
            State s = state(id);
            if (s != State.CLOSED) {
                out.put(id, s);
            }
        });
        return out;
    }

    public State state(String providerId) {
        Breaker b = breakers.get(providerId);
        if (b == null) {
            return State.CLOSED;
        }
        synchronized (b) {
            return b.state == State.OPEN && System.currentTimeMillis() >= b.openUntil ? State.HALF_OPEN : b.state;
        }
    }
}
