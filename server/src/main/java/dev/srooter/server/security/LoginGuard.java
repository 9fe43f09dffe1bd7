package dev.srooter.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Slows password guessing and keeps sign-ins from taking the server's CPU. After {@link #FREE_FAILURES} wrong
 * passwords for one username from one address, or {@link #FREE_FAILURES_PER_ADDRESS} from one address for any
 * usernames, further attempts from there wait: a minute, then twice as long each time, at most a quarter of an
 * hour. Other addresses can still sign in as that user, so a guesser cannot lock an admin out. At most as many
 * password checks run at once as there are processors; a sign-in that cannot start within two seconds is told
 * to retry.
 */
@ApplicationScoped
public class LoginGuard {

    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofHours(1);

    /** Why a sign-in may not be tried now, and when it may. */
    public static final class Refused extends RuntimeException {
        private final long retryAfterSeconds;

        Refused(String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static final class Failures {
        int count;
        long lastMillis;
        long blockedUntilMillis;
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Semaphore checks = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private volatile long now = -1; // tests set the clock; -1 is the system's

    /** Runs a password check for {@code username} from {@code address}, unless either is waiting out failures. */
    public <T> T attempt(String username, String address, java.util.function.Supplier<java.util.Optional<T>> check) {
        long at = millis();
        String pair = "u:" + username + "|" + address;
        String from = "a:" + address;
        long waitPair = remaining(pair, at);
        long waitFrom = remaining(from, at);
        if (waitPair > 0 || waitFrom > 0) {
            long seconds = (Math.max(waitPair, waitFrom) + 999) / 1000;
            throw new Refused("too many failed sign-ins; try again in " + seconds + " s", seconds);
        }
        boolean started;
        try {
            started = checks.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started = false;
        }
        if (!started) {
            throw new Refused("too many sign-ins at once; try again shortly", 1);
        }
        java.util.Optional<T> result;
        try {
            result = check.get();
        } finally {
            checks.release();
        }
        if (result.isPresent()) {
            failures.remove(pair);
            return result.get();
        }
        fail(pair, FREE_FAILURES, at);
        fail(from, FREE_FAILURES_PER_ADDRESS, at);
        return null;
    }

    private long remaining(String key, long at) {
        Failures f = failures.get(key);
        return f == null ? 0 : Math.max(0, f.blockedUntilMillis - at);
    }

    private void fail(String key, int free, long at) {
        prune(at);
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        synchronized (f) {
            if (at - f.lastMillis > MEMORY.toMillis()) {
                f.count = 0;
            }
            f.count++;
            f.lastMillis = at;
            if (f.count >= free) {
                long wait = FIRST_WAIT.toMillis() << Math.min(10, f.count - free);
                f.blockedUntilMillis = at + Math.min(wait, LONGEST_WAIT.toMillis());
            }
        }
    }

    /** Keeps the table small: failures older than {@link #MEMORY} go once it holds many. */
    private void prune(long at) {
        if (failures.size() < 10_000) {
            return;
        }
        for (Iterator<Failures> it = failures.values().iterator(); it.hasNext(); ) {
            Failures f = it.next();
            if (at - f.lastMillis > MEMORY.toMillis() && at > f.blockedUntilMillis) {
                it.remove();
            }
        }
    }

    private long millis() {
        return now >= 0 ? now : System.currentTimeMillis();
    }

    void setClock(long millis) {
        this.now = millis;
    }
}
