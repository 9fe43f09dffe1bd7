package dev.srooter.server.providers;

import dev.srooter.server.providers.subscription.Subscription;
import dev.srooter.server.security.SecretBox;
import dev.srooter.server.store.ProviderCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The credentials of every provider account, opened once and held in memory for the request path.
 * Requests take turns over an account's usable credentials; one the provider refused (401/403) is marked
 * bad (in the database too, so it stays skipped after a restart) and one that was rate limited cools down
 * for as long as the provider asked. Secrets never leave this class except as auth headers.
 */
@ApplicationScoped
public class Credentials {

    private static final Logger LOG = Logger.getLogger(Credentials.class.getName());
    public static final String SUBSCRIPTION = "subscription";
    static final String SIGN_IN = "sign-in";
    /** The state a subscription that cannot be renewed shows in {@link Standing}. */
    public static final String NEEDS_SIGN_IN = "needs sign-in";

    /** An opened credential: an API key, or a subscription whose tokens are renewed in place. */
    public static final class Live {
        final String id;
        final String providerId;
        final String secret;
        final String hint;
        volatile Subscription subscription;
        /** The subscription as read from the database when this was opened (null for an API key). */
        Subscription opened;

        Live(String id, String providerId, String secret, String hint) {
            this.id = id;
            this.providerId = providerId;
            this.secret = secret;
            this.hint = hint;
        }

        public String id() {
            return id;
        }

        public String providerId() {
            return providerId;
        }

        /** What a call is authenticated with: the key, or the subscription's current access token. */
        public String secret() {
            Subscription current = subscription;
            return current != null ? current.accessToken() : secret;
        }

        /** The subscription behind this credential, or null for an API key. */
        public Subscription subscription() {
            return subscription;
        }

        /** What a call names besides the secret (a subscription's account id). */
        public Map<String, String> attributes() {
            Subscription current = subscription;
            return current != null ? current.attributes() : Map.of();
        }

        public String hint() {
            return hint;
        }

        @Override
        public String toString() {
            return "Credential[" + hint + "]";
        }
    }

    /**
     * How an account's credentials stand, for the admin API: {@code state} is {@code ok}, {@code cooling},
     * {@code bad} (a key the provider refused) or {@code needs sign-in} (a subscription that cannot be renewed);
     * {@code kind} is {@code key} or {@code subscription}, whose access token expires at {@code expiresAt}.
     */
    public record Standing(String id, String hint, String state, Long coolingForSeconds, String kind,
                           Instant expiresAt, String reason) {
    }

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    /**
     * What this node has seen of each credential, by id, kept apart from the opened credentials so that a
     * reload (which replaces those) can never lose a refusal or a rest that happened while it ran.
     */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Subscriptions that could not be renewed, with why: skipped until an admin imports a new credential. */
    private final Map<String, String> signIn = new ConcurrentHashMap<>();
    private final Map<String, Long> restingUntil = new ConcurrentHashMap<>();

    private volatile SecretBox box;
    private volatile Map<String, List<Live>> byProvider = Map.of();
    /** Held while the open credentials are swapped and while renewed tokens are put in service (both rare). */
    private final Object swap = new Object();
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    public void init(SecretBox secretBox) {
        this.box = secretBox;
    }

    public String seal(String secret, String providerId) {
        return box.seal(secret, providerId);
    }

    /** Re-reads every credential from the database (a refusal stored there counts here too). */
    public void reload() {
        open(em.createQuery("SELECT c FROM ProviderCredential c ORDER BY c.createdAt", ProviderCredential.class)
                .getResultList());
    }

