package dev.srooter.server.providers.subscription;

import dev.srooter.server.providers.Credentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps subscriptions signed in: a round every minute renews access tokens that expire within five minutes; a call
 * about to use one that expires within a minute renews it first; a provider's 401 renews it once and the call is
 * tried again. A subscription the vendor will not renew says "needs sign-in" (provider health, console) and is
 * skipped, so work moves down the fallback chain like after any refusal, until an admin imports a new credential.
 *
 * <p>Refresh tokens are single-use at both vendors, so one renewal per credential runs at a time, and the stored
 * tokens are read first: a renewal another node made is adopted instead of spending the used refresh token again.
 */
@ApplicationScoped
public class Subscriptions implements Runnable {

    private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());

    /** The round renews tokens this close to their expiry, unless set otherwise ({@link #setRenewAhead}). */
    static final Duration RENEW_AHEAD = Duration.ofMinutes(5);
    /** A call renews first a token this close to its expiry. */
    static final Duration RENEW_BEFORE_USE = Duration.ofMinutes(1);

    @Inject
    Credentials credentials;

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private volatile Duration renewAhead = RENEW_AHEAD;

    /**
     * How close to expiry the round renews tokens (SROOTER_SUBSCRIPTION_RENEW_AHEAD_SECONDS). Under the minute a call
     * renews ahead, the round leaves that renewal to the call: the integration tests set it so, to watch the call do
     * it without the round taking its turn.
     */
    public void setRenewAhead(Duration renewAhead) {
        this.renewAhead = renewAhead;
    }

    /** Outside CDI (unit tests of the callers): renewals over these credentials. */
    public static Subscriptions over(Credentials credentials) {
        Subscriptions subscriptions = new Subscriptions();
        subscriptions.credentials = credentials;
        return subscriptions;
    }

    /** Before a call with this credential: renewed if about to expire; false when it cannot serve (needs sign-in). */
    public boolean ready(Credentials.Live credential) {
        Subscription plan = credential.subscription();
        if (plan == null) {
            return true;
        }
        if (plan.expiresWithin(RENEW_BEFORE_USE)) {
            renew(credential, plan);
        }
        return !credentials.needsSignIn(credential) && !credential.subscription().expiresWithin(Duration.ZERO);
    }

    /** After the provider refused {@code refusedWith} (401): renewed once; true when the call may be tried again. */
    public boolean renewAfterRefusal(Credentials.Live credential, Subscription refusedWith) {
        return renew(credential, refusedWith) && credential.subscription() != refusedWith;
    }

    /**
     * A subscription being imported, renewed first when its access token has expired or is about to (a file copied
     * from a laptop that has not run Claude Code for a day). Throws {@link IllegalArgumentException} when the vendor
     * refuses to renew it (sign in again first), {@link IllegalStateException} when its token endpoint cannot be
     * asked now.
     */
    public Subscription freshForImport(Subscription plan) {
        if (!plan.expiresWithin(RENEW_BEFORE_USE)) {
            return plan;
        }
        TokenRefresh.Outcome outcome = TokenRefresh.run(plan);
        if (outcome instanceof TokenRefresh.Renewed renewed) {
            return renewed.subscription();
        }
        if (outcome instanceof TokenRefresh.SignInNeeded refused) {
            throw new IllegalArgumentException("the subscription has expired and " + refused.reason());
        }
        throw new IllegalStateException("the subscription has expired and could not be renewed now: "
                + ((TokenRefresh.NotNow) outcome).reason());
    }

    /** The renewal round. Nothing escapes it: a periodic task that throws is never run again. */
    @Override
    public void run() {
        for (Credentials.Live credential : credentials.subscriptions()) {
            try {
                Subscription plan = credential.subscription();
                if (plan.expiresWithin(renewAhead) && !credentials.needsSignIn(credential)) {
                    renew(credential, plan);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "srooter: renewing a subscription failed; the next round tries again", e);
            }
        }
    }

    /**
     * Renews the tokens {@code seen} were current; true when the credential holds usable tokens afterwards (renewed
     * here, by another caller meanwhile, or by another node), false when it needs sign-in or renewal must wait.
     */
    boolean renew(Credentials.Live credential, Subscription seen) {
        synchronized (locks.computeIfAbsent(credential.id(), k -> new Object())) {
            if (credential.subscription() != seen) {
                return !credentials.needsSignIn(credential); // renewed while this caller waited
            }
            Optional<Subscription> stored = credentials.stored(credential);
            if (stored.isPresent() && !stored.get().accessToken().equals(seen.accessToken())) {
                credentials.adopt(credential, stored.get()); // another node renewed it
                return true;
            }
            TokenRefresh.Outcome outcome = TokenRefresh.run(seen);
            if (outcome instanceof TokenRefresh.Renewed renewed) {
                credentials.renewed(credential, renewed.subscription());
                LOG.info("srooter: renewed a " + seen.vendor() + " subscription of provider "
                        + credential.providerId() + "; its access token now expires at "
                        + renewed.subscription().expiresAt());
                return true;
            }
            if (outcome instanceof TokenRefresh.SignInNeeded refused) {
                credentials.signInNeeded(credential, refused.reason());
                return false;
            }
            LOG.warning("srooter: could not renew a " + seen.vendor() + " subscription of provider "
                    + credential.providerId() + " now (" + ((TokenRefresh.NotNow) outcome).reason()
                    + "); trying again next round");
            return false;
        }
    }
}
