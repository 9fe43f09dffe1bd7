package dev.srooter.server.providers;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each provider account is doing, from the calls srooter makes to it: whether it was reachable last
 * time, and the error rate of its last {@value #WINDOW} calls. An error is what the provider is to blame
 * for: no connection, 5xx, 529, 429 and refused credentials; a client's bad request is not.
 */
@ApplicationScoped
public class ProviderHealth {

    static final int WINDOW = 100;

    /** What the admin API shows. */
    /** {@code needsSignIn} is why a subscription of the account cannot be renewed, or null when none needs it. */
    public record View(Boolean reachable, int calls, int errors, double errorRate, Instant lastCallAt,
                       Instant lastErrorAt, String lastError, Instant lastDiscoveryAt, String lastDiscoveryError,
                       String needsSignIn) {
    }

    @jakarta.inject.Inject
    Credentials credentials;

    private static final class Account {
        final boolean[] failed = new boolean[WINDOW];
        int next;
        int count;
        Boolean reachable;
        Instant lastCallAt;
        Instant lastErrorAt;
        String lastError;
        Instant lastDiscoveryAt;
        String lastDiscoveryError;
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /** One call's outcome: its HTTP status, or 0 when the provider could not be reached. */
    public void record(String providerId, int status, String error) {
        boolean failed = status == 0 || status >= 500 || status == 429 || status == 401 || status == 403;
        Account a = accounts.computeIfAbsent(providerId, k -> new Account());
        synchronized (a) {
            a.failed[a.next] = failed;
            a.next = (a.next + 1) % WINDOW;
            a.count = Math.min(WINDOW, a.count + 1);
            a.reachable = status != 0;
            a.lastCallAt = Instant.now();
            if (failed) {
                a.lastErrorAt = a.lastCallAt;
                a.lastError = error != null ? error : "HTTP " + status;
            }
        }
    }

    /** A model listing's outcome: null when it succeeded. */
    public void discovered(String providerId, String error) {
        Account a = accounts.computeIfAbsent(providerId, k -> new Account());
        synchronized (a) {
            a.lastDiscoveryAt = Instant.now();
            a.lastDiscoveryError = error;
            if (a.lastCallAt == null || error == null) {
                a.reachable = error == null || !error.startsWith("cannot reach");
            }
        }
    }

    public View view(String providerId) {
        Account a = accounts.get(providerId);
        String signIn = credentials.standing(providerId).stream().filter(c -> Credentials.NEEDS_SIGN_IN.equals(c.state()))
                .map(Credentials.Standing::reason).findFirst().orElse(null);
        if (a == null) {
            return new View(null, 0, 0, 0, null, null, null, null, null, signIn);
        }
        synchronized (a) {
            int errors = 0;
            for (int k = 0; k < a.count; k++) {
                errors += a.failed[k] ? 1 : 0;
            }
            return new View(a.reachable, a.count, errors, a.count == 0 ? 0 : (double) errors / a.count, a.lastCallAt,
                    a.lastErrorAt, a.lastError, a.lastDiscoveryAt, a.lastDiscoveryError, signIn);
        }
    }
}