    /** Opens these stored credentials, in this order, for the request path (replacing the ones open before). */
    void open(List<ProviderCredential> stored) {
        Map<String, List<Live>> next = new HashMap<>();
        for (ProviderCredential c : stored) {
            if ("bad".equals(c.state)) {
                refused.add(c.id);
            }
            if (SIGN_IN.equals(c.state)) {
                signIn.put(c.id, c.stateReason == null ? NEEDS_SIGN_IN : c.stateReason);
            }
            String opened = box.unseal(c.secret, c.providerId);
            Live live = new Live(c.id, c.providerId, SUBSCRIPTION.equals(c.kind) ? "" : opened, c.hint);
            if (SUBSCRIPTION.equals(c.kind)) {
                live.opened = Subscription.fromJson(opened);
                live.subscription = live.opened;
            }
            next.computeIfAbsent(c.providerId, k -> new ArrayList<>()).add(live);
        }
        next.replaceAll((k, v) -> List.copyOf(v));
        synchronized (swap) {
            // A renewal that raced this read (an admin's change reloads every credential; a request renews on a 401
            // meanwhile) put its tokens in service after the row above was read: keep them, or the next call sends
            // the access token just replaced and the refresh token just spent, and the subscription is lost.
            Map<String, Live> before = new HashMap<>();
            byProvider.values().forEach(open -> open.forEach(was -> before.put(was.id, was)));
            for (List<Live> opening : next.values()) {
                for (Live live : opening) {
                    Live was = before.get(live.id);
                    if (was != null && was.opened != null && was.subscription != was.opened
                            && was.opened.equals(live.opened)) {
                        live.subscription = was.subscription;
                    }
                }
            }
            byProvider = Map.copyOf(next);
        }
    }

    /** Puts a subscription's new tokens in service on this credential and on the one open now for its id. */
    private void inService(Live credential, Subscription tokens) {
        synchronized (swap) {
            credential.subscription = tokens;
            for (Live open : byProvider.getOrDefault(credential.providerId, List.of())) {
                if (open.id.equals(credential.id)) {
                    open.subscription = tokens;
                }
            }
        }
    }

    /**
     * The next usable credential of an account, in turn, skipping those already tried for this request;
     * empty when none is usable.
     */
    public Optional<Live> pick(String providerId, Set<String> tried) {
        List<Live> all = byProvider.getOrDefault(providerId, List.of());
        if (all.isEmpty()) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        int start = Math.floorMod(turns.computeIfAbsent(providerId, k -> new AtomicInteger()).getAndIncrement(),
                all.size());
        for (int k = 0; k < all.size(); k++) {
            Live c = all.get((start + k) % all.size());
            if (usable(c, now) && !tried.contains(c.id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The first usable credential, for model discovery and srooter's own calls; the turn-taking is not disturbed. */
    public Optional<Live> any(String providerId) {
        long now = System.currentTimeMillis();
        return byProvider.getOrDefault(providerId, List.of()).stream()
                .filter(c -> usable(c, now)).findFirst();
    }

    private boolean usable(Live c, long now) {
        return !refused.contains(c.id) && !signIn.containsKey(c.id) && restingUntil.getOrDefault(c.id, 0L) <= now;
    }

    /** When the soonest cool-down of an account ends, if every usable credential is cooling. */
    public Optional<Duration> allCoolingFor(String providerId) {
        long now = System.currentTimeMillis();
        List<Live> all = byProvider.getOrDefault(providerId, List.of());
        long soonest = Long.MAX_VALUE;
        for (Live c : all) {
            if (!refused.contains(c.id) && !signIn.containsKey(c.id)) {
                long until = restingUntil.getOrDefault(c.id, 0L);
                if (until <= now) {
                    return Optional.empty();
                }
                soonest = Math.min(soonest, until);
            }
        }
        return soonest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofMillis(soonest - now));
    }

    public void coolDown(Live credential, Duration howLong) {
        restingUntil.put(credential.id, System.currentTimeMillis() + howLong.toMillis());
        LOG.info("srooter: credential " + credential.hint + " of provider " + credential.providerId
                + " is rate limited; cooling down for " + howLong.toSeconds() + " s");
    }

    @Transactional
    public void markBad(Live credential, String reason) {
        refused.add(credential.id);
        store(credential, reason);
        LOG.warning("srooter: credential " + credential.hint + " of provider " + credential.providerId
                + " was refused (" + reason + "); it is skipped until replaced or reset");
    }

    /** Keeps a refusal in the database, so that it stays skipped after a restart. */
    void store(Live credential, String reason) {
        ProviderCredential stored = em.find(ProviderCredential.class, credential.id);
        if (stored != null) {
            stored.state = "bad";
            stored.stateReason = reason;
        }
    }

    // ---- subscriptions

    /** Every subscription this node has open, for the renewal round. */
    public List<Live> subscriptions() {
        return byProvider.values().stream().flatMap(List::stream).filter(c -> c.subscription != null).toList();
    }

    /** Whether a subscription was found unable to renew (until a new credential is imported). */
    public boolean needsSignIn(Live credential) {
        return signIn.containsKey(credential.id);
    }

    /** The subscription as stored now (another node may have renewed it since this one opened it). */
    @Transactional
    public Optional<Subscription> stored(Live credential) {
        ProviderCredential row = em.find(ProviderCredential.class, credential.id);
        if (row == null || !SUBSCRIPTION.equals(row.kind)) {
            return Optional.empty();
        }
        em.refresh(row);
        return Optional.of(Subscription.fromJson(box.unseal(row.secret, row.providerId)));
    }

    /** Puts in service tokens another node renewed (and stored already). */
    public void adopt(Live credential, Subscription stored) {
        inService(credential, stored);
        signIn.remove(credential.id);
    }

    /** Puts renewed tokens in service and keeps them sealed, so a restart (or another node) uses them too. */
    @Transactional
    public void renewed(Live credential, Subscription renewed) {
        inService(credential, renewed);
        signIn.remove(credential.id);
        ProviderCredential row = em.find(ProviderCredential.class, credential.id);
        if (row != null) {
            row.secret = box.seal(renewed.toJson(), credential.providerId);
            row.expiresAt = renewed.expiresAt();
            row.state = "ok";
            row.stateReason = null;
        }
    }

    /** Marks a subscription that cannot be renewed: it says so everywhere and is skipped until signed in again. */
    @Transactional
    public void signInNeeded(Live credential, String reason) {
        signIn.put(credential.id, reason);
        ProviderCredential row = em.find(ProviderCredential.class, credential.id);
        if (row != null) {
            row.state = SIGN_IN;
            row.stateReason = reason.length() > 300 ? reason.substring(0, 300) : reason;
        }
        LOG.warning("srooter: subscription " + credential.hint + " of provider " + credential.providerId
                + " needs sign-in: " + reason);
    }

    /** Puts an account's credentials back in service: bad marks and cool-downs cleared (after a fix at the provider). */
    @Transactional
    public void reset(String providerId) {
        for (Live c : byProvider.getOrDefault(providerId, List.of())) {
            refused.remove(c.id);
            signIn.remove(c.id);
            restingUntil.remove(c.id);
        }
        em.createQuery("UPDATE ProviderCredential c SET c.state = 'ok', c.stateReason = NULL WHERE c.providerId = :id")
                .setParameter("id", providerId).executeUpdate();
    }

    public List<Standing> standing(String providerId) {
        long now = System.currentTimeMillis();
        return byProvider.getOrDefault(providerId, List.of()).stream().map(c -> {
            long until = restingUntil.getOrDefault(c.id, 0L);
            String reason = signIn.get(c.id);
            String state = refused.contains(c.id) ? "bad" : reason != null ? NEEDS_SIGN_IN
                    : until > now ? "cooling" : "ok";
            Subscription plan = c.subscription;
            return new Standing(c.id, c.hint, state, until > now ? (until - now + 999) / 1000 : null,
                    plan != null ? SUBSCRIPTION : "key", plan != null ? plan.expiresAt() : null, reason);
        }).toList();
    }

    /** Enough of a credential to recognise it, never enough to use it. */
    public static String hint(String secret) {
        return secret.length() <= 8 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
